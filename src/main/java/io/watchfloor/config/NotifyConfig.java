package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;

/**
 * The {@code notify} section: how notifications leave (docs/notify.md). Links in messages start with
 * {@code externalUrl}, the address people reach the server at; empty means this node's own HTTP address,
 * which is right only for a demo.
 *
 * @param externalUrl the base of the console's and the field page's links in messages
 * @param giveUpAfter how long a message is tried before it is marked failed and shown in /admin
 * @param firstRetry the first wait after a refusal; each next one doubles, up to {@code maxRetry}
 * @param maxRetry the longest wait between two tries
 * @param requestTimeout how long a receiver may take to answer before the try counts as a refusal
 * @param checkMs how often the sender looks for work besides being woken by an event
 * @param keepDays how long events and messages that are done stay in the outbox (its trail in /admin)
 */
public record NotifyConfig(String externalUrl, Duration giveUpAfter, Duration firstRetry, Duration maxRetry,
                           Duration requestTimeout, int checkMs, int keepDays) {
  static NotifyConfig read(ConfigNode notify) {
    String externalUrl = Fields.text(notify, "external-url", "");
    if (!externalUrl.isEmpty() && !externalUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw notify.field("external-url").error("an http:// or https:// address with no query, as people reach the server");
    }
    return new NotifyConfig(externalUrl,
        Duration.ofMinutes(Fields.integer(notify, "give-up-minutes", 60, 1, 10_080)),
        Duration.ofMillis(Fields.integer(notify, "first-retry-ms", 5_000, 10, 600_000)),
        Duration.ofSeconds(Fields.integer(notify, "max-retry-seconds", 600, 1, 86_400)),
        Duration.ofMillis(Fields.integer(notify, "request-timeout-ms", 10_000, 100, 120_000)),
        Fields.integer(notify, "check-ms", 1_000, 50, 60_000),
        Fields.integer(notify, "keep-days", 30, 1, 3_650));
  }

  /** The base of links: the configured address without its trailing slash, or {@code fallback}. */
  public String linkBase(String fallback) {
    String base = externalUrl.isBlank() ? fallback : externalUrl;
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
