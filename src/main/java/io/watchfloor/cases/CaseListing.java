package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CaseMessages.ListRequest;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every open case, read through {@code cases.list} as any reader reads it, whose answers stop at the list
 * limit. So it asks per part of the tree (the jurisdiction's own area, then each child's subtree), and a part
 * whose answer came back full is asked again area by area. An area whose own answer is full is not known
 * whole: the picture then keeps what it heard of that area rather than dropping what the answer left out.
 */
final class CaseListing {
  /** The open cases read, and the areas whose every open case is among them. */
  record Listing(JsonArray cases, Set<String> complete) {
  }

  private static final long LIST_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final int limit;

  /** @param limit the most one list answers (cases.list-limit) */
  CaseListing(Vertx vertx, Catalogue catalogue, int limit) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.limit = limit;
  }

  Future<Listing> read() {
    List<List<String>> parts = new ArrayList<>();
    parts.add(List.of(catalogue.root().id()));
    for (Area child : catalogue.children(catalogue.root().id())) {
      parts.add(catalogue.subtreeAreas(child.id()).stream().map(Area::id).toList());
    }
    return merged(parts.stream().map(this::part).toList());
  }

  /** One part of the tree; area by area when the part does not fit in one answer. */
  private Future<Listing> part(List<String> areas) {
    return list(areas).compose(cases -> {
      if (cases.size() < limit) {
        return Future.succeededFuture(new Listing(cases, Set.copyOf(areas)));
      }
      return areas.size() == 1 ? Future.succeededFuture(new Listing(cases, Set.of()))
          : merged(areas.stream().map(area -> part(List.of(area))).toList());
    });
  }

  private static Future<Listing> merged(List<Future<Listing>> reads) {
    return Future.all(reads).map(all -> {
      JsonArray cases = new JsonArray();
      Set<String> complete = new HashSet<>();
      reads.forEach(r -> {
        cases.addAll(r.result().cases());
        complete.addAll(r.result().complete());
      });
      return new Listing(cases, complete);
    });
  }

  private Future<JsonArray> list(List<String> areas) {
    CaseStore.Filter open = new CaseStore.Filter(areas, null, true, null, null, null, null, null, limit);
    return vertx.eventBus().<JsonArray>request(Addresses.CASES_LIST, new ListRequest(open, null, null),
        Local.only(LIST_TIMEOUT_MS)).map(reply -> reply.body());
  }
}
