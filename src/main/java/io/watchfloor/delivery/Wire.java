package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.notify.DingTalkMessage;
import io.watchfloor.notify.Hashing;
import io.watchfloor.notify.SmsTemplate;
import io.watchfloor.notify.WeComMessage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to a channel's receiver, as it goes on the wire: built here per channel type from what a
 * message says, with nothing of Vert.x but the final {@link #send}, so the test button and the sender build
 * exactly the same requests and a unit test can read them. An SMS channel is one request per phone.
 */
public record Wire(HttpMethod method, String url, Map<String, String> headers, String body) {
  public static final String ID_HEADER = "X-Watchfloor-Id";
  public static final String SIGNATURE_HEADER = "X-Watchfloor-Signature";
  public static final String TIMESTAMP_HEADER = "X-Watchfloor-Timestamp";
  private static final String JSON = "application/json; charset=utf-8";

  public Wire {
    headers = Map.copyOf(headers);
  }

  /**
   * The requests that carry {@code message} to {@code channel}: its title and markdown for the robots, its JSON
   * for a webhook (Alertmanager's for alerts, ours for cases and 催报) with its stable id in
   * {@value #ID_HEADER}, its plain text for SMS. {@code now} signs DingTalk's URL and the webhook's HMAC, so a
   * request is built just before it is sent.
   */
  public static List<Wire> of(Channel channel, Render.Outbound message, Instant now) {
    return switch (channel.type()) {
      case WECOM -> List.of(json(channel.url(), WeComMessage.markdown(message.markdown()).body(), Map.of()));
      case DINGTALK -> List.of(json(DingTalkMessage.signedUrl(channel.url(), channel.secret(), now.toEpochMilli()),
          new DingTalkMessage(message.title(), message.markdown()).body(), Map.of()));
      case WEBHOOK -> {
        Map<String, String> headers = new LinkedHashMap<>(auth(channel, message.webhookJson(), now));
        headers.put(ID_HEADER, message.id());
        yield List.of(json(channel.url(), message.webhookJson(), headers));
      }
      case SMS -> sms(channel, message.plain());
    };
  }

  private static Wire json(String url, String body, Map<String, String> more) {
    Map<String, String> headers = new LinkedHashMap<>(more);
    headers.put("Content-Type", JSON);
    return new Wire(HttpMethod.POST, url, headers, body);
  }

  /**
   * Bearer: the secret as the token. HMAC: {@code sha256=<hex>} of HMAC-SHA256 keyed with the secret over
   * {@code timestamp + "." + body}, the timestamp (Unix milliseconds, as DingTalk's) in its own header, so a
   * receiver can refuse a replayed request as well as a forged one.
   */
  private static Map<String, String> auth(Channel channel, String body, Instant now) {
    return switch (channel.auth()) {
      case NONE -> Map.of();
      case BEARER -> Map.of("Authorization", "Bearer " + channel.secret());
      case HMAC -> {
        String timestamp = Long.toString(now.toEpochMilli());
        yield Map.of(TIMESTAMP_HEADER, timestamp,
            SIGNATURE_HEADER, "sha256=" + hmacHex(channel.secret(), timestamp + "." + body));
      }
    };
  }

  /** Hex of HMAC-SHA256 keyed with {@code secret} over {@code text}: what a webhook receiver recomputes. */
  public static String hmacHex(String secret, String text) {
    return java.util.HexFormat.of().formatHex(Hashing.hmacSha256(secret, text));
  }

  private static List<Wire> sms(Channel channel, String text) {
    Channel.Sms sms = channel.sms();
    SmsTemplate template = new SmsTemplate(sms.contentType(), sms.body());
    Map<String, String> headers = new LinkedHashMap<>(sms.headers());
    // the template's type is the one its values were escaped for, so it wins over a header of the same name
    headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
    headers.put("Content-Type", sms.contentType());
    HttpMethod method = HttpMethod.valueOf(sms.method());
    return sms.phones().stream().map(phone -> new Wire(method, channel.url(), headers, template.render(phone, text)))
        .toList();
  }

  /** Sends it, answering whatever the receiver answered; fails only when no answer came (see ReceiverAnswer). */
  public Future<HttpResponse<Buffer>> send(WebClient client, long timeoutMs) {
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(timeoutMs).followRedirects(false);
    headers.forEach(request::putHeader);
    return request.sendBuffer(Buffer.buffer(body));
  }
}
