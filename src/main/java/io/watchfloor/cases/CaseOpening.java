package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Site;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The body that opens a case, read and checked: by an officer (from an alert, or a call or a walk-in: the
 * site, area and alert must lie in their scope) or by a unit from the field (one of its own sites). A case
 * without an id of the client's gets one here.
 */
final class CaseOpening {
  static final List<String> URGENCIES = List.of("normal", "urgent", "emergency");
  private static final Set<String> OFFICER_FIELDS = Set.of("id", "title", "category", "urgency", "site", "area",
      "alert", "description");
  private static final Set<String> UNIT_FIELDS = Set.of("id", "title", "category", "urgency", "site", "description");

  /** A case to open: its id and what it is about (opened now, by the verticle's clock). */
  record Opened(UUID id, CaseFile.Subject subject) {
  }

  private final Catalogue catalogue;
  private final List<String> categories;
  private final CaseNeighbours neighbours;

  CaseOpening(Catalogue catalogue, List<String> categories, CaseNeighbours neighbours) {
    this.catalogue = catalogue;
    this.categories = categories;
    this.neighbours = neighbours;
  }

  /** An officer's case: every bad field named at once, the alert's among them. */
  Future<Opened> officer(JsonNode body, String officer, String scope) {
    CaseInput in = CaseInput.of(body, OFFICER_FIELDS);
    UUID alertId = in.uuid("alert", false);
    Future<Optional<JsonObject>> alert = alertId == null ? Future.succeededFuture(Optional.empty())
        : neighbours.alert(alertId, scope);
    return alert.map(found -> {
      if (alertId != null && found.isEmpty()) {
        in.error("alert", "no such alert in your scope");
      }
      String site = in.text("site", false, CaseInput.NAME);
      String area = in.text("area", false, CaseInput.NAME);
      if (site != null && !catalogue.containsSite(scope, site)) {
        in.error("site", "no such site in your scope");
      }
      if (area != null && !catalogue.contains(scope, area)) {
        in.error("area", "no such area in your scope");
      } else if (area != null && site != null && in.fine("site") && !catalogue.containsSite(area, site)) {
        in.error("area", "does not hold the site");
      }
      String alertArea = found.map(a -> a.getString("area")).filter(a -> catalogue.contains(scope, a)).orElse(null);
      String alertSite = found.map(a -> a.getString("subject")).filter(s -> catalogue.containsSite(scope, s)).orElse(null);
      if (site == null && area == null) {
        site = alertSite;
      }
      if (area == null) {
        area = site != null ? catalogue.site(site).map(Site::area).orElse(null) : alertArea;
      }
      if (area == null && in.fine("site") && in.fine("alert")) {
        in.error("area", "required when neither a site nor an alert is given");
      }
      CaseFile.Subject subject = subject(in, site, area, alertId, alertId == null ? "officer" : "alert",
          Actor.operator(officer));
      UUID id = id(in);
      in.check();
      return new Opened(id, subject);
    });
  }

  /** A unit's field event: one of its own sites; {@code more} are the photos' errors, named with the fields'. */
  Opened unit(JsonNode body, FieldUnit unit, List<FieldError> more) {
    CaseInput in = CaseInput.of(body, UNIT_FIELDS);
    more.forEach(e -> in.error(e.field(), e.message()));
    String site = in.text("site", true, CaseInput.NAME);
    if (site != null && !unit.sites().contains(site)) {
      in.error("site", "not one of your sites");
    }
    String area = site == null ? null : catalogue.site(site).map(Site::area).orElse(null);
    CaseFile.Subject subject = subject(in, site, area, null, "field", Actor.unit(unit.id()));
    UUID id = id(in);
    in.check();
    return new Opened(id, subject);
  }

  private CaseFile.Subject subject(CaseInput in, String site, String area, UUID alert, String source, Actor by) {
    return new CaseFile.Subject(in.text("title", true, CaseInput.TITLE), in.oneOf("category", categories, true),
        in.oneOf("urgency", URGENCIES, true), site, area, alert, in.text("description", true, CaseInput.DESCRIPTION),
        source, by.ref(), null);
  }

  private static UUID id(CaseInput in) {
    UUID id = in.uuid("id", false);
    return id == null ? UUID.randomUUID() : id;
  }
}
