package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.TestTown;

import java.util.List;

/**
 * An action over HTTP with its Idempotency-Key, sent on whichever server is up: so a test can send it again,
 * the same request under the same key, after the server it first went to has stopped.
 */
@FunctionalInterface
interface KeyedCall {
  HttpResponse<Buffer> send(CaseDesk desk, String duty);

  /** An officer opens a case. */
  static KeyedCall opening(String key, JsonObject body) {
    return (desk, duty) -> desk.officer(desk.server.client.post("/api/v1/cases"), duty).putHeader(IdempotencyKey.HEADER, key)
        .sendJsonObject(body).await();
  }

  /** An officer's action on a case. */
  static KeyedCall officer(String key, String id, String action, JsonObject body) {
    return (desk, duty) -> desk.officer(desk.server.client.post("/api/v1/cases/" + id + "/" + action), duty)
        .putHeader(IdempotencyKey.HEADER, key).sendJsonObject(body).await();
  }

  /** demo-sanitation's action on its task, as JSON. */
  static KeyedCall unit(String key, String id, String action, JsonObject body) {
    return (desk, duty) -> desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/" + action), TestTown.SANITATION)
        .putHeader(IdempotencyKey.HEADER, key).sendJsonObject(body).await();
  }

  /** A report back with one photo, as the field page sends it. */
  static KeyedCall report(String key, String id, Buffer photo) {
    return (desk, duty) -> CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/report"),
        TestTown.SANITATION).putHeader(IdempotencyKey.HEADER, key), CaseDesk.form("已清运", List.of(photo))).await();
  }
}
