package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CasePicture;
import io.watchfloor.cases.CaseJson;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.live.LiveMessages.CaseFrame;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases beside the live picture: each change goes out at once as a {@code case} frame, in two cuts
 * (the whole case for consoles, {@link CaseJson#forWall}'s for wall screens), to the hubs of this node; and the
 * node's {@link CasePicture} gives each scope's state its {@code cases} part, computed once per picture
 * and scope however many ticks read it. {@link LiveVerticle} owns one.
 */
final class LiveCases {
  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private CasePicture picture = CasePicture.EMPTY;
  private final Map<String, JsonObject> byScope = new HashMap<>();

  LiveCases(Vertx vertx, Clock clock, Catalogue catalogue) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
  }

  /** Case changes come from every node; the picture is this node's own. */
  Future<Void> listen() {
    return Future.join(List.of(
            vertx.eventBus().<JsonObject>consumer(Addresses.CASES_CHANGED, this::onChanged).completion(),
            vertx.eventBus().<CasePicture>localConsumer(Addresses.CASES_PICTURE, this::onPicture).completion()))
        .mapEmpty();
  }

  /**
   * The scope's {@code cases} part, computed once per picture: a tick costs a lookup. The same instance until
   * the picture changes, so the delta passes over it unopened; no one may change it (see {@link StateParts}).
   */
  JsonObject in(String scope) {
    return byScope.computeIfAbsent(scope, s -> CasesJson.of(catalogue, picture, s));
  }

  private void onPicture(Message<CasePicture> message) {
    picture = message.body();
    byScope.clear();
  }

  private void onChanged(Message<JsonObject> message) {
    JsonObject full = message.body();
    if (full == null || !(full.getValue("id") instanceof String)) {
      return;
    }
    String at = clock.instant().toString();
    vertx.eventBus().publish(Addresses.LIVE_CASE, new CaseFrame(full.getValue("area") instanceof String a ? a : null,
        LiveMessages.suffix(at, "case", full.encode()), LiveMessages.suffix(at, "case", CaseJson.forWall(full).encode())),
        Local.only());
  }
}
