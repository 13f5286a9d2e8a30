package io.watchfloor.sim;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo's command centre: the district's duty officer opens cases (from an alert, or as a phone call
 * would), dispatches them to the unit of their kind's sites, parks and resumes, cancels, grants more time,
 * supervises what runs overdue and urges what is near due; a second officer verifies what comes back, passing
 * most and sending some back for rework. It acts only on the cases the demo opened: a case a person opens in
 * the console is left to people.
 */
final class DemoDesk {
  static final String DUTY = "duty";
  static final String CHECK = DemoCredentials.CHECK_DUTY;
  private static final int MAX_ALERTS_REMEMBERED = 1_000;

  private final DemoHttp http;
  private final DemoPlans plans;
  private final Catalogue catalogue;
  private final Random random;
  private final Set<String> alertsTaken = new LinkedHashSet<>();
  private final Instant startedAt;

  DemoDesk(DemoHttp http, DemoPlans plans, Catalogue catalogue, Random random, Instant startedAt) {
    this.http = http;
    this.plans = plans;
    this.catalogue = catalogue;
    this.random = random;
    this.startedAt = startedAt;
  }

  /** The open cases of the district, as the duty officer's case tab lists them; null if it did not answer. */
  Future<JsonArray> openCases() {
    return http.officerGet(DUTY, "/api/v1/cases?state=open&limit=500")
        .map(answer -> answer.ok() ? answer.body().getJsonArray("cases", new JsonArray()) : null);
  }

