package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;

import java.util.List;

/** The time-limit table and a year's calendar as the admin API shows them, and as the audit keeps them. */
final class TimeJson {
  private TimeJson() {
  }

  static JsonArray rows(List<CaseDeadlines.Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(r -> array.add(new JsonObject().put("category", r.category()).put("urgency", r.urgency())
        .put("sign", r.sign().format()).put("handle", r.handle().format()).put("verify", r.verify().format())));
    return array;
  }

  static JsonArray days(List<WorkCalendar.Day> days) {
    JsonArray array = new JsonArray();
    days.forEach(d -> array.add(new JsonObject().put("day", d.day().toString()).put("working", d.working())
        .put("note", d.note())));
    return array;
  }

  static JsonObject limits(long version, List<CaseDeadlines.Row> rows) {
    return new JsonObject().put("version", version).put("rows", rows(rows));
  }

  static JsonObject calendar(long version, int year, List<WorkCalendar.Day> days) {
    return new JsonObject().put("version", version).put("year", year).put("days", days(days));
  }
}
