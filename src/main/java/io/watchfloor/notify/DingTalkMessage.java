package io.watchfloor.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * A message for a DingTalk custom robot (钉钉自定义机器人), as markdown: {@code title} is what the chat list and
 * the phone's notification show, {@code text} the message itself.
 */
public record DingTalkMessage(String title, String text) {
  private static final String HMAC = "HmacSHA256";

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
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA256, so this is a broken runtime, not a bad secret.
      throw new IllegalStateException(HMAC + " is unavailable", e);
    }
  }
}
