package io.watchfloor.rules;

import io.watchfloor.PgTest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule previews on PostgreSQL with a busy district's day behind them: a town's admin learns only the
 * town's figures, the spike rule's week is summed by the database, and previews take turns (one per
 * admin at a time: the others are 429 with a Retry-After).
 */
@PgTest
class RulePreviewLimitsTest {
  private static final String DB = "rule_preview_limits_test";
  private static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-11-21");
  private static final int BUSY = 20_000;
  private static final int TOWN = 5;

  @Test
  void aTownAdminSeesOnlyTheTownAndParallelPreviewsOfOneAdminAreRefused() {
    try (TestServer server = RuleApiTest.start(TestDatabase.fresh(DB), new MutableClock(NOON))) {
      seed(TODAY, "cp-highway-exit", BUSY, "00:00", "11:00");
      seed(TODAY, "cp-shiqiao-bridge", TOWN, "01:00", "10:00");
      for (int back = 1; back <= 7; back++) {
        seed(TODAY.minusDays(back), "cp-highway-exit", 2_000, "00:00", "23:00");
      }
      Api api = new Api(server);
      String district = api.signIn("admin", "admin-demo-pass");
      String town = api.signIn(RuleApiTest.TOWN_ADMIN, RuleApiTest.TOWN_ADMIN_PASS);

      HttpResponse<Buffer> theirs = preview(server, town, "turned-back-surge").await();
      assertThat(theirs.statusCode()).as(theirs.bodyAsString()).isEqualTo(200);
      assertThat(theirs.bodyAsJsonObject().getInteger("reports")).as("石桥镇's reports, not the district's")
          .isEqualTo(TOWN);

      HttpResponse<Buffer> spike = preview(server, district, "checkpoint-spike").await();
      assertThat(spike.statusCode()).as(spike.bodyAsString()).isEqualTo(200);
      assertThat(spike.bodyAsJsonObject().getInteger("reports")).isEqualTo(BUSY + TOWN);

      List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        flood.add(preview(server, district, "turned-back-surge"));
      }
      Future.join(new ArrayList<>(flood)).otherwiseEmpty().await();
      List<HttpResponse<Buffer>> answers = flood.stream().map(Future::result).toList();
      assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429).contains(200, 429);
      answers.stream().filter(a -> a.statusCode() == 429)
          .forEach(a -> assertThat(a.getHeader("Retry-After")).isNotBlank());
    }
  }

  private static Future<HttpResponse<Buffer>> preview(TestServer server, String cookie, String rule) {
    return RuleApiTest.as(server, server.client.post("/api/v1/admin/rules/" + rule + "/preview"), cookie)
        .sendJsonObject(new JsonObject());
  }

  /** One site's reports spread over a local day's hours, written straight into the store's tables. */
  private static void seed(LocalDate day, String site, int reports, String from, String to) {
    TestDatabase.execute(DB, """
        WITH t AS (
          SELECT gen_random_uuid() AS id, ts FROM generate_series(
            ('%1$s %3$s'::timestamp) AT TIME ZONE 'Asia/Shanghai',
            ('%1$s %4$s'::timestamp) AT TIME ZONE 'Asia/Shanghai',
            (('%1$s %4$s'::timestamp) - ('%1$s %3$s'::timestamp)) / %5$d) AS ts
          LIMIT %5$d
        ), k AS (
          INSERT INTO report_key (id, local_day, body_hash) SELECT id, '%1$s'::date, md5(id::text) FROM t
        )
        INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
        SELECT id, 'demo-checkpoints', '%2$s', ts, '%1$s'::date, ts,
               '{"vehicles_checked": 3, "vehicles_turned_back": 1}'::jsonb, NULL, md5(id::text) FROM t
        """.formatted(day, site, from, to, reports));
  }
}
