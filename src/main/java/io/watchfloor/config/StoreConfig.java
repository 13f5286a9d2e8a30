package io.watchfloor.config;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigNode;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code store} section: which store, how to reach PostgreSQL, and the group commit's bounds.
 * {@code retentionMonths}: whole months of reports PostgreSQL keeps before the current one (0 = all).
 * {@code primaryProbeMs}: how often each node asks PostgreSQL which server takes its writes (the failover metrics).
 */
public record StoreConfig(String kind, long openRetryMs, int memoryMaxReports, Pg pg, GroupCommit groupCommit,
                          InDoubt inDoubt, int retentionMonths, long primaryProbeMs) {
  public static final String MEMORY = "memory";
  public static final String POSTGRES = "postgres";

  public boolean postgres() {
    return POSTGRES.equals(kind);
  }

  /** {@code store.pg}. */
  public record Pg(String url, int poolSize, int maxWaitQueue, int connectTimeoutMs, int pipeliningLimit,
                   int alertPoolSize, int adminPoolSize, int readPoolSize, int readMaxWaitQueue,
                   int readStatementTimeoutMs, int casePoolSize, int notifyPoolSize) {
    /** The {@code store.pg} section given as JSON, with the defaults for what it leaves out. */
    public static Pg of(JsonObject section) {
      return read(Fields.node("store.pg", section));
    }

    static Pg read(ConfigNode pg) {
      String url = Fields.text(pg, "url", "postgresql://postgres@127.0.0.1:5432/watchfloor");
      if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
        throw pg.field("url").error("must be a postgresql:// URL");
      }
      return new Pg(url,
          Fields.integer(pg, "pool-size", 8, 1, 256),
          Fields.integer(pg, "max-wait-queue", 256, 1, 100_000),
          Fields.integer(pg, "connect-timeout-ms", 3000, 100, 60_000),
          Fields.integer(pg, "pipelining-limit", 256, 1, 4096),
          Fields.integer(pg, "alert-pool-size", 2, 1, 64),
          Fields.integer(pg, "admin-pool-size", 2, 1, 64),
          Fields.integer(pg, "read-pool-size", 2, 1, 256),
          Fields.integer(pg, "read-max-wait-queue", 16, 1, 100_000),
          Fields.integer(pg, "read-statement-timeout-ms", 10_000, 100, 3_600_000),
          Fields.integer(pg, "case-pool-size", 4, 1, 64),
          Fields.integer(pg, "notify-pool-size", 2, 1, 64));
    }
  }

  /** {@code store.group-commit}. */
  public record GroupCommit(int maxBatch, int maxInFlight, int maxQueued, int maxQueuedPerUnit, int overlapFrom,
                            int lingerMs, int lingerUntil, int busyFrom) {
    static GroupCommit read(ConfigNode group) {
      return new GroupCommit(Fields.integer(group, "max-batch", 500, 1, 10_000),
          Fields.integer(group, "max-in-flight", 2, 1, 256),
          Fields.integer(group, "max-queued", 20_000, 1, 10_000_000),
          Fields.integer(group, "max-queued-per-unit", 1000, 1, 10_000_000),
          Fields.integer(group, "overlap-from", 100, 1, 10_000),
          // 0: never wait; a transaction costs the database about a millisecond, a row a few microseconds
          Fields.integer(group, "linger-ms", 2, 0, 100),
          Fields.integer(group, "linger-until", 32, 1, 10_000),
          Fields.integer(group, "busy-from", 4, 1, 10_000));
    }
  }

  /** {@code store.in-doubt}: reports whose write failed, re-checked once the store answers. */
  public record InDoubt(int max, long checkMs, Duration keep) {
    static InDoubt read(ConfigNode doubt) {
      return new InDoubt(Fields.integer(doubt, "max", 10_000, 1, 10_000_000),
          Fields.longInt(doubt, "check-ms", 1000, 10, 86_400_000),
          Duration.ofSeconds(Fields.integer(doubt, "keep-seconds", 60, 1, 86_400)));
    }
  }

  static StoreConfig read(ConfigNode store) {
    return new StoreConfig(
        Fields.oneOf(store, "kind", MEMORY, Set.of(MEMORY, POSTGRES)),
        Fields.longInt(store, "open-retry-ms", 2000, 10, 600_000),
        Fields.integer(store.field("memory"), "max-reports", 500_000, 1, 100_000_000),
        Pg.read(store.field("pg")),
        GroupCommit.read(store.field("group-commit")),
        InDoubt.read(store.field("in-doubt")),
        Fields.integer(store, "retention-months", 24, 0, 1200),
        Fields.longInt(store, "primary-probe-ms", 1000, 100, 60_000));
  }
}
