package io.watchfloor.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A message for a DingTalk custom robot (钉钉自定义机器人), as markdown: {@code title} is what the chat list and
 * the phone's notification show, {@code text} the message itself.
 */
public record DingTalkMessage(String title, String text) {

  /** {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}. */
  public String body() {
    ObjectNode body = NotifyJson.object().put("msgtype", "markdown");
    body.putObject("markdown").put("title", title).put("text", text);
    return NotifyJson.write(body);
  }

  /**
   * The robot's URL with its signature (加签): {@code &timestamp=<ms>&sign=<sign>}. DingTalk refuses a
   * timestamp more than an hour from its clock, so the sender signs each request as it sends it.
   */
  public static String signedUrl(String webhookUrl, String secret, long timestampMillis) {
    String separator = webhookUrl.contains("?") ? "&" : "?";
    return webhookUrl + separator + "timestamp=" + timestampMillis + "&sign=" + sign(secret, timestampMillis);
  }

  /** URL-encoded Base64 of HMAC-SHA256, keyed with the secret, over {@code timestamp + "\n" + secret}. */
  public static String sign(String secret, long timestampMillis) {
    byte[] digest = Hashing.hmacSha256(secret, timestampMillis + "\n" + secret);
    return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
  }
}
