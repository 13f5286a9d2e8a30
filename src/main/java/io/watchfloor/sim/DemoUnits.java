package io.watchfloor.sim;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The demo's field units on their task tab: each lists the cases dispatched to it, signs for them, now and
 * then hands one back or asks for more time, and reports back with a note and a photo; and now and then one
 * reports an event it found in the field (上报事件), with a photo. They act on every case dispatched to them,
 * a person's included, so a case dispatched from the console to a demo unit comes back.
 */
final class DemoUnits {
  /** The site kinds the demo units post for; a catalogue of its own may have others, which no demo unit takes. */
  private static final java.util.Set<String> DEMO_KINDS = java.util.Set.of("checkpoint", "community", "inspection");

  private final DemoHttp http;
  private final DemoPlans plans;
  private final Catalogue catalogue;
  private final Random random;
  private final DemoPhoto photos;

  DemoUnits(DemoHttp http, DemoPlans plans, Catalogue catalogue, Random random, DemoPhoto photos) {
    this.photos = photos;
    this.http = http;
    this.plans = plans;
    this.catalogue = catalogue;
    this.random = random;
  }

  /** Every unit's tasks, one action a task a round. */
  Future<Void> act(Instant now) {
    List<Future<?>> done = new ArrayList<>();
    for (Map.Entry<String, String> unit : DemoCredentials.UNIT_TOKENS.entrySet()) {
      done.add(http.unitGet(unit.getValue(), "/api/v1/tasks").compose(answer -> {
        JsonArray tasks = answer.ok() ? answer.body().getJsonArray("tasks", new JsonArray()) : new JsonArray();
        List<Future<?>> steps = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
          steps.add(step(unit.getValue(), tasks.getJsonObject(i), now));
        }
        return DemoDesk.settled(steps);
      }));
    }
    return DemoDesk.settled(done);
  }

  private Future<?> step(String token, JsonObject task, Instant now) {
    String id = task.getString("id");
    DemoPlan plan = plans.getOrAdd(id, () -> DemoPlan.someoneElses(now, random));
    double progress = DemoPlans.progress(task, now);
    String path = "/api/v1/tasks/" + id + "/";
    switch (task.getString("state")) {
      case "dispatched" -> {
        if (plan.fate == DemoPlan.Fate.RETURNED && !plan.returned && progress >= 0.25) {
          return post(token, path + "return", new JsonObject().put("reason", "不属于本单位辖区职责，请重新派单"))
              .onSuccess(a -> plan.returned = true);
        }
        return progress >= plan.signAt ? post(token, path + "accept", new JsonObject().put("note", "已签收")) : done();
      }
      case "handling" -> {
        if (task.getValue("extensionAsked") != null) {
          return done();
        }
        if (plan.fate == DemoPlan.Fate.EXTENDED && task.getInteger("extensions", 0) == 0 && progress >= 0.5) {
          return post(token, path + "extend", new JsonObject().put("until", longer(task).toString())
              .put("reason", "需协调其他部门配合，申请延期"));
        }
        return progress >= plan.handleAt ? report(token, path, task) : done();
      }
      default -> {
        return done();
      }
    }
  }

  /** Half as long again as the stage's own limit. */
  private static Instant longer(JsonObject task) {
    Instant started = Instant.parse(task.getString("stageStartedAt"));
    Instant due = Instant.parse(task.getString("dueAt"));
    return due.plus(Duration.between(started, due).dividedBy(2));
  }

  private Future<?> report(String token, String path, JsonObject task) {
    byte[] photo = photos.pick(task.getString("category"), true, random);
    return http.unitPostWithPhoto(token, path + "report", Map.of("note", DemoCaseTexts.handled(random)), photo)
        .compose(DemoUnits::ok);
  }

  /** A unit reports what it found at one of its own sites, with a photo of it. */
  Future<?> fieldEvent(Instant now) {
    List<Map.Entry<String, String>> units = new ArrayList<>(DemoCredentials.UNIT_TOKENS.entrySet());
    Map.Entry<String, String> unit = units.get(random.nextInt(units.size()));
    List<Site> own = catalogue.sites().stream()
        .filter(s -> DEMO_KINDS.contains(s.kind()) && DemoCredentials.tokenFor(s.kind()).equals(unit.getValue())).toList();
    if (own.isEmpty()) {
      return done();
    }
    Site site = own.get(random.nextInt(own.size()));
    String category = DemoCaseTexts.category(site.kind());
    DemoCaseTexts.Subject subject = DemoCaseTexts.subject(category, random);
    String id = UUID.randomUUID().toString();
    Map<String, String> fields = Map.of("id", id, "title", subject.title(), "category", category,
        "urgency", DemoDesk.urgency(random), "site", site.id(), "description", subject.description());
    return http.unitPostWithPhoto(unit.getValue(), "/api/v1/tasks", fields, photos.pick(category, false, random))
        .compose(DemoUnits::ok)
        .onSuccess(a -> plans.put(id, DemoPlan.opened(now, random)));
  }

  private Future<DemoHttp.Answer> post(String token, String path, JsonObject body) {
    return http.unitPost(token, path, body).compose(DemoUnits::ok);
  }

  private static Future<DemoHttp.Answer> ok(DemoHttp.Answer answer) {
    return answer.ok() ? Future.succeededFuture(answer)
        : Future.failedFuture("answered " + answer.status() + ": " + answer.body().getString("detail"));
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }
}
