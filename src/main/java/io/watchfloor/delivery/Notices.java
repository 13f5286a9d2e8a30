package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.watchfloor.alert.AlertMessages;
import io.watchfloor.bus.Addresses;
import io.watchfloor.cases.CaseMessages;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.notify.EventKind;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a message says of an event, read from the feature that owns it (the alert, the case, the urging) when
 * it is routed, so every channel of the event says the same: see {@link NoticeText} for the words. Empty
 * when the alert or case is gone (a 404): there is nothing left to say.
 */
final class Notices {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(10_000);

  private final Vertx vertx;
  private final NoticeText text;
  private final String rootScope;

  Notices(Vertx vertx, Catalogue catalogue, String linkBase, Function<String, Optional<String>> unitNames) {
    this.vertx = vertx;
    this.text = new NoticeText(catalogue, linkBase, unitNames);
    this.rootScope = catalogue.root().id();
  }

  Future<Optional<JsonObject>> of(Heard event) {
    EventKind kind = EventKind.of(event.kind()).orElse(null);
    if (kind == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (kind.ofAlert()) {
      return vertx.eventBus().<JsonObject>request(Addresses.ALERTS_GET, new AlertMessages.Get(UUID.fromString(event.ref()), rootScope), LOCAL)
          .map(reply -> Optional.of(text.alert(kind, event, reply.body().getJsonObject("alert"))))
          .recover(Notices::goneIsEmpty);
    }
    if (kind.ofCase()) {
      return vertx.eventBus().<JsonObject>request(Addresses.CASES_GET, new CaseMessages.Get(UUID.fromString(event.ref()), rootScope, null), LOCAL)
          .map(reply -> Optional.of(text.caseStep(kind, event, reply.body())))
          .recover(Notices::goneIsEmpty);
    }
    return Future.succeededFuture(event.detail() == null ? Optional.empty()
        : Optional.of(text.urging(event, event.detail())));
  }

  private static Future<Optional<JsonObject>> goneIsEmpty(Throwable e) {
    return e instanceof ReplyException r && r.failureCode() == 404 ? Future.succeededFuture(Optional.empty())
        : Future.failedFuture(e);
  }
}
