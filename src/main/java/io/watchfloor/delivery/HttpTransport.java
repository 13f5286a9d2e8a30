package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.notify.ReceiverAnswer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The way to a receiver, for the sender and the test button alike: a message's requests as {@link Wire} builds
 * them, one after the other, each answer classified by {@link ReceiverAnswer}. Non-blocking: the requests are
 * Vert.x's. An SMS channel's phones are taken in turn; the first that is not taken ends it, so a retry sends to
 * all again with the same 编号. What a receiver said, or why none answered, has the channel's key and secret
 * taken out ({@link TestMessage#scrub}) before anyone keeps it: Vert.x's timeout names the request's URI, and a
 * receiver may echo what it was sent.
 */
final class HttpTransport implements Sender.Transport {
  static final String ID_HEADER = Wire.ID_HEADER;

  /** The answer that ended a message's requests, with the HTTP status and body it came with (null when none came). */
  record Reply(ReceiverAnswer answer, Integer status, String body) {
  }

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
    return exchange(channel, Wire.of(channel, message, clock.instant())).map(Reply::answer);
  }

  /** The requests in turn, until one is not taken or all are. */
  Future<Reply> exchange(Channel channel, List<Wire> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(new Reply(new ReceiverAnswer(ReceiverAnswer.Verdict.FAILED, "no phone to send to"), null, null));
    }
    return each(channel, requests, 0);
  }

  private Future<Reply> each(Channel channel, List<Wire> requests, int i) {
    return requests.get(i).send(client, timeoutMs)
        .map(response -> {
          String body = response.bodyAsString();
          ReceiverAnswer answer = ReceiverAnswer.classify(channel.type(), response.statusCode(), body);
          return new Reply(scrubbed(channel, answer), response.statusCode(), TestMessage.scrub(channel, body));
        })
        .otherwise(e -> new Reply(scrubbed(channel, ReceiverAnswer.unreachable(String.valueOf(e.getMessage()))), null, null))
        .compose(reply -> reply.answer().verdict() == ReceiverAnswer.Verdict.SENT && i + 1 < requests.size()
            ? each(channel, requests, i + 1) : Future.succeededFuture(reply));
  }

  private static ReceiverAnswer scrubbed(Channel channel, ReceiverAnswer answer) {
    return new ReceiverAnswer(answer.verdict(), TestMessage.scrub(channel, answer.detail()));
  }
}
