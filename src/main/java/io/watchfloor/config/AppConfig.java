package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.util.Set;

/**
 * The application file as typed records, one per section, read once at start. Every key has its
 * one default in its section's record; a bad value stops the server with the file and field named.
 */
public record AppConfig(HttpConfig http, IngestConfig ingest, StoreConfig store, LiveConfig live,
                        RankingConfig ranking, AlertsConfig alerts, DemoConfig demo, String logFormat) {

  public static AppConfig read(ConfigNode app) {
    return new AppConfig(
        HttpConfig.read(app.field("http")),
        IngestConfig.read(app.field("ingest")),
        StoreConfig.read(app.field("store")),
        LiveConfig.read(app.field("live")),
        RankingConfig.read(app.field("ranking")),
        AlertsConfig.read(app.field("alerts")),
        DemoConfig.read(app.field("demo")),
        Fields.oneOf(app.field("log"), "format", "text", Set.of("text", "json")));
  }
}
