package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.http.Problems;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the officers' and the units' routes both ask the case verticle, and how they answer: the status and
 * body of a write (the same for a replay), the detail, a list, a photo's bytes, and every refusal as the
 * problem it stands for.
 */
final class CaseCalls {
  /** Local only: the request goes by reference, and every node has the verticle that answers it. */
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;

  CaseCalls(Vertx vertx) {
    this.vertx = vertx;
  }

  void open(RoutingContext ctx, CaseMessages.Open open) {
    open(ctx, open, answered -> { });
  }

  /** Opens, answers, and then hands the case answered with to {@code then}. */
  void open(RoutingContext ctx, CaseMessages.Open open, Consumer<JsonObject> then) {
    write(ctx, Addresses.CASES_OPEN, open, then);
  }

  void act(RoutingContext ctx, CaseMessages.Act act) {
    act(ctx, act, answered -> { });
  }

  /** Acts, answers, and then hands the case answered with to {@code then}. */
  void act(RoutingContext ctx, CaseMessages.Act act, Consumer<JsonObject> then) {
    write(ctx, Addresses.CASES_ACT, act, then);
  }

  private void write(RoutingContext ctx, String address, Object request, Consumer<JsonObject> then) {
    vertx.eventBus().<CaseMessages.Answer>request(address, request, TIMEOUT)
        .onSuccess(reply -> {
          ctx.response().setStatusCode(reply.body().status())
              .putHeader("Content-Type", "application/json").end(reply.body().body().toBuffer());
          if (reply.body().status() < 300) {
            then.accept(reply.body().body());
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  Future<JsonObject> detail(CaseMessages.Get get) {
    return vertx.eventBus().<JsonObject>request(Addresses.CASES_GET, get, TIMEOUT).map(m -> m.body());
  }

  void detail(RoutingContext ctx, CaseMessages.Get get) {
    detail(get).onSuccess(ctx::json).onFailure(e -> fail(ctx, e));
  }

  void list(RoutingContext ctx, CaseMessages.ListRequest request, String key) {
    list(ctx, request, key, null);
  }

  /**
   * The list under {@code key}, and with {@code now} the server's time beside it: a phone counts its tasks'
   * deadlines down by the server's clock, not by its own, which may be minutes or days off.
   */
  void list(RoutingContext ctx, CaseMessages.ListRequest request, String key, Instant now) {
    vertx.eventBus().<JsonArray>request(Addresses.CASES_LIST, request, TIMEOUT)
        .onSuccess(reply -> {
          JsonObject answer = new JsonObject().put(key, reply.body());
          ctx.json(now == null ? answer : answer.put("now", now.toString()));
        })
        .onFailure(e -> fail(ctx, e));
  }

  /** A photo's bytes as stored; kept by the browser for this user only, and never sniffed as anything else. */
  void photo(RoutingContext ctx, CaseMessages.PhotoRequest request) {
    vertx.eventBus().<CaseStore.Photo>request(Addresses.CASES_PHOTO, request, TIMEOUT)
        .onSuccess(reply -> ctx.response().putHeader("Content-Type", reply.body().mediaType())
            // replaces the no-store of every API answer: a photo never changes, and stays with this browser only
            .putHeader("Cache-Control", "private")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Disposition", "inline")
            .end(Buffer.buffer(reply.body().bytes())))
        .onFailure(e -> fail(ctx, e));
  }

  /** A refusal of the verticle as its problem, with its fields and members; anything else as the bus says. */
  static void fail(RoutingContext ctx, Throwable e) {
    ctx.fail(e instanceof CaseFailure known ? known.toApiError() : e);
  }

  /** The case id of the path; one that is no UUID names no case, and is answered as a missing one. */
  static UUID caseId(RoutingContext ctx) {
    return uuid(ctx, "id", CaseFailure.notFound());
  }

  static UUID photoId(RoutingContext ctx) {
    return uuid(ctx, "photoId", CaseFailure.photoNotFound());
  }

  private static UUID uuid(RoutingContext ctx, String param, CaseFailure missing) {
    String text = ctx.pathParam(param);
    try {
      if (text != null && text.length() == 36) {
        UUID id = UUID.fromString(text);
        ctx.put(Problems.SUBJECT_ID, id);
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below as the missing thing it names
    }
    throw missing.toApiError();
  }

  /** Checked images as the store keeps them; the store sets the trail line they come with. */
  static List<CaseStore.Photo> photos(UUID caseId, List<PhotoUpload.Image> images, Instant now) {
    return images.stream().map(i -> new CaseStore.Photo(UUID.randomUUID(), caseId, 0, i.mediaType(), i.bytes(), now,
        i.lat(), i.lon())).toList();
  }
}
