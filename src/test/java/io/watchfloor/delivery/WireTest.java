package io.watchfloor.delivery;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.watchfloor.UnitTest;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.DingTalkMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each channel type's request as it goes on the wire, and what /admin shows of a channel. */
@UnitTest
class WireTest {
  private static final Instant NOW = Instant.parse("2026-12-07T02:01:00.123Z");
  private static final String WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa3f2a";
  private static final String DING = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef";
  private static final String SECRET = "SECb1a2c3d4e5f60718293a4b5c6d7e8f9";

  static Channel channel(ChannelType type, String url, String secret, Channel.Auth auth, Channel.Sms sms) {
    return new Channel("ch-1", "值班群", type, url, secret, auth, sms, "xudong", null, 20, null, null, NOW, "admin");
  }

  static Render.Outbound out(String title, String markdown, String webhookJson) {
    return new Render.Outbound("alert.fired:a1", title, markdown, webhookJson, markdown);
  }

  @Test
  void weComIsMarkdownPostedToTheWebhook() {
    List<Wire> wires = Wire.of(channel(ChannelType.WECOM, WECOM, null, Channel.Auth.NONE, null), out("t", "**告警**", "{}"), NOW);
    assertThat(wires).hasSize(1);
    assertThat(wires.get(0).method()).isEqualTo(HttpMethod.POST);
    assertThat(wires.get(0).url()).isEqualTo(WECOM);
    assertThat(new JsonObject(wires.get(0).body())).isEqualTo(new JsonObject()
        .put("msgtype", "markdown").put("markdown", new JsonObject().put("content", "**告警**")));
  }

  @Test
  void dingTalkIsSignedWithTheTimeOfSending() {
    Wire wire = Wire.of(channel(ChannelType.DINGTALK, DING, SECRET, Channel.Auth.NONE, null), out("标题", "正文", "{}"), NOW).get(0);
    assertThat(wire.url()).isEqualTo(DING + "&timestamp=" + NOW.toEpochMilli() + "&sign="
        + DingTalkMessage.sign(SECRET, NOW.toEpochMilli()));
    assertThat(new JsonObject(wire.body()).getJsonObject("markdown").getString("title")).isEqualTo("标题");
  }

  @Test
  void webhookCarriesItsBodyAndItsProof() {
    String body = "{\"version\":\"4\"}";
    Wire none = Wire.of(channel(ChannelType.WEBHOOK, "https://hooks.example/in", null, Channel.Auth.NONE, null), out("t", "m", body), NOW).get(0);
    assertThat(none.body()).isEqualTo(body);
    assertThat(none.headers()).doesNotContainKeys("Authorization", Wire.SIGNATURE_HEADER)
        .containsEntry(Wire.ID_HEADER, "alert.fired:a1");
    Wire bearer = Wire.of(channel(ChannelType.WEBHOOK, "https://hooks.example/in", "tok-123", Channel.Auth.BEARER, null), out("t", "m", body), NOW).get(0);
    assertThat(bearer.headers()).containsEntry("Authorization", "Bearer tok-123");
    Wire hmac = Wire.of(channel(ChannelType.WEBHOOK, "https://hooks.example/in", "k3y", Channel.Auth.HMAC, null), out("t", "m", body), NOW).get(0);
    assertThat(hmac.headers()).containsEntry(Wire.TIMESTAMP_HEADER, Long.toString(NOW.toEpochMilli()))
        .containsEntry(Wire.SIGNATURE_HEADER, "sha256=" + Wire.hmacHex("k3y", NOW.toEpochMilli() + "." + body));
    // RFC 4231 test case 2, so the HMAC is the standard one and a receiver in any language agrees
    assertThat(Wire.hmacHex("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void smsIsOneRequestPerPhoneFromTheTemplate() {
    Channel.Sms sms = new Channel.Sms("PUT", "application/json", Map.of("X-Api-Key", "abc", "content-type", "text/plain"),
        "{\"to\":\"{phone}\",\"msg\":\"{text}\"}", List.of("13800000001", "13800000002"));
    List<Wire> wires = Wire.of(channel(ChannelType.SMS, "https://sms.example/send", null, Channel.Auth.NONE, sms),
        out("t", "水位 \"超警\"", "{}"), NOW);
    assertThat(wires).hasSize(2);
    assertThat(wires.get(1).method()).isEqualTo(HttpMethod.PUT);
    assertThat(new JsonObject(wires.get(1).body())).isEqualTo(new JsonObject().put("to", "13800000002").put("msg", "水位 \"超警\""));
    assertThat(wires.get(0).headers()).containsEntry("X-Api-Key", "abc").containsEntry("Content-Type", "application/json")
        .doesNotContainKey("content-type");
  }

  @Test
  void masksEveryKeyOfTheUrlAndTheSecret() {
    assertThat(Masked.url(WECOM)).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…3f2a");
    assertThat(Masked.url(DING)).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=…cdef");
    assertThat(Masked.url("https://hooks.slack.example/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX?x=1#f"))
        .isEqualTo("https://hooks.slack.example/services/T0001/B0002/…XXXX?x=…#f");
    assertThat(Masked.url("https://h.example/api/v2/alerts/9f86d081884c7d659a2feaa0c55ad015"))
        .isEqualTo("https://h.example/api/v2/alerts/…d015");
    JsonObject shown = Masked.channel(channel(ChannelType.DINGTALK, DING, SECRET, Channel.Auth.NONE, null));
    assertThat(shown.encode()).doesNotContain(SECRET).doesNotContain("0123456789abcdef0123456789abcdef");
    assertThat(shown.getJsonObject("secret")).isEqualTo(new JsonObject().put("set", true).put("last4", "…e8f9"));
    assertThat(Masked.keysIn("{\"apikey\":\"a1b2c3d4e5f6a7b8c9d0\",\"text\":\"{text}\"}"))
        .isEqualTo("{\"apikey\":\"…c9d0\",\"text\":\"{text}\"}");
  }

  @Test
  void aTestAnswerNeverCarriesTheKeyOrTheSecret() {
    Channel ding = channel(ChannelType.DINGTALK, DING, SECRET, Channel.Auth.NONE, null);
    String timeout = "The timeout period of 10000ms has been exceeded while executing POST /robot/send?access_token="
        + "0123456789abcdef0123456789abcdef&timestamp=1765072860123&sign=aBc%2Fd12%3D for server oapi.dingtalk.com";
    assertThat(TestMessage.scrub(ding, timeout)).doesNotContain("0123456789abcdef0123456789abcdef")
        .doesNotContain("aBc%2Fd12").contains("access_token=…cdef", "sign=…", "for server oapi.dingtalk.com");
    assertThat(TestMessage.scrub(ding, "echo: " + SECRET)).isEqualTo("echo: …e8f9");
    assertThat(TestMessage.scrub(ding, "errcode 310000: sign not match")).isEqualTo("errcode 310000: sign not match");
  }
}
