package io.watchfloor.delivery;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.EventKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What each channel's message says of a notice or a digest, with its stable id. */
@UnitTest
class RenderTest {
  static final Instant T = Instant.parse("2026-11-21T04:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String BASE = "https://wf.example.gov.cn";
  final NoticeText text = new NoticeText(TestTown.CATALOGUE, BASE,
      unit -> unit.equals("demo-sanitation") ? java.util.Optional.of("环境卫生检查组") : java.util.Optional.empty());

  static Channel channel(ChannelType type, String unit) {
    return new Channel("ch", "区指挥中心", type, "http://127.0.0.1/x", "s", Channel.Auth.NONE, null, "changling", unit,
        20, null, null, T, "admin");
  }

  JsonObject alertNotice(String site, String detail) {
    JsonObject alert = new JsonObject().put("id", UUID.randomUUID().toString()).put("rule", "escalated-petition")
        .put("severity", "critical").put("site", site).put("area", "jinpen")
        .put("title", new JsonObject().put("zh", "越级访")).put("detail", detail).put("firstSeen", T.toString())
        .put("state", "open");
    return text.alert(EventKind.ALERT_FIRED, new Heard(1, "alert.fired", alert.getString("id"), "", T), alert);
  }

  JsonObject caseNotice() {
    JsonObject file = new JsonObject().put("id", UUID.randomUUID().toString()).put("title", "垃圾堆积").put("category", "sanitation")
        .put("site", null).put("area", "jinpen").put("unit", "demo-sanitation").put("dueAt", T.plusSeconds(7200).toString());
    JsonObject detail = new JsonObject().put("case", file)
        .put("trail", new io.vertx.core.json.JsonArray().add(new JsonObject().put("seq", 2).put("note", "请今日清运")));
    return text.caseStep(EventKind.CASE_DISPATCHED, new Heard(1, "case.dispatched", file.getString("id"), "2", T), detail);
  }

  @Test
  void anAlertSaysWhatWhereHowBadAndWhenWithALinkAndItsId() {
    JsonObject notice = alertNotice("pd-jinpen", "escalated_petitions = 1");
    Render.Outbound wecom = Render.single(channel(ChannelType.WECOM, null), notice, BASE);
    assertThat(wecom.markdown()).startsWith("### 【告警】越级访\n")
        .contains("> 地点：许东镇 金盆村 金盆村信访工作站", "> 级别：严重", "> 时间：11-21 12:00",
            "[查看详情](https://wf.example.gov.cn/console#queue)", "编号 " + Render.shortId(notice.getString("key")));
    assertThat(wecom.id()).isEqualTo(notice.getString("key"));
    Render.Outbound ding = Render.single(channel(ChannelType.DINGTALK, null), notice, BASE);
    assertThat(ding.markdown()).as("DingTalk keeps a line break only after a blank line").contains("\n\n> 级别：严重\n\n");
    Render.Outbound hook = Render.single(channel(ChannelType.WEBHOOK, null), notice, BASE);
    JsonObject body = new JsonObject(hook.webhookJson());
    assertThat(body.getString("version")).isEqualTo("4");
    assertThat(body.getString("receiver")).isEqualTo("区指挥中心");
    assertThat(hook.plain()).startsWith("【告警】越级访：").contains("金盆村信访工作站", BASE + "/console#queue").doesNotContain("> ");
  }

  @Test
  void aCaseGoesToTheUnitsGroupWithTheFieldPagesLinkAndToWebhooksAsDocumentedJson() {
    JsonObject notice = caseNotice();
    assertThat(Render.single(channel(ChannelType.WECOM, "demo-sanitation"), notice, BASE).markdown())
        .contains("【事件派遣】垃圾堆积", "> 说明：请今日清运", "> 责任单位：环境卫生检查组", "> 时限：11-21 14:00", "(" + BASE + "/report)");
    assertThat(Render.single(channel(ChannelType.WECOM, null), notice, BASE).markdown())
        .contains("(" + BASE + "/console#cases/" + notice.getString("key").split(":")[1] + ")");
    JsonObject hook = new JsonObject(Render.single(channel(ChannelType.WEBHOOK, null), notice, BASE).webhookJson());
    assertThat(hook.getString("version")).isEqualTo("watchfloor-1");
    assertThat(hook.getString("kind")).isEqualTo("case.dispatched");
    assertThat(hook.fieldNames()).contains("key", "title", "text", "area", "areaName", "site", "unit", "link", "at");
  }

  @Test
  void aDigestOfAlertsIsOneAlertmanagerMessageOfThemAllAndARobotsDigestCountsThem() {
    List<JsonObject> notices = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      notices.add(alertNotice("pd-jinpen", "第 " + i + " 次"));
    }
    Render.Outbound hook = Render.digest(channel(ChannelType.WEBHOOK, null), notices, BASE, ZONE);
    assertThat(new JsonObject(hook.webhookJson()).getJsonArray("alerts")).hasSize(30);
    Render.Outbound robot = Render.digest(channel(ChannelType.WECOM, null), notices, BASE, ZONE);
    assertThat(robot.markdown()).contains("另有 30 条通知", "其余 25 条见控制台");
    assertThat(robot.markdown().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(robot.id()).isEqualTo(notices.get(0).getString("key") + "+29");
    notices.add(caseNotice());
    JsonObject mixed = new JsonObject(Render.digest(channel(ChannelType.WEBHOOK, null), notices, BASE, ZONE).webhookJson());
    assertThat(mixed.getString("kind")).isEqualTo("digest");
    assertThat(mixed.getJsonArray("notices")).hasSize(31);
  }

  @Test
  void theShortIdIsTheSameForTheSameKeyAndDiffersForAnother() {
    assertThat(Render.shortId("alert.fired:a")).isEqualTo(Render.shortId("alert.fired:a")).hasSize(8)
        .isNotEqualTo(Render.shortId("alert.fired:b"));
  }
}