  /** What each of the demo's open cases needs of an officer now; one action a case a round. */
  Future<Void> act(JsonArray open, Instant now) {
    Set<String> ids = new HashSet<>();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      JsonObject c = open.getJsonObject(i);
      ids.add(c.getString("id"));
      DemoPlan plan = plans.get(c.getString("id"));
      if (plan == null && leftByAnEarlierRun(c)) {
        plan = plans.put(c.getString("id"), DemoPlan.opened(now, random));
      }
      if (plan != null && plan.ours) {
        done.add(step(c, plan, now));
      }
    }
    plans.stillOpen(ids);
    return settled(done);
  }

  /**
   * A case the demo opened before this start (kept by PostgreSQL across a restart): taken up again so that no
   * case of the demo's stays open for ever. One opened since is someone's at the console, and left to them.
   */
  private boolean leftByAnEarlierRun(JsonObject c) {
    String by = c.getString("openedBy", "");
    boolean demo = by.equals("operator:" + DUTY) || by.startsWith("unit:demo-");
    return demo && Instant.parse(c.getString("openedAt")).isBefore(startedAt);
  }

  private Future<?> step(JsonObject c, DemoPlan plan, Instant now) {
    String id = c.getString("id");
    double progress = DemoPlans.progress(c, now);
    return switch (c.getString("state")) {
      case "new" -> fresh(c, plan, now);
      case "dispatched", "handling" -> running(c, plan, progress);
      case "parked" -> plan.parkedAt != null && !now.isBefore(plan.parkedAt.plus(plan.parkFor))
          ? post(DUTY, id, "resume", new JsonObject().put("note", "条件具备，恢复办理")).onSuccess(a -> plan.parkedAt = null)
          : done();
      case "reported" -> progress >= plan.verifyAt ? verify(id, plan) : done();
      default -> done();
    };
  }

  private Future<?> fresh(JsonObject c, DemoPlan plan, Instant now) {
    if (now.isBefore(plan.dispatchAt)) {
      return done();
    }
    if (plan.fate == DemoPlan.Fate.CANCELLED) {
      return post(DUTY, c.getString("id"), "cancel", new JsonObject().put("note", "经核实为重复上报，作废"));
    }
    String unit = unitFor(c);
    String note = c.getInteger("returns", 0) > 0 ? "已核实属你单位职责，请重新签收" : "请按时限签收处置";
    return post(DUTY, c.getString("id"), "dispatch", new JsonObject().put("unit", unit).put("note", note));
  }

  private Future<?> running(JsonObject c, DemoPlan plan, double progress) {
    String id = c.getString("id");
    boolean overdue = c.getBoolean("overdue", false);
    String supervision = c.getString("supervision");
    if (c.getValue("extensionAsked") != null) {
      return post(DUTY, id, "extension", new JsonObject().put("granted", true).put("note", "同意延期，请抓紧办理"));
    }
    if (plan.fate == DemoPlan.Fate.PARKED && !plan.parked && "handling".equals(c.getString("state")) && progress >= 0.3) {
      return post(DUTY, id, "park", new JsonObject().put("note", "需等待上级部门意见，暂时挂账"))
          .onSuccess(a -> {
            plan.parked = true;
            plan.parkedAt = Instant.parse(a.body().getString("updatedAt"));
          });
    }
    if (overdue && supervision == null) {
      return post(DUTY, id, "supervise", new JsonObject().put("level", "yellow").put("note", "已超期，黄牌督办"));
    }
    if (overdue && "yellow".equals(supervision) && c.getString("escalatedTo") != null && random.nextInt(4) == 0) {
      return post(DUTY, id, "supervise", new JsonObject().put("level", "red").put("note", "超期上报，红牌督办"));
    }
    if (c.getBoolean("nearDue", false) && !overdue && c.getInteger("urges", 0) == 0) {
      return post(DUTY, id, "urge", new JsonObject().put("note", "即将超期，请尽快办理"));
    }
    return done();
  }

  private Future<?> verify(String id, DemoPlan plan) {
    boolean passed = plan.reworksLeft == 0;
    JsonObject body = new JsonObject().put("passed", passed)
        .put("note", passed ? DemoCaseTexts.passed(random) : DemoCaseTexts.rework(random));
    return post(CHECK, id, "verify", body).onSuccess(a -> {
      if (!passed) {
        plan.reworksLeft--;
      }
    });
  }

  /** A case opened by the duty officer: from an open alert not yet taken, else as a phone call would bring it. */
  Future<Void> open(Instant now) {
    return random.nextBoolean() ? fromAlert(now) : byHand(now);
  }

  private Future<Void> fromAlert(Instant now) {
    return http.officerGet(DUTY, "/api/v1/alerts?state=open").compose(answer -> {
      JsonArray alerts = answer.ok() ? answer.body().getJsonArray("alerts", new JsonArray()) : new JsonArray();
      for (int i = 0; i < alerts.size(); i++) {
        JsonObject alert = alerts.getJsonObject(i);
        String site = alert.getString("site");
        if (site != null && alertsTaken.add(alert.getString("id"))) {
          trimAlerts();
          String category = catalogue.site(site).map(s -> DemoCaseTexts.category(s.kind())).orElse("other");
          String title = alert.getJsonObject("title", new JsonObject()).getString("zh", "告警转事件");
          return openCase(now, new JsonObject().put("title", title).put("category", category)
              .put("urgency", urgencyOf(alert.getString("severity", "")))
              .put("site", site).put("alert", alert.getString("id"))
              .put("description", "由告警转立案：" + title + "，请核实处置"));
        }
      }
      return byHand(now);
    });
  }

  private Future<Void> byHand(Instant now) {
    List<Site> sites = List.copyOf(catalogue.sites());
    Site site = sites.get(random.nextInt(sites.size()));
    String category = random.nextInt(6) == 0 ? "other" : DemoCaseTexts.category(site.kind());
    DemoCaseTexts.Subject subject = DemoCaseTexts.subject(category, random);
    return openCase(now, new JsonObject().put("title", subject.title()).put("category", category)
        .put("urgency", urgency(random)).put("site", site.id()).put("description", subject.description()));
  }

  private Future<Void> openCase(Instant now, JsonObject body) {
    String id = java.util.UUID.randomUUID().toString();
    return http.officerPost(DUTY, "/api/v1/cases", body.put("id", id))
        .onSuccess(answer -> {
          if (answer.ok()) {
            plans.put(id, DemoPlan.opened(now, random));
          }
        })
        .mapEmpty();
  }

  /** As the console's 转为事件 fills it in: critical 特急, warning 紧急, info 一般. */
  private static String urgencyOf(String severity) {
    return switch (severity) {
      case "critical" -> "emergency";
      case "warning" -> "urgent";
      default -> "normal";
    };
  }

  static String urgency(Random random) {
    int pick = random.nextInt(10);
    return pick < 7 ? "normal" : pick < 9 ? "urgent" : "emergency";
  }

  /**
   * The demo unit that takes a case: the one that posts for its category's sites; a case of another category
   * goes to the unit of its site (a unit must work in the case's area).
   */
  String unitFor(JsonObject c) {
    return switch (c.getString("category")) {
      case "petition" -> "demo-petitions";
      case "sanitation" -> "demo-sanitation";
      case "checkpoint" -> "demo-checkpoints";
      default -> catalogue.site(c.getString("site", "")).map(s -> switch (s.kind()) {
        case "checkpoint" -> "demo-checkpoints";
        case "inspection" -> "demo-sanitation";
        default -> "demo-petitions";
      }).orElse("demo-petitions");
    };
  }

  private Future<DemoHttp.Answer> post(String officer, String id, String action, JsonObject body) {
    return http.officerPost(officer, "/api/v1/cases/" + id + "/" + action, body)
        .compose(answer -> answer.ok() ? Future.succeededFuture(answer)
            : Future.failedFuture(action + " answered " + answer.status() + ": " + answer.body().getString("detail")));
  }

  private void trimAlerts() {
    while (alertsTaken.size() > MAX_ALERTS_REMEMBERED) {
      alertsTaken.remove(alertsTaken.iterator().next());
    }
  }

  /**
   * When every action of the round has answered, whatever each answered: an action refused (a person was
   * quicker at the console, a 409) is simply looked at again next round.
   */
  static Future<Void> settled(List<Future<?>> actions) {
    return Future.join(actions).transform(r -> Future.succeededFuture());
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }
}
