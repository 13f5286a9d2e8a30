package io.watchfloor.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * What a receiver's answer means for the message and its channel, with the words shown in /admin.
 * WeCom and DingTalk answer HTTP 200 with {@code {"errcode":…,"errmsg":…}}, errcode 0 for taken; every other
 * receiver says it with the HTTP status.
 */
public record ReceiverAnswer(Verdict verdict, String detail) {

  public enum Verdict {
    /** Taken: done. */
    SENT,
    /** Refused for now (too fast, overloaded, unreachable): the same message again, after a backoff. */
    RETRY,
    /** The channel's key, secret or URL is wrong: no message of it can pass until an admin mends it. */
    STOP_CHANNEL,
    /** This message will never be taken as it is: marked failed, the channel goes on. */
    FAILED
  }

  /** DingTalk: 130101 sent too fast; 310000 the signature, keyword or IP allowlist does not match. */
  private static final int DINGTALK_TOO_FAST = 130101;
  private static final int DINGTALK_REFUSED_SECURITY = 310000;
  /** WeCom: 45009 over the API's frequency limit; 93000 the webhook's key is invalid. */
  private static final int WECOM_TOO_FAST = 45009;
  private static final int WECOM_INVALID_KEY = 93000;

  /** No answer at all: a timeout, a refused or reset connection, a failed name lookup. */
  public static ReceiverAnswer unreachable(String why) {
    return new ReceiverAnswer(Verdict.RETRY, "no answer: " + why);
  }

  public static ReceiverAnswer classify(ChannelType type, int status, String body) {
    String said = "HTTP " + status;
    if (status == 429 || status == 408 || status >= 500) {
      // 408 is the receiver's own timeout: as much a retry as ours.
      return new ReceiverAnswer(Verdict.RETRY, said);
    }
    if (status == 401 || status == 403 || status == 404) {
      // The URL or its credentials are wrong for every message alike.
      return new ReceiverAnswer(Verdict.STOP_CHANNEL, said);
    }
    if (status < 200 || status >= 300) {
      return new ReceiverAnswer(Verdict.FAILED, said);
    }
    return type.answersInBody() ? fromErrcode(type, body) : new ReceiverAnswer(Verdict.SENT, said);
  }

  private static ReceiverAnswer fromErrcode(ChannelType type, String body) {
    JsonNode answer;
    try {
      answer = NotifyJson.MAPPER.readTree(body == null ? "" : body);
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.path("errcode").canConvertToInt()) {
      // Not the robot's answer: most likely the URL leads somewhere else, so saying "sent" would be a guess.
      return new ReceiverAnswer(Verdict.FAILED, "HTTP 200 without an errcode: " + abbreviate(body));
    }
    int errcode = answer.get("errcode").asInt();
    String said = "errcode " + errcode + ": " + answer.path("errmsg").asText("");
    if (errcode == 0) {
      return new ReceiverAnswer(Verdict.SENT, said);
    }
    boolean dingTalk = type == ChannelType.DINGTALK;
    if (errcode == (dingTalk ? DINGTALK_TOO_FAST : WECOM_TOO_FAST)) {
      return new ReceiverAnswer(Verdict.RETRY, said);
    }
    if (errcode == (dingTalk ? DINGTALK_REFUSED_SECURITY : WECOM_INVALID_KEY)) {
      return new ReceiverAnswer(Verdict.STOP_CHANNEL, said);
    }
    return new ReceiverAnswer(Verdict.FAILED, said);
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
