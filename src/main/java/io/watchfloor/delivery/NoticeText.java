package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import io.watchfloor.notify.EventKind;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The words of a notice (docs/notify.md#the-notice): a title, a few markdown lines, one line for digests,
 * where it happened by name, and links to the console and, for a unit's events, to the field page. Kept as
 * JSON in the outbox, so a message says what was true when it was routed, and the webhook body of cases
 * and 催报 is this JSON as it is.
 */
final class NoticeText {
  static final String VERSION = "watchfloor-1";
  private static final Map<EventKind, String> HEADINGS = Map.of(
      EventKind.ALERT_FIRED, "告警", EventKind.ALERT_ESCALATED, "告警升级", EventKind.ALERT_RESOLVED, "告警解除",
      EventKind.CASE_DISPATCHED, "事件派遣", EventKind.CASE_NEAR_DUE, "事件临期", EventKind.CASE_OVERDUE, "事件超期",
      EventKind.CASE_URGED, "事件催办", EventKind.CASE_REWORKED, "事件返工", EventKind.COMPLIANCE_URGED, "催报");
  private static final Map<String, String> SEVERITIES = Map.of("critical", "严重", "warning", "警告", "info", "提示");

  private final Catalogue catalogue;
  private final String linkBase;
  private final Function<String, Optional<String>> unitNames;
  private final DateTimeFormatter clock;

  /** @param unitNames a field unit's name by its id, as /admin keeps it now; empty for one it does not know */
  NoticeText(Catalogue catalogue, String linkBase, Function<String, Optional<String>> unitNames) {
    this.catalogue = catalogue;
    this.unitNames = unitNames;
    this.linkBase = linkBase;
    ZoneId zone = catalogue.jurisdiction().timezone();
    this.clock = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
  }

  JsonObject alert(EventKind kind, Heard event, JsonObject alert) {
    String area = alert.getString("area");
    String site = alert.getString("site");
    String title = alert.getJsonObject("title", new JsonObject()).getString("zh", alert.getString("rule"));
    StringBuilder text = new StringBuilder();
    line(text, "地点", where(area, site));
    line(text, "级别", SEVERITIES.getOrDefault(alert.getString("severity"), alert.getString("severity")));
    line(text, "详情", alert.getString("detail"));
    if (kind == EventKind.ALERT_ESCALATED) {
      line(text, "升级至", areaName(alert.getString("escalatedTo")));
    }
    JsonObject resolved = alert.getJsonObject("resolved");
    if (kind == EventKind.ALERT_RESOLVED && resolved != null) {
      line(text, "处置", resolved.getString("note"));
    }
    line(text, "时间", clock.format(event.at()));
    JsonObject notice = base(kind, event, title, text, area, site, null, linkBase + "/console#queue")
        .put("severity", alert.getString("severity"));
    return notice.put("alert", new JsonObject().put("id", alert.getString("id")).put("rule", alert.getString("rule"))
        .put("site", site).put("area", area).put("areaName", areaName(area)).put("severity", alert.getString("severity"))
        .put("state", alert.getString("state")).put("firstSeen", alert.getString("firstSeen"))
        .put("resolvedAt", resolved == null ? null : resolved.getString("at")).put("summary", title));
  }

  JsonObject caseStep(EventKind kind, Heard event, JsonObject detail) {
    JsonObject file = detail.getJsonObject("case");
    String area = file.getString("area");
    String site = file.getString("site");
    String title = file.getString("title") != null ? file.getString("title") : file.getString("category");
    StringBuilder text = new StringBuilder();
    line(text, "地点", where(area, site));
    String unit = file.getString("unit");
    line(text, "责任单位", unit == null ? null : unitNames.apply(unit).orElse(unit));
    line(text, "时限", file.getString("dueAt") == null ? null : clock.format(Instant.parse(file.getString("dueAt"))));
    line(text, "说明", note(detail.getJsonArray("trail"), event.step()));
    line(text, "时间", clock.format(event.at()));
    String caseLink = linkBase + "/console#cases/" + file.getString("id");
    return base(kind, event, title, text, area, site, file.getString("unit"), caseLink)
        .put("fieldLink", linkBase + "/report");
  }

  JsonObject urging(Heard event, JsonObject urging) {
    String area = urging.getString("area");
    String site = urging.getString("site");
    StringBuilder text = new StringBuilder();
    line(text, "站点", where(area, site));
    line(text, "要求", "请尽快上报今日数据");
    line(text, "备注", urging.getString("note"));
    line(text, "时间", clock.format(event.at()));
    return base(EventKind.COMPLIANCE_URGED, event, siteName(site) + " 请尽快上报", text, area, site,
        urging.getString("unit"), linkBase + "/console").put("fieldLink", linkBase + "/report");
  }

  private JsonObject base(EventKind kind, Heard event, String title, StringBuilder text, String area, String site,
                          String unit, String link) {
    String heading = "【" + HEADINGS.get(kind) + "】" + title;
    return new JsonObject().put("version", VERSION).put("kind", kind.key()).put("key", event.key())
        .put("at", event.at().toString()).put("title", heading).put("text", text.toString().strip())
        .put("line", heading + "（" + where(area, site) + "）")
        .put("area", area).put("areaName", areaName(area)).put("site", site).put("siteName", site == null ? null : siteName(site))
        .put("unit", unit).put("link", link);
  }

  /** The trail line's note of the step, if it has one. */
  private static String note(JsonArray trail, String step) {
    if (trail == null) {
      return null;
    }
    for (Object line : trail) {
      if (line instanceof JsonObject l && step.equals(String.valueOf(l.getValue("seq")))) {
        return l.getString("note");
      }
    }
    return null;
  }

  private static void line(StringBuilder text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.append("> ").append(label).append("：").append(value.strip()).append('\n');
    }
  }

  /** The area by its names below the district ("许东镇 金盆村"), then the site's: what a reader knows it by. */
  private String where(String area, String site) {
    List<String> path = area == null ? List.of() : catalogue.path(area);
    String names = path.size() <= 1 ? areaName(area)
        : String.join(" ", path.subList(1, path.size()).stream().map(this::areaName).toList());
    return site == null ? names : names + " " + siteName(site);
  }

  String areaName(String area) {
    return area == null ? catalogue.root().name() : catalogue.area(area).map(Area::name).orElse(area);
  }

  private String siteName(String site) {
    return catalogue.site(site).map(Site::name).orElse(site);
  }
}
