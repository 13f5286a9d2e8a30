package io.watchfloor.flag;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Flag;

import java.util.List;

/** A flag as the review reads it: {reportId, metric, site, day, value, reason, detail, flaggedAt, cleared|null}. */
public final class FlagJson {
  private FlagJson() {
  }

  public static JsonObject of(Flag f) {
    JsonObject cleared = f.cleared() == null ? null
        : new JsonObject().put("by", f.cleared().by()).put("at", f.cleared().at().toString()).put("note", f.cleared().note());
    return new JsonObject().put("reportId", f.reportId().toString()).put("metric", f.metric()).put("site", f.site())
        .put("day", f.day().toString()).put("value", f.value()).put("reason", f.reason()).put("detail", f.detail())
        .put("flaggedAt", f.flaggedAt().toString()).put("cleared", cleared);
  }

  public static JsonArray of(List<Flag> flags) {
    JsonArray list = new JsonArray();
    flags.forEach(f -> list.add(of(f)));
    return list;
  }
}
