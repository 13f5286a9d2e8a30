package io.watchfloor.notify;

/** The kinds of channel §15 names, by the keys of the admin API. */
public enum ChannelType {
  WECOM, DINGTALK, WEBHOOK, SMS;

  public String key() {
    return name().toLowerCase();
  }

  /** WeCom and DingTalk robots answer HTTP 200 and say in the body whether they took the message. */
  boolean answersInBody() {
    return this == WECOM || this == DINGTALK;
  }
}
