package io.watchfloor.flag;

import io.watchfloor.storage.Storage;
import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@PgTest
class PgFlagStoreTest extends FlagStoreContract {
  private static final String DATABASE = "wf_test_flag_store";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected FlagStore create(Vertx vertx) {
    return new PgFlagStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE report_flag");
  }

  /**
   * What a restart seeds the outlier check with: per site asked and metric, its newest readings since the
   * window's start, at most the ring's size, oldest first; a report without the metric is no reading of it.
   */
  @Test
  void eachSeriesGivesItsNewestReadingsSinceTheWindowOldestFirst() {
    TestDatabase.execute(DATABASE, "TRUNCATE report");
    // 250 minutes of a checkpoint, every other one also with people_checked; a second checkpoint with one
    // report before the window and two in it; a site not asked for
    TestDatabase.execute(DATABASE, """
        INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, body_hash)
        SELECT gen_random_uuid(), 'u', 'cp-highway-exit', t, t::date, t,
               CASE WHEN i % 2 = 0 THEN jsonb_build_object('vehicles_checked', i, 'people_checked', i)
                    ELSE jsonb_build_object('vehicles_checked', i) END, 'h'
          FROM generate_series(0, 249) i, LATERAL (SELECT timestamptz '2026-11-20 00:00Z' + i * interval '1 minute' AS t) at
        UNION ALL
        SELECT gen_random_uuid(), 'u', 'cp-xudong-road', t, t::date, t, jsonb_build_object('vehicles_checked', i), 'h'
          FROM generate_series(0, 2) i, LATERAL (SELECT timestamptz '2026-11-19 23:00Z' + i * interval '1 hour' AS t) at
        UNION ALL
        SELECT gen_random_uuid(), 'u', 'cp-not-asked', timestamptz '2026-11-20 01:00Z', date '2026-11-20',
               timestamptz '2026-11-20 01:00Z', '{"vehicles_checked": 7}', 'h'""");
    Instant since = Instant.parse("2026-11-19T23:30:00Z");
    List<FlagStore.Reading> readings = store.readings(List.of(CHECKPOINT, OTHER_CHECKPOINT), since, 200, 1000).await();

    assertThat(values(readings, CHECKPOINT, "vehicles_checked")).as("the newest 200 of 250")
        .containsExactlyElementsOf(java.util.stream.IntStream.range(50, 250).asDoubleStream().boxed().toList());
    assertThat(values(readings, CHECKPOINT, "people_checked")).as("only the reports holding it")
        .hasSize(125).allMatch(v -> v % 2 == 0);
    assertThat(values(readings, OTHER_CHECKPOINT, "vehicles_checked")).as("none from before the window")
        .containsExactly(1.0, 2.0);
    assertThat(readings).as("no site not asked for").noneMatch(r -> r.site().equals("cp-not-asked"));
    assertThat(readings).extracting(FlagStore.Reading::at).as("oldest first").isSorted();
  }

  private static List<Double> values(List<FlagStore.Reading> readings, String site, String metric) {
    return readings.stream().filter(r -> r.site().equals(site) && r.metric().equals(metric))
        .map(FlagStore.Reading::value).toList();
  }
}
