package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param categoryKinds        per category, the site kinds whose units take its cases first (the dispatch
 *                             list's order only: which unit may take a case is the area's rule alone)
 * @param unitWritesPerMinute  a unit's sustained writes to the task API (signing, reports back, field events);
 *                             more get 429 with Retry-After, which the field page's outbox waits out
 * @param unitWriteBurst       how many a unit may send at once, as after a dead spot
 */
public record CasesConfig(int deadlineCheckSeconds, Duration escalateAfter, int photoMaxBytes, int photosPerAction,
                          int memoryMaxCases, int listLimit, List<String> categories,
                          Map<String, List<String>> categoryKinds, int unitWritesPerMinute, int unitWriteBurst) {
  public static final List<String> SAMPLE_CATEGORIES = List.of("petition", "sanitation", "checkpoint", "other");
  /** The sample district's: the petition desks, the sanitation inspection sites, the checkpoints. */
  public static final Map<String, List<String>> SAMPLE_CATEGORY_KINDS = Map.of("petition", List.of("community"),
      "sanitation", List.of("inspection"), "checkpoint", List.of("checkpoint"));

  public CasesConfig {
    categories = List.copyOf(categories);
    categoryKinds = Map.copyOf(categoryKinds);
  }

  /** The site kinds whose units suit a case of this category best; none: every unit of the area alike. */
  public List<String> kindsOf(String category) {
    return categoryKinds.getOrDefault(category, List.of());
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
        categories, categoryKinds(cases, categories),
        Fields.integer(cases, "unit-writes-per-minute", 120, 1, 600_000),
        Fields.integer(cases, "unit-write-burst", 60, 1, 100_000));
  }

  private static Map<String, List<String>> categoryKinds(ConfigNode cases, List<String> categories) {
    if (!cases.has("category-kinds")) {
      Map<String, List<String>> sample = new LinkedHashMap<>(SAMPLE_CATEGORY_KINDS);
      sample.keySet().retainAll(categories);
      return sample;
    }
    ConfigNode node = cases.field("category-kinds");
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    for (String category : node.fieldNames()) {
      if (!categories.contains(category)) {
        throw node.field(category).error("is not one of the categories");
      }
      kinds.put(category, Fields.texts(node, category));
    }
    return kinds;
  }
}
