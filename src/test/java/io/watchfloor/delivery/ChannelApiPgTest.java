package io.watchfloor.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channels' and routes' admin API on PostgreSQL (docs/notify.md): who may call it, every bad body refused with
 * nothing stored, a name once per scope, secrets and keys never shown back, scopes kept apart, and every
 * change audited.
 */
@PgTest
class ChannelApiPgTest {
  private static final String DB = "wf_test_notify_api";
  static final String KEY = "693a91f6-7b2c-4bc4-97a0-0ec2b1fa3f2a";
  static final String WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY;
  static final String TOKEN = "5c1d0e9a8b7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c";
  static final String DING = "https://oapi.dingtalk.com/robot/send?access_token=" + TOKEN;
  static final String DING_SECRET = "SEC7a1f0c3e9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6";
  private static TestServer server;
  private static NotifyCalls api;
  private static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system());
    api = new NotifyCalls(server);
    admin = api.signIn("admin", "admin-demo-pass");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonObject wecom(String name, String scope) {
    return new JsonObject().put("name", name).put("type", "wecom").put("url", WECOM).put("scope", scope);
  }

  private static long rows(String sql) {
    return TestDatabase.count(DB, sql);
  }

  private static String created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  @Test
  void onlyAnAdminMayCallIt() {
    String duty = api.signIn("duty", "duty-demo-pass");
    for (String path : List.of("/api/v1/admin/channels", "/api/v1/admin/routes")) {
      assertThat(api.get(path, null).statusCode()).isEqualTo(401);
      assertThat(api.get(path, duty).statusCode()).isEqualTo(403);
      assertThat(api.post(path, duty, wecom("x", "changling")).statusCode()).isEqualTo(403);
    }
    assertThat(api.post("/api/v1/admin/channels/ch-1/test", duty, null).statusCode()).isEqualTo(403);
    assertThat(api.delete("/api/v1/admin/channels/ch-1", duty).statusCode()).isEqualTo(403);
  }

  @Test
  void everyBadBodyIsRefusedAndNothingIsStored() {
    long channels = rows("SELECT count(*) FROM notify_channel");
    long audit = rows("SELECT count(*) FROM access_audit");
    JsonObject sms = new JsonObject().put("method", "POST").put("contentType", "application/json")
        .put("body", "{\"to\":\"{phone}\",\"text\":\"{text}\"}").put("phones", new JsonArray().add("13800000001"));
    Map<JsonObject, String> bad = Map.ofEntries(
        Map.entry(wecom("x", "changling").put("colour", "red"), "colour"),
        Map.entry(wecom("", "changling"), "name"),
        Map.entry(wecom("x".repeat(61), "changling"), "name"),
        Map.entry(wecom("x", "changling").put("type", "fax"), "type"),
        Map.entry(wecom("x", "changling").put("url", "ftp://qyapi.weixin.qq.com/send?key=1"), "url"),
        Map.entry(wecom("x", "changling").put("url", "/cgi-bin/webhook/send?key=1"), "url"),
        Map.entry(wecom("x", "changling").put("url", "https://u:p@qyapi.weixin.qq.com/send?key=1"), "url"),
        Map.entry(wecom("x", "changling").put("url", "https://qyapi.weixin.qq.com/send?key=" + "a".repeat(2000)), "url"),
        Map.entry(wecom("x", "changling").put("url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"), "url"),
        Map.entry(wecom("x", "changling").put("url", "http://169.254.169.254/latest/meta-data/?key=1"), "url"),
        Map.entry(wecom("x", "changling").put("url", "http://100.100.100.200/latest/?key=1"), "url"),
        Map.entry(wecom("x", "changling").put("secret", "SECabc"), "secret"),
        Map.entry(wecom("x", "changling").put("type", "dingtalk").put("url", DING), "secret"),
        Map.entry(wecom("x", "changling").put("type", "dingtalk").put("url", "https://oapi.dingtalk.com/robot/send")
            .put("secret", DING_SECRET), "url"),
        Map.entry(wecom("x", "changling").put("type", "webhook").put("url", "https://h.example/in").put("auth", "bearer"), "secret"),
        Map.entry(wecom("x", "changling").put("type", "webhook").put("url", "https://h.example/in").put("auth", "basic")
            .put("secret", "s3cret"), "auth"),
        Map.entry(wecom("x", "changling").put("auth", "bearer"), "auth"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send"), "sms"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send")
            .put("sms", sms.copy().put("body", "{\"to\":\"{phone}\"}")), "sms.body"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send")
            .put("sms", sms.copy().put("body", "{\"text\":{text}}")), "sms.body"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send")
            .put("sms", sms.copy().put("contentType", "application/xml")), "sms.body"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send")
            .put("sms", sms.copy().put("headers", new JsonObject().put("X-Key", "a\r\nX-Evil: 1"))), "sms.headers.X-Key"),
        Map.entry(wecom("x", "changling").put("type", "sms").put("url", "https://sms.example/send").put("unit", "demo-checkpoints")
            .put("sms", sms.copy().put("phones", new JsonArray().add("020-12345678"))), "sms.phones"),
        Map.entry(wecom("x", "changling").put("sms", sms), "sms"),
        Map.entry(wecom("x", "changling").put("perMinute", 0), "perMinute"),
        Map.entry(wecom("x", "changling").put("perMinute", 601), "perMinute"),
        Map.entry(wecom("x", "changling").put("perMinute", 4294967316L), "perMinute"),
        Map.entry(wecom("x", "nowhere"), "scope"),
        Map.entry(wecom("x", "changling").put("unit", "no-such-unit"), "unit"),
        Map.entry(wecom("x", "xudong").put("unit", "demo-checkpoints"), "unit"),
        Map.entry(wecom("x\u0000y", "changling"), "name"));
    bad.forEach((body, field) -> {
      HttpResponse<Buffer> response = api.post("/api/v1/admin/channels", admin, body);
      assertThat(response.statusCode()).as(body + " → " + response.bodyAsString()).isEqualTo(422);
      assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
          .map(e -> ((JsonObject) e).getString("field"))).as(body.encode()).contains(field);
    });
    for (String raw : List.of("{", "[]", "{\"name\":\"a\",\"name\":\"b\"}", "")) {
      int status = api.postRaw("/api/v1/admin/channels", admin, raw).statusCode();
      assertThat(status).as(raw).isIn(400, 422);
    }
    assertThat(api.postRaw("/api/v1/admin/channels", admin, "{\"name\":\"a\",\"name\":\"b\"}").statusCode()).isEqualTo(400);
    assertThat(rows("SELECT count(*) FROM notify_channel")).isEqualTo(channels);
    assertThat(rows("SELECT count(*) FROM access_audit")).isEqualTo(audit);
  }

  /**
   * The store failing between a change and its audit line (a failover, here the audit table refusing): the admin is
   * told 503, so nothing may be kept; before, the channel stayed without its line, and the resend was a 409.
   */
  @Test
  void aChangeWhoseAuditLineCannotBeStoredIsNotKeptAndItsResendIsDoneOnce() {
    String block = "ALTER TABLE access_audit ADD CONSTRAINT wf_test_refuse CHECK (false) NOT VALID";
    String unblock = "ALTER TABLE access_audit DROP CONSTRAINT IF EXISTS wf_test_refuse";
    String kept = created(api.post("/api/v1/admin/channels", admin, wecom("已有的群", "jinpen")));
    long channels = rows("SELECT count(*) FROM notify_channel");
    long routes = rows("SELECT count(*) FROM notify_route");
    long audit = rows("SELECT count(*) FROM access_audit");
    JsonObject route = new JsonObject().put("channel", kept).put("scope", "jinpen").put("events", new JsonArray().add("alert.fired"));
    TestDatabase.execute(DB, block);
    try {
      for (HttpResponse<Buffer> refused : List.of(api.post("/api/v1/admin/channels", admin, wecom("审计不了", "jinpen")),
          api.post("/api/v1/admin/routes", admin, route), api.delete("/api/v1/admin/channels/" + kept, admin))) {
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isNotNull();
      }
    } finally {
      TestDatabase.execute(DB, unblock);
    }
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE name = '审计不了'")).as("no channel added").isZero();
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE id = '" + kept + "'")).as("none deleted").isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM notify_route WHERE channel = '" + kept + "'")).as("no route added").isZero();
    assertThat(rows("SELECT count(*) FROM notify_channel")).isEqualTo(channels);
    assertThat(rows("SELECT count(*) FROM notify_route")).isEqualTo(routes);
    assertThat(rows("SELECT count(*) FROM access_audit")).isEqualTo(audit);

    created(api.post("/api/v1/admin/channels", admin, wecom("审计不了", "jinpen")));
    assertThat(api.post("/api/v1/admin/channels", admin, wecom("审计不了", "jinpen")).statusCode()).as("added once").isEqualTo(409);
    created(api.post("/api/v1/admin/routes", admin, route));
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'channel.create' AND after->>'name' = '审计不了'"))
        .as("the channel with its one line").isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'route.create' AND after->>'channel' = '" + kept + "'"))
        .as("the route with its one line").isEqualTo(1);
  }

  @Test
  void aNameIsTakenOncePerScope() {
    created(api.post("/api/v1/admin/channels", admin, wecom("同名", "chengguan")));
    HttpResponse<Buffer> again = api.post("/api/v1/admin/channels", admin, wecom("同名", "chengguan"));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    created(api.post("/api/v1/admin/channels", admin, wecom("同名", "shiqiao")));
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE name = '同名'")).isEqualTo(2);
  }

  @Test
  void theListNeverShowsASecretOrAKey() {
    created(api.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "钉钉值班群").put("type", "dingtalk")
        .put("url", DING).put("secret", DING_SECRET).put("perMinute", 15)));
    created(api.post("/api/v1/admin/channels", admin, wecom("企业微信值班群", "changling")));
    created(api.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "自建告警").put("type", "webhook")
        .put("url", "https://hooks.example/alerts/" + TOKEN).put("auth", "bearer").put("secret", DING_SECRET + "b")));
    HttpResponse<Buffer> list = api.get("/api/v1/admin/channels", admin);
    assertThat(list.statusCode()).isEqualTo(200);
    String whole = list.bodyAsString();
    assertThat(whole).doesNotContain(DING_SECRET).doesNotContain(TOKEN).doesNotContain(KEY)
        .doesNotContain(TOKEN.substring(0, 20)).doesNotContain(KEY.substring(0, 20));
    JsonObject ding = find(list.bodyAsJsonArray(), "钉钉值班群");
    assertThat(ding.getString("url")).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=…6d5c");
    assertThat(ding.getJsonObject("secret")).isEqualTo(new JsonObject().put("set", true).put("last4", "…f4a6"));
    assertThat(ding.getInteger("perMinute")).isEqualTo(15);
    assertThat(ding.getJsonObject("status").getLong("pending")).isZero();
    assertThat(find(list.bodyAsJsonArray(), "企业微信值班群").getString("url"))
        .isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…3f2a");
    assertThat(find(list.bodyAsJsonArray(), "自建告警").getString("url")).isEqualTo("https://hooks.example/alerts/…6d5c");
    // nor does the audit
    assertThat(rows("SELECT count(*) FROM access_audit WHERE after::text LIKE '%" + DING_SECRET.substring(0, 20) + "%'"
        + " OR after::text LIKE '%" + TOKEN.substring(0, 20) + "%' OR after::text LIKE '%" + KEY.substring(0, 20) + "%'")).isZero();
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'channel.create' AND after->>'name' = '钉钉值班群'"))
        .isEqualTo(1);
  }

  @Test
  void aTownAdminSeesAndChangesOnlyItsTown() {
    String district = created(api.post("/api/v1/admin/channels", admin, wecom("区值班群", "changling")));
    String chengguan = created(api.post("/api/v1/admin/channels", admin, wecom("城关群", "chengguan")));
    String town = api.townAdmin(admin, "xudong.notify-admin", "xudong");
    String mine = created(api.post("/api/v1/admin/channels", town, wecom("许东群", null)));
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE id = '" + mine + "' AND scope = 'xudong'")).isEqualTo(1);
    assertThat(names(api.get("/api/v1/admin/channels", town).bodyAsJsonArray())).contains("许东群")
        .doesNotContain("区值班群", "城关群");
    for (String other : List.of(district, chengguan)) {
      assertThat(api.delete("/api/v1/admin/channels/" + other, town).statusCode()).isEqualTo(404);
      assertThat(api.post("/api/v1/admin/channels/" + other + "/test", town, null).statusCode()).isEqualTo(404);
      assertThat(api.post("/api/v1/admin/channels/" + other + "/resume", town, null).statusCode()).isEqualTo(404);
      assertThat(api.get("/api/v1/admin/channels/" + other + "/failures", town).statusCode()).isEqualTo(404);
      HttpResponse<Buffer> route = api.post("/api/v1/admin/routes", town, route(other, "xudong"));
      assertThat(route.statusCode()).as(route.bodyAsString()).isEqualTo(422);
    }
    assertThat(api.post("/api/v1/admin/channels", town, wecom("越界", "chengguan")).statusCode()).isEqualTo(422);
    assertThat(api.post("/api/v1/admin/routes", town, route(mine, "changling")).statusCode()).isEqualTo(422);
    // a route wider than its channel would send another town's events to it
    assertThat(api.post("/api/v1/admin/routes", admin, route(chengguan, "changling")).statusCode()).isEqualTo(422);
    String route = created(api.post("/api/v1/admin/routes", admin, route(district, "changling")));
    assertThat(api.delete("/api/v1/admin/routes/" + route, town).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/admin/routes", town).bodyAsJsonArray().encode()).doesNotContain(route);
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE id IN ('" + district + "', '" + chengguan + "')")).isEqualTo(2);
  }

  @Test
  void routesAreCheckedAndGoWithTheirChannel() {
    String channel = created(api.post("/api/v1/admin/channels", admin, wecom("带路由", "shiqiao")));
    long routes = rows("SELECT count(*) FROM notify_route");
    assertThat(api.post("/api/v1/admin/routes", admin, route(channel, "shiqiao").put("events", new JsonArray())).statusCode())
        .isEqualTo(422);
    assertThat(api.post("/api/v1/admin/routes", admin, route(channel, "shiqiao").put("events", new JsonArray().add("alert.exploded")))
        .statusCode()).isEqualTo(422);
    assertThat(api.post("/api/v1/admin/routes", admin, route(channel, "shiqiao").put("minSeverity", "dire")).statusCode())
        .isEqualTo(422);
    assertThat(api.post("/api/v1/admin/routes", admin, route(channel, "shiqiao").put("extra", 1)).statusCode()).isEqualTo(422);
    assertThat(api.post("/api/v1/admin/routes", admin, route("ch-000000000000", "shiqiao")).statusCode()).isEqualTo(422);
    assertThat(rows("SELECT count(*) FROM notify_route")).isEqualTo(routes);

    String route = created(api.post("/api/v1/admin/routes", admin, route(channel, "shiqiao").put("minSeverity", "warning")));
    JsonObject listed = api.get("/api/v1/admin/routes", admin).bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("id").equals(route)).findFirst().orElseThrow();
    assertThat(listed.getJsonArray("events")).containsExactly("alert.fired", "case.urged");
    assertThat(listed.getString("minSeverity")).isEqualTo("warning");

    assertThat(api.delete("/api/v1/admin/channels/" + channel, admin).statusCode()).isEqualTo(204);
    assertThat(rows("SELECT count(*) FROM notify_route WHERE channel = '" + channel + "'")).isZero();
    assertThat(api.delete("/api/v1/admin/channels/" + channel, admin).statusCode()).isEqualTo(404);
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'channel.delete' AND target = '" + channel
        + "' AND before->>'name' = '带路由' AND after IS NULL")).isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'route.create' AND target = '" + route + "'")).isEqualTo(1);
  }

  @Test
  void aStoppedChannelIsShownAndResumed() {
    String channel = created(api.post("/api/v1/admin/channels", admin, wecom("会停的群", "shiqiao")));
    TestDatabase.execute(DB, "UPDATE notify_channel SET stopped_at = now(), stopped_why = 'errcode 93000: invalid webhook url'"
        + " WHERE id = '" + channel + "'");
    JsonObject stopped = find(api.get("/api/v1/admin/channels", admin).bodyAsJsonArray(), "会停的群");
    assertThat(stopped.getString("stoppedAt")).isNotNull();
    assertThat(stopped.getString("stoppedWhy")).contains("93000");
    HttpResponse<Buffer> resumed = api.post("/api/v1/admin/channels/" + channel + "/resume", admin, null);
    assertThat(resumed.statusCode()).as(resumed.bodyAsString()).isEqualTo(200);
    assertThat(find(api.get("/api/v1/admin/channels", admin).bodyAsJsonArray(), "会停的群").getString("stoppedAt")).isNull();
    assertThat(rows("SELECT count(*) FROM notify_channel WHERE id = '" + channel + "' AND stopped_at IS NULL")).isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM access_audit WHERE action = 'channel.resume' AND target = '" + channel
        + "' AND before->>'stoppedAt' IS NOT NULL AND after->>'stoppedAt' IS NULL")).isEqualTo(1);
    assertThat(api.post("/api/v1/admin/channels/" + channel + "/resume", admin, new JsonObject().put("x", 1)).statusCode())
        .isEqualTo(422);
  }

  /**
   * Found by ApiFuzzTest: a NUL in a channel's id, which PostgreSQL cannot hold in text, answered 503 (resend
   * later) from the test button; a value no store can keep is the caller's to correct, a 4xx, everywhere.
   */
  @Test
  void aNulInAChannelIdIsRefusedAsTheCallersMistake() {
    long audit = rows("SELECT count(*) FROM access_audit");
    long channels = rows("SELECT count(*) FROM notify_channel");
    String nul = "/api/v1/admin/channels/%00";
    for (HttpResponse<Buffer> response : List.of(api.post(nul + "/test", admin, null), api.post(nul + "/resume", admin, null),
        api.get(nul + "/failures", admin), api.delete(nul, admin), api.delete("/api/v1/admin/routes/%00", admin))) {
      assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(400, 499);
    }
    assertThat(rows("SELECT count(*) FROM access_audit")).isEqualTo(audit);
    assertThat(rows("SELECT count(*) FROM notify_channel")).isEqualTo(channels);
  }

  static JsonObject route(String channel, String scope) {
    return new JsonObject().put("channel", channel).put("scope", scope)
        .put("events", new JsonArray().add("case.urged").add("alert.fired"));
  }

  static JsonObject find(JsonArray list, String name) {
    return list.stream().map(JsonObject.class::cast).filter(c -> name.equals(c.getString("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no channel " + name + " in " + list.encode()));
  }

  private static List<String> names(JsonArray list) {
    return list.stream().map(c -> ((JsonObject) c).getString("name")).toList();
  }
}
