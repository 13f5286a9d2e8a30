package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Site;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which units a case may go to (docs/api.md, cases): an enabled unit with a site in the case's area's subtree.
 * The dispatch check and the console's list both ask {@link #works}, so the list never offers a unit the
 * dispatch refuses, nor leaves out one it takes. The list's order is advice only: first the units with sites
 * of the kinds the case's category names ({@code cases.category-kinds}), then those holding the case's own
 * site, then by name.
 */
final class CaseUnits {
  private final Catalogue catalogue;

  CaseUnits(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Whether the unit works in the area: one of its sites lies in the area's subtree. */
  boolean works(FieldUnit unit, String area) {
    return !inArea(unit, area).isEmpty();
  }

  /**
   * {@code {area, units:[{id, name, sites, kinds, match}]}} for a case as the detail shows it, best match first.
   *
   * @param kinds the site kinds of the case's category, none: every unit of the area alike
   */
  JsonObject of(JsonObject kase, List<String> kinds, Collection<FieldUnit> units) {
    String area = kase.getString("area");
    String site = kase.getString("site");
    List<Candidate> candidates = units.stream()
        .map(u -> new Candidate(u, inArea(u, area)))
        .filter(c -> !c.sites().isEmpty())
        .map(c -> c.judged(kinds, site))
        .sorted(Comparator.comparing(Candidate::match).reversed()
            .thenComparing(Comparator.comparing(Candidate::holdsSite).reversed())
            .thenComparing(c -> c.unit().name(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> c.unit().id()))
        .toList();
    JsonArray list = new JsonArray();
    candidates.forEach(c -> list.add(c.toJson()));
    return new JsonObject().put("area", area).put("units", list);
  }

  private List<Site> inArea(FieldUnit unit, String area) {
    return unit.sites().stream().filter(s -> catalogue.containsSite(area, s))
        .map(catalogue::site).flatMap(Optional::stream)
        .sorted(Comparator.comparing(Site::id)).toList();
  }

  private record Candidate(FieldUnit unit, List<Site> sites, boolean match, boolean holdsSite) {
    Candidate(FieldUnit unit, List<Site> sites) {
      this(unit, sites, false, false);
    }

    Candidate judged(List<String> kinds, String site) {
      return new Candidate(unit, sites, sites.stream().anyMatch(s -> kinds.contains(s.kind())),
          site != null && sites.stream().anyMatch(s -> Objects.equals(s.id(), site)));
    }

    JsonObject toJson() {
      return new JsonObject().put("id", unit.id()).put("name", unit.name())
          .put("sites", new JsonArray(sites.stream().map(Site::id).toList()))
          .put("kinds", new JsonArray(sites.stream().map(Site::kind).distinct().sorted().toList()))
          .put("match", match);
    }
  }
}
