package io.watchfloor.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message for a WeCom group robot (企业微信群机器人), as markdown. The robot refuses content over 4,096
 * UTF-8 bytes, so a longer text is cut cleanly ({@link Utf8Cut}) rather than lost to a refusal.
 */
public record WeComMessage(String content) {
  public static final int MAX_CONTENT_BYTES = 4096;

  /** The message for {@code markdown}, shortened to the robot's limit if need be. */
  public static WeComMessage markdown(String markdown) {
    return new WeComMessage(Utf8Cut.cut(markdown, MAX_CONTENT_BYTES));
  }

  /** {@code {"msgtype":"markdown","markdown":{"content":…}}}. */
  public String body() {
    ObjectNode body = NotifyJson.object().put("msgtype", "markdown");
    body.putObject("markdown").put("content", content);
    return NotifyJson.write(body);
  }
}
