package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.CaseState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Cases as the API, the console, the field page and the live frames see them (docs/api.md, cases): the case,
 * its detail with the trail and the photos, and what a wall screen may show of it (counts and titles, never
 * a note, a name, a unit or a photo).
 */
public final class CaseJson {
  /** What a display key's screen gets of a case; everything else stays with operators. */
  public static final List<String> WALL_FIELDS = List.of("id", "title", "category", "urgency", "area", "state",
      "stage", "dueAt", "nearDue", "overdue", "supervision", "escalatedTo");

  private CaseJson() {
  }

  public static JsonObject of(CaseFile c) {
    CaseFile.Subject s = c.subject();
    CaseFile.Clock clock = c.clock();
    CaseFile.Tally tally = c.tally();
    JsonArray allowed = new JsonArray();
    CaseMachine.allowed(c).stream().map(CaseAction::key).forEach(allowed::add);
    return new JsonObject()
        .put("id", c.id().toString())
        .put("title", s.title())
        .put("category", s.category())
        .put("urgency", s.urgency())
        .put("site", s.site())
        .put("area", s.area())
        .put("alert", text(s.alert()))
        .put("description", s.description())
        .put("source", s.source())
        .put("state", c.state().key())
        .put("unit", c.unit())
        .put("openedBy", s.openedBy())
        .put("openedAt", text(s.openedAt()))
        .put("updatedAt", text(c.updatedAt()))
        .put("version", c.version())
        .put("stage", clock.stage() == null ? null : clock.stage().key())
        .put("stageStartedAt", text(clock.startedAt()))
        .put("dueAt", text(clock.dueAt()))
        .put("nearDueAt", text(clock.nearDueAt()))
        .put("nearDue", clock.nearDue())
        .put("overdue", clock.overdue())
        .put("escalatedTo", clock.escalatedTo())
        .put("supervision", c.supervision())
        .put("urges", tally.urges())
        .put("reworks", tally.reworks())
        .put("extensions", tally.extensions())
        .put("returns", tally.returns())
        .put("extensionAsked", ask(c.extensionAsked()))
        .put("parkedFrom", key(c.parkedFrom()))
        .put("reportedBy", c.reportedBy())
        .put("closedAt", text(c.closedAt()))
        .put("allowed", allowed);
  }

  public static JsonArray of(List<CaseFile> cases) {
    JsonArray list = new JsonArray();
    cases.forEach(c -> list.add(of(c)));
    return list;
  }

  /** A case's detail; {@code base} is where its photos are read: /api/v1/cases or /api/v1/tasks. */
  public static JsonObject detail(CaseStore.Detail detail, String base) {
    JsonArray trail = new JsonArray();
    detail.trail().forEach(e -> trail.add(event(e)));
    JsonArray photos = new JsonArray();
    String caseUrl = base + "/" + detail.file().id() + "/photos/";
    detail.photos().forEach(p -> photos.add(new JsonObject().put("id", p.id().toString()).put("seq", p.seq())
        .put("mediaType", p.mediaType()).put("size", p.size()).put("at", text(p.at())).put("url", caseUrl + p.id())));
    return new JsonObject().put("case", of(detail.file())).put("trail", trail).put("photos", photos);
  }

  public static JsonObject event(CaseEvent e) {
    return new JsonObject().put("seq", e.seq()).put("action", e.action().key()).put("by", e.by()).put("at", text(e.at()))
        .put("from", key(e.from())).put("to", key(e.to())).put("note", e.note())
        .put("detail", new JsonObject(new LinkedHashMap<>(e.detail())));
  }

  /** What a wall screen may show of a case, from its full JSON. */
  public static JsonObject forWall(JsonObject full) {
    JsonObject wall = new JsonObject();
    WALL_FIELDS.forEach(field -> wall.put(field, full.getValue(field)));
    return wall;
  }

  private static JsonObject ask(CaseFile.ExtensionAsk ask) {
    return ask == null ? null : new JsonObject().put("until", text(ask.until())).put("reason", ask.reason())
        .put("by", ask.by()).put("at", text(ask.at()));
  }

  private static String key(CaseState state) {
    return state == null ? null : state.key();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
