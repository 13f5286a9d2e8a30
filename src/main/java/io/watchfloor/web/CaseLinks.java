package io.watchfloor.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.alert.AlertMessages;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CaseNeighbours;
import io.watchfloor.domain.FieldUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** What the case routes ask of alerts and of who may do what, answered on this node. */
final class CaseLinks implements CaseNeighbours {
  private static final Logger LOG = LoggerFactory.getLogger(CaseLinks.class);
  private final Vertx vertx;
  private final AccessPicture access;

  CaseLinks(Vertx vertx, AccessPicture access) {
    this.vertx = vertx;
    this.access = access;
  }

  /** The alert, if it exists in the scope; not found and outside the scope are both no alert. */
  @Override
  public Future<Optional<JsonObject>> alert(UUID id, String scope) {
    return vertx.eventBus().<JsonObject>request(Addresses.ALERTS_GET, new AlertMessages.Get(id, scope), Local.only(10_000))
        .map(reply -> Optional.ofNullable(reply.body().getJsonObject("alert")))
        .recover(e -> e instanceof BusFailure known && (known.status() == 404 || known.status() == 403)
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> alertFollows(UUID alert, boolean resolved, String by, String note, String scope) {
    AlertMessages.Act act = new AlertMessages.Act(alert, resolved ? AlertMessages.Act.RESOLVE : AlertMessages.Act.ACKNOWLEDGE,
        by, note, scope);
    return vertx.eventBus().request(Addresses.ALERTS_ACT, act, Local.only(10_000))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.debug("cases: alert {} left as it is ({}): {}", alert, act.action(), e.getMessage());
          return Future.succeededFuture();
        });
  }

  @Override
  public Optional<FieldUnit> unit(String id) {
    return access.fieldUnit(id);
  }

  @Override
  public Collection<FieldUnit> units() {
    return access.fieldUnits();
  }
}
