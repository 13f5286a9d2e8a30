package io.watchfloor.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.IngestPolicy;
import io.watchfloor.domain.OffsetTimes;
import io.watchfloor.domain.Outliers;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.ReportReader;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.domain.SortedValues;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.live.LiveState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * CPU per report of the per-report steps the ingest profile pointed at, on one thread, best of 15
 * rounds: a busy shared machine slows some rounds, rarely all. The sample town and rules, the ingest
 * benchmark's checkpoint reports, the last hour full of them. Run: bench/hotpath.sh
 */
public final class HotPathBench {
  private static final String[] SITES = {"cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge"};
  private static final int N = 20_000;
  private static final int ROUNDS = 15;

  private HotPathBench() {
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(json("application.json"), json("town.json"), json("access.json"),
        json("demo-access.json"), json("rules.json"));
    Catalogue catalogue = settings.catalogue();
    Instant now = Instant.now();
    ZoneId zone = catalogue.jurisdiction().timezone();
    LiveState state = new LiveState(catalogue, now.atZone(zone).toLocalDate(), "persons_checked");
    Random random = new Random(1);
    List<Report> reports = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      OffsetDateTime at = now.minusSeconds(random.nextInt(3600)).atOffset(ZoneOffset.ofHours(8));
      Report report = new Report(UUID.randomUUID(), "demo-checkpoints", SITES[random.nextInt(SITES.length)], at,
          at.atZoneSameInstant(zone).toLocalDate(), now, Map.of("vehicles_checked", 1.0 + random.nextInt(50),
          "persons_checked", 1.0 + random.nextInt(120), "vehicles_turned_back", (double) random.nextInt(10),
          "persons_turned_back", (double) random.nextInt(60)), null, "hash");
      reports.add(report);
      state.apply(report, true);
    }
    RuleEngine rules = new RuleEngine(catalogue, settings.rules());
    System.out.printf("rules on a report (%d rules, an hour of reports in the windows): %.2f µs%n",
        settings.rules().size(), best(() -> reports.forEach(r -> rules.onReport(r, state, now))) / N);

    double[] history = new double[200];
    for (int i = 0; i < history.length; i++) {
      history[i] = 20 + random.nextInt(40);
    }
    SortedValues kept = SortedValues.of(history);
    System.out.printf("outlier test, 200 readings kept sorted: %.3f µs; sorted for the test: %.3f µs%n",
        best(() -> {
          for (int i = 0; i < N; i++) {
            Outliers.check(kept, 20 + i % 41, Outliers.DEFAULT_K);
          }
        }) / N,
        best(() -> {
          for (int i = 0; i < N; i++) {
            Outliers.check(history, 20 + i % 41, Outliers.DEFAULT_K);
          }
        }) / N);

    String[] times = new String[1000];
    for (int i = 0; i < times.length; i++) {
      times[i] = now.minusSeconds(i).atOffset(ZoneOffset.ofHours(8)).withNano(0).toString();
    }
    System.out.printf("observedAt read by hand: %.3f µs; by the ISO formatter: %.3f µs%n",
        best(() -> {
          for (String t : times) {
            OffsetTimes.parse(t);
          }
        }) / times.length,
        best(() -> {
          for (String t : times) {
            OffsetDateTime.parse(t, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          }
        }) / times.length);

    ReportReader reader = new ReportReader(catalogue, IngestPolicy.defaults());
    FieldUnit unit = new FieldUnit("demo-checkpoints", "bench", Set.of(SITES), "none");
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      bodies.add(("{\"id\":\"" + UUID.randomUUID() + "\",\"site\":\"" + SITES[i % SITES.length] + "\",\"observedAt\":\""
          + times[i % times.length] + "\",\"metrics\":{\"vehicles_checked\":12,\"persons_checked\":30,"
          + "\"vehicles_turned_back\":1,\"persons_turned_back\":3}}").getBytes());
    }
    System.out.printf("a report body parsed and validated: %.2f µs%n", best(() -> {
      for (byte[] body : bodies) {
        try {
          reader.read(StrictJson.parse(body), unit, now);
        } catch (StrictJson.MalformedJson e) {
          throw new IllegalStateException(e);
        }
      }
    }) / N);
  }

  /** The fastest of the rounds, in µs. */
  private static double best(Runnable round) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < ROUNDS; i++) {
      long started = System.nanoTime();
      round.run();
      best = Math.min(best, (System.nanoTime() - started) / 1000.0);
    }
    return best;
  }

  private static JsonObject json(String file) throws java.io.IOException {
    return new JsonObject(Buffer.buffer(Files.readAllBytes(Path.of("config", file))));
  }
}
