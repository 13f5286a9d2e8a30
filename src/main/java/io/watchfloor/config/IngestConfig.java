package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;
import io.watchfloor.domain.IngestPolicy;

import java.time.Duration;

/** The {@code ingest} section: what a report may be, how big a request, and how fast a unit may send. */
public record IngestConfig(IngestPolicy policy, int bodyLimit, int batchBodyLimit, int batchMax, long storeTimeoutMs,
                           int retryAfterSeconds, RateLimit rateLimit) {

  /** Reports per field unit: a batch of N takes N. */
  public record RateLimit(int perSecond, int burst) {
    static RateLimit read(ConfigNode rate) {
      return new RateLimit(Fields.integer(rate, "per-second", 200, 1, 10_000_000),
          Fields.integer(rate, "burst", 1000, 1, 10_000_000));
    }
  }

  static IngestConfig read(ConfigNode ingest) {
    IngestPolicy policy = new IngestPolicy(
        Fields.duration(ingest, "late-window", Duration.ofDays(7)),
        Fields.duration(ingest, "future-skew", Duration.ofMinutes(5)),
        Fields.integer(ingest, "note-max", 500, 0, 10_000));
    return new IngestConfig(policy,
        Fields.integer(ingest, "body-limit", 65_536, 1024, 16 << 20),
        Fields.integer(ingest, "batch-body-limit", 1 << 20, 1024, 64 << 20),
        Fields.integer(ingest, "batch-max", 500, 1, 10_000),
        Fields.longInt(ingest, "store-timeout-ms", 10_000, 100, 600_000),
        Fields.integer(ingest, "retry-after-seconds", 2, 1, 3600),
        RateLimit.read(ingest.field("rate-limit")));
  }
}
