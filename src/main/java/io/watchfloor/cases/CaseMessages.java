package io.watchfloor.cases;

import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The case verticle's node-local event-bus messages; replies are JSON unless said otherwise. A {@code scope}
 * is the area whose subtree an officer may reach; {@code unit} is the unit a task request comes from (its
 * own cases only). A case out of reach is answered as one that does not exist.
 */
public final class CaseMessages {
  private CaseMessages() {
  }

  /** Open a case; reply {status, answer}. */
  public record Open(CaseFile.Subject subject, UUID id, List<CaseStore.Photo> photos, CaseStore.Request request,
                     String scope, String unit) {
  }

  /** One action; reply {status, answer}. The deadline clock sends its own with scope and unit null. */
  public record Act(UUID id, CaseCommand command, List<CaseStore.Photo> photos, CaseStore.Request request,
                    String scope, String unit) {
  }

  public record ListRequest(CaseStore.Filter filter, String scope, String unit) {
  }

  public record Get(UUID id, String scope, String unit) {
  }

  /** Reply: {@code CaseStore.Photo}, or a 404. */
  public record PhotoRequest(UUID caseId, UUID photoId, String scope, String unit) {
  }

  /** The figures of a scope over [from, to), by unit or by area. */
  public record StatsRequest(String scope, Instant from, Instant to, String by) {
  }

  /** Reply of Open and Act: the HTTP status and body, the same for a replayed request. */
  public record Answer(int status, io.vertx.core.json.JsonObject body) {
  }

  public static final List<Class<?>> TYPES = List.of(Open.class, Act.class, ListRequest.class, Get.class,
      PhotoRequest.class, StatsRequest.class, Answer.class, CaseStore.Photo.class, CaseState.class, CasePicture.class);
}
