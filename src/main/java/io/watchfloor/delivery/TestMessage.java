package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.AlertNotice;
import io.watchfloor.notify.AlertmanagerPayload;
import io.watchfloor.notify.ReceiverAnswer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The test button's message (docs/notify.md): sent now, past the outbox and the channel's budget, and its answer
 * reported as the receiver gave it, so an admin sees at once whether the URL, key and secret are right. A
 * webhook gets an Alertmanager v4 body with one alert, {@code alertname=WatchfloorTest}, as its receiver
 * will get real alerts.
 */
final class TestMessage {
  static final String ALERT_NAME = "WatchfloorTest";
  static final String TITLE = "Watchfloor 测试消息";
  /** What of a receiver's answer is shown: enough for its error message, not a whole HTML error page. */
  private static final int ANSWER_CHARS = 500;

  private final HttpTransport transport;
  private final Catalogue catalogue;
  private final Clock clock;
  private final String consoleUrl;

  TestMessage(HttpTransport transport, Catalogue catalogue, Clock clock, String consoleUrl) {
    this.transport = transport;
    this.catalogue = catalogue;
    this.clock = clock;
    this.consoleUrl = consoleUrl;
  }

  /** {@code {ok, status, answer, verdict, detail}}: status null when no answer came at all. */
  Future<JsonObject> send(Channel channel) {
    Instant now = clock.instant();
    String areaName = catalogue.area(channel.scope()).map(a -> a.name()).orElse(channel.scope());
    String said = "通道「" + channel.name() + "」（" + areaName + "）可以收到 Watchfloor 的通知。"
        + "This is a test message from Watchfloor: the channel works.";
    Render.Outbound message = new Render.Outbound("test:" + channel.id() + ":" + now.toEpochMilli(), TITLE,
        "### " + TITLE + "\n" + said, webhookBody(channel, areaName, now), TITLE + "：" + said);
    // an SMS channel sends to each phone in turn; the first refusal is the answer, as the rest would say the same
    return transport.exchange(channel, Wire.of(channel, message, now)).map(TestMessage::answer);
  }

  /** What the admin and the audit see: the answer, cut; the transport took the channel's key and secret out. */
  private static JsonObject answer(HttpTransport.Reply reply) {
    ReceiverAnswer answer = reply.answer();
    String body = reply.body();
    String said = body == null ? answer.detail() : body.length() <= ANSWER_CHARS ? body : body.substring(0, ANSWER_CHARS) + "…";
    return new JsonObject().put("ok", answer.verdict() == ReceiverAnswer.Verdict.SENT).put("status", reply.status())
        .put("answer", said).put("verdict", answer.verdict().name().toLowerCase()).put("detail", answer.detail());
  }

  /**
   * The text with the channel's key and secret taken out: its secret, each query value of its URL, DingTalk's
   * signature, and anything else key-like.
   */
  static String scrub(Channel channel, String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    List<String> secrets = new java.util.ArrayList<>();
    if (channel.secret() != null) {
      secrets.add(channel.secret());
    }
    int query = channel.url().indexOf('?');
    if (query >= 0) {
      for (String pair : channel.url().substring(query + 1).split("&")) {
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.length() >= 4) {
          secrets.add(value);
        }
      }
    }
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, Masked.last4(secret));
    }
    // DingTalk's signature, and anything else key-like the URI carried
    return Masked.keysIn(scrubbed.replaceAll("([?&](?:sign|timestamp)=)[^&\\s]*", "$1…"));
  }

  private String webhookBody(Channel channel, String areaName, Instant now) {
    AlertNotice test = new AlertNotice(UUID.nameUUIDFromBytes(("test:" + channel.id()).getBytes()), ALERT_NAME, null,
        channel.scope(), areaName, Severity.INFO, Alert.State.OPEN, now, null,
        "测试消息 / test message: the channel " + channel.name() + " works", consoleUrl + "/console");
    return AlertmanagerPayload.body(channel.name(), consoleUrl, List.of(test));
  }
}
