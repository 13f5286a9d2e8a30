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
 */
public record CasesConfig(int deadlineCheckSeconds, Duration escalateAfter, int photoMaxBytes, int photosPerAction,
                          int memoryMaxCases, int listLimit, List<String> categories) {
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
        categories);
  }
}
