package io.watchfloor.sim;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Site;

import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;

/**
 * Plausible counts for the sample district: busier by day than by night, with the rare escalated or
 * group petition and the odd poor sanitation score that the alert rules are there to catch.
 */
final class DemoReports {
  private final Random random;

  DemoReports(Random random) {
    this.random = random;
  }

  JsonObject next(Site site, OffsetDateTime at) {
    JsonObject metrics = switch (site.kind()) {
      case "checkpoint" -> checkpoint(busyness(at));
      case "community" -> community(busyness(at));
      case "inspection" -> inspection();
      default -> new JsonObject();
    };
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("site", site.id())
        .put("observedAt", at.withNano(0).toString())
        .put("metrics", metrics);
  }

  private static double busyness(OffsetDateTime at) {
    int hour = at.getHour();
    return hour >= 7 && hour <= 20 ? 1.0 : 0.3;
  }

  private JsonObject checkpoint(double busy) {
    int vehicles = (int) (busy * (5 + random.nextInt(30)));
    int persons = vehicles + (int) (busy * random.nextInt(40));
    return new JsonObject()
        .put("vehicles_checked", vehicles)
        .put("persons_checked", persons)
        .put("vehicles_turned_back", random.nextInt(Math.max(1, vehicles / 8 + 1)))
        .put("persons_turned_back", random.nextInt(Math.max(1, persons / 6 + 1)))
        .put("persons_registered", random.nextInt(Math.min(3, persons + 1)))
        .put("fever_detected", persons > 0 && random.nextDouble() < 0.03 ? 1 : 0);
  }

  private JsonObject community(double busy) {
    int screened = random.nextInt(4);
    JsonObject metrics = new JsonObject()
        .put("petitions_visit", (int) (busy * random.nextInt(3)))
        .put("petitions_letter", random.nextInt(2))
        .put("petitions_online", random.nextInt(2))
        .put("petitions_hotline", (int) (busy * random.nextInt(4)))
        .put("disputes_screened", screened)
        .put("disputes_resolved", screened == 0 ? 0 : random.nextInt(screened + 1))
        .put("backlog_cases", 2 + random.nextInt(6));
    if (random.nextDouble() < 0.02) {
      metrics.put("escalated_petitions", 1);
    }
    if (random.nextDouble() < 0.02) {
      metrics.put("group_petitions", 1);
    }
    return metrics;
  }

  private JsonObject inspection() {
    double score = random.nextDouble() < 0.06 ? 45 + random.nextInt(14) : 70 + random.nextInt(60) / 2.0;
    int found = random.nextInt(6);
    return new JsonObject()
        .put("score", Math.min(100, score))
        .put("problems_found", found)
        .put("problems_rectified", found == 0 ? 0 : random.nextInt(found + 1));
  }
}
