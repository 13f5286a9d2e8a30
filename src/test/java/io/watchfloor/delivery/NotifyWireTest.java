package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of channel gets exactly its receiver's wire format, checked by stand-in receivers on loopback: an
 * escalated petition fires a critical alert, and a WeCom robot, a DingTalk robot (its signature recomputed here
 * from the secret), an Alertmanager webhook receiver and an SMS gateway each get it once, then its resolution.
 */
@PgTest
class NotifyWireTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String DB = "wf_test_notify_wire";
  static final String DING_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
  static final String BEARER = "hook-token-9f3a";

  static JsonObject overrides(String url) {
    return new JsonObject().put("store", TestServer.postgresStore(url))
        .put("notify", new JsonObject().put("check-ms", 100).put("first-retry-ms", 100)
            .put("external-url", "https://wf.example.gov.cn/"));
  }

  static JsonObject escalated(Instant now, String site) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
  }

  @Test
  void eachChannelGetsItsReceiversWireFormatWithAStableId() {
    String url = TestDatabase.fresh(DB);
    MutableClock clock = new MutableClock(NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers); TestServer server = TestServer.start(overrides(url), clock)) {
      NotifySql sql = new NotifySql(DB);
      sql.channel("ch-wecom", "wecom", robot.url("/wecom?key=wk-0a1b2c3d"), null, "none", null, "xudong", null, 20);
      sql.channel("ch-ding", "dingtalk", robot.url("/ding?access_token=dt-4e5f6a7b"), DING_SECRET, "none", null, "changling", null, 20);
      sql.channel("ch-am", "webhook", robot.url("/am"), BEARER, "bearer", null, "changling", null, 20);
      sql.channel("ch-sms", "sms", robot.url("/sms"), null, "none", new JsonObject().put("method", "POST")
          .put("contentType", "application/json").put("headers", new JsonObject().put("X-Api-Key", "gw-key"))
          .put("body", "{\"mobile\":\"{phone}\",\"content\":\"{text}\",\"sign\":\"长岭区\"}")
          .put("phones", new JsonArray().add("13800000001").add("13800000002")).encode(), "changling", null, 20);
      for (String channel : List.of("ch-wecom", "ch-ding", "ch-am", "ch-sms")) {
        sql.route("rt-" + channel, channel, "changling", "critical", "alert.fired", "alert.resolved");
      }

      assertThat(new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      await("the alert reaches every receiver").atMost(PATIENCE).until(() -> robot.at("/wecom").size() == 1
          && robot.at("/ding").size() == 1 && robot.at("/am").size() == 1 && robot.at("/sms").size() == 2);

      JsonObject wecom = robot.at("/wecom").get(0).json();
      assertThat(wecom.fieldNames()).containsExactlyInAnyOrder("msgtype", "markdown");
      assertThat(wecom.getString("msgtype")).isEqualTo("markdown");
      String content = wecom.getJsonObject("markdown").getString("content");
      assertThat(content).contains("【告警】越级访", "许东镇", "金盆村信访工作站", "严重",
          "https://wf.example.gov.cn/console#queue", "编号 ");
      assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
      assertThat(robot.at("/wecom").get(0).query().get("key")).isEqualTo("wk-0a1b2c3d");

      RecordingReceiver.Received ding = robot.at("/ding").get(0);
      long timestamp = Long.parseLong(ding.query().get("timestamp"));
      assertThat(Duration.ofMillis(Math.abs(timestamp - clock.instant().toEpochMilli()))).isLessThan(Duration.ofHours(1));
      // the query is decoded once by the receiver: what the robot compares is the Base64 itself
      assertThat(URLEncoder.encode(ding.query().get("sign"), StandardCharsets.UTF_8)).isEqualTo(sign(DING_SECRET, timestamp));
      assertThat(ding.query().get("access_token")).isEqualTo("dt-4e5f6a7b");
      JsonObject dingBody = ding.json();
      assertThat(dingBody.getString("msgtype")).isEqualTo("markdown");
      assertThat(dingBody.getJsonObject("markdown").getString("title")).isEqualTo("【告警】越级访");
      assertThat(dingBody.getJsonObject("markdown").getString("text")).contains("金盆村信访工作站", "编号 ");

      RecordingReceiver.Received am = robot.at("/am").get(0);
      assertThat(am.headers().get("Authorization")).isEqualTo("Bearer " + BEARER);
      JsonObject firing = am.json();
      assertAlertmanagerV4(firing, "firing");
      JsonObject alert = firing.getJsonArray("alerts").getJsonObject(0);
      assertThat(alert.getJsonObject("labels").getMap()).containsEntry("alertname", "escalated-petition")
          .containsEntry("severity", "critical").containsEntry("site", "pd-jinpen").containsEntry("area", "jinpen");
      assertThat(alert.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
      assertThat(alert.getString("fingerprint")).matches("[0-9a-f]{16}");
      assertThat(firing.getString("externalURL")).isEqualTo("https://wf.example.gov.cn");
      assertThat(am.headers().get(HttpTransport.ID_HEADER)).startsWith("alert.fired:");

      List<RecordingReceiver.Received> sms = robot.at("/sms");
      assertThat(sms.stream().map(r -> r.json().getString("mobile"))).containsExactly("13800000001", "13800000002");
      assertThat(sms.get(0).headers().get("X-Api-Key")).isEqualTo("gw-key");
      assertThat(sms.get(0).json().getString("content")).contains("越级访", "金盆村信访工作站", "编号");
      assertThat(sms.get(0).json().getString("sign")).isEqualTo("长岭区");

      String id = firing.getJsonArray("alerts").getJsonObject(0).getJsonObject("annotations").getString("alert_id");
      String duty = new Api(server).signIn("duty", "duty-demo-pass");
      HttpResponse<Buffer> resolved = server.client.post("/api/v1/alerts/" + id + "/resolve")
          .putHeader("Cookie", duty).putHeader("Origin", new Api(server).origin())
          .sendJsonObject(new JsonObject().put("note", "已劝返")).await();
      assertThat(resolved.statusCode()).isEqualTo(200);
      await("the resolution reaches the webhook").atMost(PATIENCE).until(() -> robot.at("/am").size() == 2);
      JsonObject over = robot.at("/am").get(1).json();
      assertAlertmanagerV4(over, "resolved");
      assertThat(over.getJsonArray("alerts").getJsonObject(0).getString("fingerprint"))
          .as("the same alert, the same fingerprint").isEqualTo(alert.getString("fingerprint"));
      assertThat(over.getJsonArray("alerts").getJsonObject(0).getString("endsAt")).isNotEqualTo("0001-01-01T00:00:00Z");
      await("and the robots").atMost(PATIENCE).until(() -> robot.at("/wecom").size() == 2);
      assertThat(robot.at("/wecom").get(1).json().getJsonObject("markdown").getString("content")).contains("【告警解除】越级访", "已劝返");
    } finally {
      receivers.close().await();
    }
  }

  /** The fields of Alertmanager's webhook Message (notify/webhook) and template.Data, version 4. */
  static void assertAlertmanagerV4(JsonObject body, String status) {
    assertThat(body.getString("version")).isEqualTo("4");
    assertThat(body.getString("status")).isEqualTo(status);
    assertThat(body.fieldNames()).contains("receiver", "status", "alerts", "groupLabels", "commonLabels",
        "commonAnnotations", "externalURL", "version", "groupKey", "truncatedAlerts");
    assertThat(body.getInteger("truncatedAlerts")).isZero();
    for (Object a : body.getJsonArray("alerts")) {
      JsonObject alert = (JsonObject) a;
      assertThat(alert.fieldNames()).contains("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
      assertThat(Instant.parse(alert.getString("startsAt"))).isNotNull();
    }
  }

  static String sign(String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String base64 = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
      return URLEncoder.encode(base64, StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
