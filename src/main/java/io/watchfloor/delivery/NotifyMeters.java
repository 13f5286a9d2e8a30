package io.watchfloor.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What became of the outbox's messages, on /metrics as {@code watchfloor_notify_messages_total{outcome}}:
 * sent alone or as a digest's lead, merged into a digest, tried again, failed for good.
 */
final class NotifyMeters {
  private final Counter sent;
  private final Counter merged;
  private final Counter retried;
  private final Counter failed;

  NotifyMeters(MeterRegistry registry) {
    sent = counter(registry, "sent");
    merged = counter(registry, "merged");
    retried = counter(registry, "retried");
    failed = counter(registry, "failed");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("watchfloor.notify.messages").tag("outcome", outcome)
        .description("messages of the notification outbox by what became of them").register(registry);
  }

  void sent(int lead, int mergedWithIt) {
    sent.increment(lead);
    merged.increment(mergedWithIt);
  }

  void retried(int n) {
    retried.increment(n);
  }

  void failed(int n) {
    failed.increment(n);
  }
}
