package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.notify.DingTalkMessage;
import io.watchfloor.notify.ReceiverAnswer;
import io.watchfloor.notify.SmsTemplate;
import io.watchfloor.notify.WeComMessage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A message on the wire, per channel type (docs/notify.md#on-the-wire): WeCom's and DingTalk's markdown
 * (DingTalk's URL signed at the moment of sending), the webhook's JSON with its id and optional bearer token
 * or HMAC signature, and the SMS gateway's request once per phone. Non-blocking: the requests are Vert.x's,
 * and the answer is classified by {@link ReceiverAnswer}.
 */
final class HttpTransport implements Sender.Transport {
  static final String ID_HEADER = "X-Watchfloor-Id";
  static final String SIGNATURE_HEADER = "X-Watchfloor-Signature";
  static final String TIMESTAMP_HEADER = "X-Watchfloor-Timestamp";
  private static final String JSON = "application/json; charset=utf-8";

  private final WebClient client;
  private final long timeoutMs;
  private final Clock clock;

  HttpTransport(WebClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeoutMs = timeout.toMillis();
    this.clock = clock;
  }

  @Override
  public Future<ReceiverAnswer> send(Channel channel, Render.Outbound message) {
    return switch (channel.type()) {
      case WECOM -> post(channel, channel.url(), WeComMessage.markdown(message.markdown()).body(), Map.of());
      case DINGTALK -> post(channel, DingTalkMessage.signedUrl(channel.url(), channel.secret(), clock.millis()),
          new DingTalkMessage(message.title(), message.markdown()).body(), Map.of());
      case WEBHOOK -> post(channel, channel.url(), message.webhookJson(), webhookHeaders(channel, message));
      case SMS -> sms(channel, channel.sms().phones(), 0, message.plain());
    };
  }

  private Map<String, String> webhookHeaders(Channel channel, Render.Outbound message) {
    return switch (channel.auth()) {
      case NONE -> Map.of(ID_HEADER, message.id());
      case BEARER -> Map.of(ID_HEADER, message.id(), "Authorization", "Bearer " + channel.secret());
      case HMAC -> {
        String timestamp = Long.toString(clock.millis());
        yield Map.of(ID_HEADER, message.id(), TIMESTAMP_HEADER, timestamp,
            SIGNATURE_HEADER, "sha256=" + hmac(channel.secret(), timestamp + "." + message.webhookJson()));
      }
    };
  }

  /** Each phone in turn; the first that is not taken ends it, so a retry sends to all again (the same 编号). */
  private Future<ReceiverAnswer> sms(Channel channel, List<String> phones, int i, String text) {
    Channel.Sms sms = channel.sms();
    SmsTemplate template = new SmsTemplate(sms.contentType(), sms.body());
    HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(sms.method()), channel.url())
        .timeout(timeoutMs).putHeader("Content-Type", sms.contentType());
    sms.headers().forEach(request::putHeader);
    String phone = phones.isEmpty() ? "" : phones.get(i);
    return request.sendBuffer(Buffer.buffer(template.render(phone, text)))
        .map(response -> answer(channel, response))
        .compose(answer -> answer.verdict() == ReceiverAnswer.Verdict.SENT && i + 1 < phones.size()
            ? sms(channel, phones, i + 1, text) : Future.succeededFuture(answer));
  }

  private Future<ReceiverAnswer> post(Channel channel, String url, String body, Map<String, String> headers) {
    HttpRequest<Buffer> request = client.postAbs(url).timeout(timeoutMs).putHeader("Content-Type", JSON);
    headers.forEach(request::putHeader);
    return request.sendBuffer(Buffer.buffer(body)).map(response -> answer(channel, response));
  }

  private static ReceiverAnswer answer(Channel channel, HttpResponse<Buffer> response) {
    return ReceiverAnswer.classify(channel.type(), response.statusCode(), response.bodyAsString());
  }

  static String hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
