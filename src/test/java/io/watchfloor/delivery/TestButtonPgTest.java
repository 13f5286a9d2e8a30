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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test button against stand-in receivers on loopback: each channel type's exact request, checked here from
 * the wire (DingTalk's signature recomputed from the secret), and the receiver's answer reported as it was.
 */
@PgTest
class TestButtonPgTest {
  private static final String DB = "wf_test_notify_button";
  private static final String SECRET = "SEC0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static TestServer server;
  private static StandInReceiver receiver;
  private static NotifyCalls api;
  private static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system());
    receiver = new StandInReceiver(server.vertx);
    api = new NotifyCalls(server);
    admin = api.signIn("admin", "admin-demo-pass");
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String channel(JsonObject body) {
    HttpResponse<Buffer> made = api.post("/api/v1/admin/channels", admin, body);
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  private static JsonObject test(String id) {
    receiver.forget();
    HttpResponse<Buffer> answer = api.post("/api/v1/admin/channels/" + id + "/test", admin, null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  @Test
  void weComGetsItsMarkdown() {
    String id = channel(new JsonObject().put("name", "企业微信").put("type", "wecom")
        .put("url", receiver.url("/cgi-bin/webhook/send?key=abcd-1234-efgh-5678")));
    JsonObject answer = test(id);
    assertThat(answer.getBoolean("ok")).isTrue();
    assertThat(answer.getInteger("status")).isEqualTo(200);
    assertThat(answer.getString("answer")).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
    StandInReceiver.Heard heard = receiver.next();
    assertThat(heard.method()).isEqualTo("POST");
    assertThat(heard.uri()).isEqualTo("/cgi-bin/webhook/send?key=abcd-1234-efgh-5678");
    assertThat(heard.headers().get("Content-Type")).startsWith("application/json");
    assertThat(heard.json().fieldNames()).containsExactlyInAnyOrder("msgtype", "markdown");
    assertThat(heard.json().getString("msgtype")).isEqualTo("markdown");
    assertThat(heard.json().getJsonObject("markdown").fieldNames()).containsExactly("content");
    assertThat(heard.json().getJsonObject("markdown").getString("content")).contains("Watchfloor 测试消息", "企业微信");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'channel.test' AND target = '" + id
        + "' AND (after->>'ok')::boolean")).isEqualTo(1);
  }

  @Test
  void dingTalkIsSignedWithItsSecret() {
    String id = channel(new JsonObject().put("name", "钉钉").put("type", "dingtalk")
        .put("url", receiver.url("/robot/send?access_token=tok0123456789")).put("secret", SECRET));
    long before = System.currentTimeMillis();
    assertThat(test(id).getBoolean("ok")).isTrue();
    StandInReceiver.Heard heard = receiver.next();
    String query = heard.uri().substring(heard.uri().indexOf('?') + 1);
    assertThat(query).startsWith("access_token=tok0123456789&timestamp=");
    String timestamp = param(query, "timestamp");
    long millis = Long.parseLong(timestamp);
    assertThat(millis).isBetween(before - 3_600_000, System.currentTimeMillis() + 3_600_000).isGreaterThan(1_000_000_000_000L);
    assertThat(URLDecoder.decode(param(query, "sign"), StandardCharsets.UTF_8)).isEqualTo(sign(timestamp + "\n" + SECRET));
    assertThat(heard.json().getJsonObject("markdown").getString("title")).isEqualTo("Watchfloor 测试消息");
    assertThat(heard.json().getJsonObject("markdown").getString("text")).contains("钉钉");
  }

  @Test
  void aRefusalIsReportedWithTheReceiversAnswer() {
    receiver.answer("/robot/refuses", 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
    String id = channel(new JsonObject().put("name", "签名错").put("type", "dingtalk")
        .put("url", receiver.url("/robot/refuses?access_token=tok0123456789")).put("secret", SECRET));
    JsonObject answer = test(id);
    assertThat(answer.getBoolean("ok")).isFalse();
    assertThat(answer.getInteger("status")).isEqualTo(200);
    assertThat(answer.getString("answer")).contains("310000", "sign not match");
    assertThat(answer.getString("verdict")).isEqualTo("stop_channel");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'channel.test' AND target = '" + id
        + "' AND NOT (after->>'ok')::boolean")).isEqualTo(1);
  }

  @Test
  void aWebhookGetsAnAlertmanagerBodyAndItsToken() {
    String id = channel(new JsonObject().put("name", "hook").put("type", "webhook").put("url", receiver.url("/hook"))
        .put("auth", "bearer").put("secret", "tok-abcdef"));
    receiver.answer("/hook", 200, "ok");
    assertThat(test(id).getBoolean("ok")).isTrue();
    StandInReceiver.Heard heard = receiver.next();
    assertThat(heard.headers().get("Authorization")).isEqualTo("Bearer tok-abcdef");
    JsonObject body = heard.json();
    assertThat(body.fieldNames()).contains("receiver", "status", "alerts", "groupLabels", "commonLabels",
        "commonAnnotations", "externalURL", "version", "groupKey", "truncatedAlerts");
    assertThat(body.getString("version")).isEqualTo("4");
    assertThat(body.getString("status")).isEqualTo("firing");
    JsonArray alerts = body.getJsonArray("alerts");
    assertThat(alerts).hasSize(1);
    JsonObject alert = alerts.getJsonObject(0);
    assertThat(alert.fieldNames()).contains("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
    assertThat(alert.getJsonObject("labels").getString("alertname")).isEqualTo("WatchfloorTest");
    assertThat(alert.getString("fingerprint")).matches("[0-9a-f]{16}");
  }

  @Test
  void anHmacWebhookIsSignedOverTimestampAndBody() {
    String id = channel(new JsonObject().put("name", "hmac").put("type", "webhook").put("url", receiver.url("/hmac"))
        .put("auth", "hmac").put("secret", "hm4c-key"));
    receiver.answer("/hmac", 204, "");
    assertThat(test(id).getBoolean("ok")).isTrue();
    StandInReceiver.Heard heard = receiver.next();
    String timestamp = heard.headers().get(Wire.TIMESTAMP_HEADER);
    assertThat(heard.headers().get(Wire.SIGNATURE_HEADER)).isEqualTo("sha256=" + Wire.hmacHex("hm4c-key", timestamp + "." + heard.body()));
  }

  @Test
  void anSmsGatewayGetsItsTemplateForEachPhone() {
    String id = channel(new JsonObject().put("name", "短信").put("type", "sms").put("url", receiver.url("/sms/send"))
        .put("unit", "demo-checkpoints").put("sms", new JsonObject().put("method", "POST")
            .put("contentType", "application/x-www-form-urlencoded").put("headers", new JsonObject().put("X-Api-Key", "k-1"))
            .put("body", "mobile={phone}&content={text}&sign=长岭").put("phones", new JsonArray().add("13800000001").add("13900000002"))));
    receiver.answer("/sms/send", 200, "{\"code\":\"OK\"}");
    assertThat(test(id).getBoolean("ok")).isTrue();
    StandInReceiver.Heard first = receiver.next();
    StandInReceiver.Heard second = receiver.next();
    assertThat(first.headers().get("X-Api-Key")).isEqualTo("k-1");
    assertThat(first.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(first.body()).startsWith("mobile=13800000001&content=").endsWith("&sign=长岭");
    assertThat(URLDecoder.decode(first.body().split("&")[1].substring("content=".length()), StandardCharsets.UTF_8))
        .contains("Watchfloor 测试消息");
    assertThat(second.body()).startsWith("mobile=13900000002&content=");
  }

  @Test
  void noAnswerIsReportedAsSuch() {
    int closed = TestServer.freePort();
    String id = channel(new JsonObject().put("name", "没人听").put("type", "wecom")
        .put("url", "http://127.0.0.1:" + closed + "/cgi-bin/webhook/send?key=abc"));
    JsonObject answer = test(id);
    assertThat(answer.getBoolean("ok")).isFalse();
    assertThat(answer.getValue("status")).isNull();
    assertThat(answer.getString("answer")).startsWith("no answer");
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + query);
  }

  private static String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
