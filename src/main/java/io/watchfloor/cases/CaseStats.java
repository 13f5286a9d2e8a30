package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseFigures;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The figures of a scope over a period (docs/api.md, cases), by unit or by area of the tree: each area the sum
 * of its children and its own cases, the scope first; each unit with the cases dispatched to it last. Counted
 * from the cases the period touches, which the store gives at most {@link #MAX_CASES} of.
 */
final class CaseStats {
  static final int MAX_CASES = 100_000;

  private final Catalogue catalogue;
  private final CaseReach reach;

  CaseStats(Catalogue catalogue, CaseReach reach) {
    this.catalogue = catalogue;
    this.reach = reach;
  }

  Future<JsonObject> figures(CaseStore store, CaseMessages.StatsRequest request, Instant now) {
    return store.touching(request.from(), request.to(), reach.areas(request.scope(), null), MAX_CASES + 1)
        .compose(files -> files.size() > MAX_CASES
            ? Future.failedFuture(CaseFailure.invalid("the period holds more cases than one answer counts",
                new FieldError("to", "ask for a shorter period")))
            : Future.succeededFuture(answer(files, request, now)));
  }

  private JsonObject answer(List<CaseFile> files, CaseMessages.StatsRequest request, Instant now) {
    boolean byUnit = "unit".equals(request.by());
    Map<String, CaseFigures.Counts> rows = byUnit ? CaseFigures.byUnit(files, request.from(), request.to(), now)
        : CaseFigures.byArea(files, catalogue, request.scope(), request.from(), request.to(), now);
    JsonObject figures = new JsonObject();
    rows.forEach((key, counts) -> figures.put(key, row(counts)));
    CaseFigures.Counts total = byUnit
        ? files.stream().map(f -> CaseFigures.of(f, request.from(), request.to(), now))
            .reduce(CaseFigures.Counts.ZERO, CaseFigures.Counts::plus)
        : rows.getOrDefault(request.scope(), CaseFigures.Counts.ZERO);
    return new JsonObject().put("scope", request.scope()).put("from", request.from().toString())
        .put("to", request.to().toString()).put("by", request.by()).put("total", row(total)).put("figures", figures);
  }

  private static JsonObject row(CaseFigures.Counts counts) {
    JsonObject row = new JsonObject();
    counts.figures().forEach(row::put);
    for (CaseFigures.Rate rate : CaseFigures.Rate.values()) {
      row.put(rate.key(), counts.rate(rate));
    }
    return row;
  }
}
