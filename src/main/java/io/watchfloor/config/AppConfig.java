package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;
import java.util.Set;

/**
 * The application file as typed records, one per section, read once at start. Every key has its
 * one default in its section's record; a bad value stops the server with the file and field named.
 *
 * @param shutdownTimeout how long a stop (SIGTERM) waits for the verticles to stop before the process halts
 */
public record AppConfig(HttpConfig http, IngestConfig ingest, StoreConfig store, LiveConfig live,
                        RankingConfig ranking, AlertsConfig alerts, DemoConfig demo, String logFormat,
                        ClusterConfig cluster, Duration shutdownTimeout,
                        ReviewConfig review, RulesConfig rules, CasesConfig cases,
                        ComplianceConfig compliance, NotifyConfig notifications) {
  /** Said when a clustered start meets the embedded store; tests look for it. */
  public static final String CLUSTER_NEEDS_POSTGRES =
      "the embedded store holds one node's reports; set WATCHFLOOR_STORE=postgres";

  public static AppConfig read(ConfigNode app) {
    AppConfig config = new AppConfig(
        HttpConfig.read(app.field("http")),
        IngestConfig.read(app.field("ingest")),
        StoreConfig.read(app.field("store")),
        LiveConfig.read(app.field("live")),
        RankingConfig.read(app.field("ranking")),
        AlertsConfig.read(app.field("alerts")),
        DemoConfig.read(app.field("demo")),
        Fields.oneOf(app.field("log"), "format", "text", Set.of("text", "json")),
        ClusterConfig.read(app.field("cluster")),
        Duration.ofMillis(Fields.longInt(app.field("shutdown"), "timeout-ms", 10_000, 100, 600_000)),
        ReviewConfig.read(app.field("review")),
        RulesConfig.read(app.field("rules")),
        CasesConfig.read(app.field("cases")),
        ComplianceConfig.read(app.field("compliance")),
        NotifyConfig.read(app.field("notify")));
    // every node must see every node's reports: only a store they all share can give them that
    if (config.cluster().enabled() && !config.store().postgres()) {
      throw app.field("cluster").field("enabled").error("a clustered start with store.kind "
          + config.store().kind() + ": " + CLUSTER_NEEDS_POSTGRES);
    }
    return config;
  }
}
