package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Set;

/** Checks the application file's own fields; each error names the file and the dotted field. */
final class AppConfigCheck {
  private AppConfigCheck() {
  }

  static void check(ConfigNode app) {
    ConfigNode http = app.required("http");
    intIn(http, "port", 0, 65535);
    if (http.has("host")) {
      http.text("host");
    }
    intIn(http, "instances", 1, 64);
    if (app.has("ranking")) {
      intIn(app.field("ranking"), "red-size", 0, 1000);
      intIn(app.field("ranking"), "black-size", 0, 1000);
    }
    if (app.has("log") && app.field("log").has("format")
        && !Set.of("text", "json").contains(app.field("log").text("format"))) {
      throw app.field("log").field("format").error("must be text or json");
    }
    if (app.has("demo")) {
      ConfigNode demo = app.field("demo");
      for (String flag : new String[] {"enabled", "simulate"}) {
        if (demo.has(flag)) {
          demo.field(flag).bool();
        }
      }
      if (demo.has("access-file")) {
        demo.text("access-file");
      }
    }
    if (app.has("live")) {
      intIn(app.field("live"), "resync-gap-ms", 0, 60_000);
    }
    ConfigNode store = app.required("store");
    String kind = store.text("kind");
    if (!Set.of("memory", "postgres").contains(kind)) {
      throw store.field("kind").error("must be memory or postgres, got '" + kind + "'");
    }
    if (kind.equals("postgres")) {
      ConfigNode pg = store.required("pg");
      String url = pg.text("url");
      if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
        throw pg.field("url").error("must be a postgresql:// URL");
      }
      intIn(pg, "pool-size", 1, 256);
      intIn(pg, "connect-timeout-ms", 100, 60_000);
    }
    if (store.has("group-commit")) {
      ConfigNode group = store.field("group-commit");
      intIn(group, "max-batch", 1, 10_000);
      intIn(group, "max-in-flight", 1, 256);
      intIn(group, "max-queued", 1, 10_000_000);
    }
    if (app.has("ingest")) {
      ConfigNode ingest = app.field("ingest");
      duration(ingest, "late-window");
      duration(ingest, "future-skew");
      intIn(ingest, "batch-max", 1, 10_000);
      intIn(ingest, "body-limit", 1024, 16 << 20);
      intIn(ingest, "batch-body-limit", 1024, 64 << 20);
      if (ingest.has("rate-limit")) {
        intIn(ingest.field("rate-limit"), "per-second", 1, 10_000_000);
        intIn(ingest.field("rate-limit"), "burst", 1, 10_000_000);
      }
    }
  }

  private static void intIn(ConfigNode parent, String field, int min, int max) {
    if (!parent.has(field)) {
      return;
    }
    ConfigNode node = parent.field(field);
    double value = node.number();
    if (value != Math.rint(value) || value < min || value > max) {
      throw node.error("must be a whole number from " + min + " to " + max);
    }
  }

  private static void duration(ConfigNode parent, String field) {
    if (!parent.has(field)) {
      return;
    }
    ConfigNode node = parent.field(field);
    try {
      Duration.parse(node.text());
    } catch (DateTimeException e) {
      throw node.error("must be an ISO-8601 duration such as P7D or PT5M");
    }
  }
}
