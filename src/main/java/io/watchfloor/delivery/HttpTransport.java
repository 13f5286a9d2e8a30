package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.notify.ReceiverAnswer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The sender's way to a receiver: the message's requests as {@link Wire} builds them (the same the test button
 * sends), one after the other, each answer classified by {@link ReceiverAnswer}. Non-blocking: the requests
 * are Vert.x's. An SMS channel's phones are taken in turn; the first that is not taken ends it, so a retry
 * sends to all again with the same 编号.
 */
final class HttpTransport implements Sender.Transport {
  static final String ID_HEADER = Wire.ID_HEADER;

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
    // built as it goes: DingTalk's signature and the webhook's HMAC carry the moment of sending
    return each(channel, Wire.of(channel, message, clock.instant()), 0);
  }

  private Future<ReceiverAnswer> each(Channel channel, List<Wire> requests, int i) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(new ReceiverAnswer(ReceiverAnswer.Verdict.FAILED, "no phone to send to"));
    }
    return requests.get(i).send(client, timeoutMs)
        .map(response -> ReceiverAnswer.classify(channel.type(), response.statusCode(), response.bodyAsString()))
        .compose(answer -> answer.verdict() == ReceiverAnswer.Verdict.SENT && i + 1 < requests.size()
            ? each(channel, requests, i + 1) : Future.succeededFuture(answer));
  }
}
