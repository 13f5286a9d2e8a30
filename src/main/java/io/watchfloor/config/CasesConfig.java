package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;
import java.util.List;

/**
 * The {@code cases} section: the closed loop's clocks and bounds (docs/api.md, cases).
 *
 * @param deadlineCheckSeconds how often the deadline clock looks for near-due and overdue cases
 * @param escalateAfter        how long an overdue case waits at a level before it goes one more up
 * @param photoMaxBytes        the largest photo taken, after the page has shrunk it
 * @param photosPerAction      photos one report or field event may carry
 * @param memoryMaxCases       cases the embedded store keeps; one more is refused with 503
 * @param listLimit            cases one list answers at most
 * @param categories           what a case may be about; the time-limit table has a row per category
 * @param unitWritesPerMinute  a unit's sustained writes to the task API (signing, reports back, field events);
 *                             more get 429 with Retry-After, which the field page's outbox waits out
 * @param unitWriteBurst       how many a unit may send at once, as after a dead spot
 */
public record CasesConfig(int deadlineCheckSeconds, Duration escalateAfter, int photoMaxBytes, int photosPerAction,
                          int memoryMaxCases, int listLimit, List<String> categories, int unitWritesPerMinute,
                          int unitWriteBurst) {
  public static final List<String> SAMPLE_CATEGORIES = List.of("petition", "sanitation", "checkpoint", "other");

  public CasesConfig {
    categories = List.copyOf(categories);
  }

  /** Every default: what a test or a tool that builds one verticle on its own starts from. */
  public static CasesConfig defaults() {
    return read(Fields.node("cases", new io.vertx.core.json.JsonObject()));
  }

  static CasesConfig read(ConfigNode cases) {
    List<String> categories = cases.has("categories") ? Fields.texts(cases, "categories") : SAMPLE_CATEGORIES;
    if (categories.isEmpty()) {
      throw cases.field("categories").error("must name at least one category");
    }
    return new CasesConfig(
        Fields.integer(cases, "deadline-check-seconds", 15, 1, 3600),
        Duration.ofMinutes(Fields.integer(cases, "escalate-after-minutes", 30, 1, 10_080)),
        Fields.integer(cases, "photo-max-bytes", 2 * 1024 * 1024, 1024, 16 * 1024 * 1024),
        Fields.integer(cases, "photos-per-action", 6, 0, 20),
        Fields.integer(cases, "memory-max-cases", 20_000, 10, 10_000_000),
        Fields.integer(cases, "list-limit", 500, 1, 5000),
        categories,
        Fields.integer(cases, "unit-writes-per-minute", 120, 1, 600_000),
        Fields.integer(cases, "unit-write-burst", 60, 1, 100_000));
  }
}
