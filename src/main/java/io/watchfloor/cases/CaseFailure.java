package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseRefused;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case request the verticle refused, as the bus carries it to the HTTP side: its status, the fields it
 * names and the problem's own members ({@code allowed} of a refused transition, the {@code case} an alert
 * is already open as). A case out of the caller's reach is {@link #notFound()}, word for word the answer
 * for one that does not exist.
 */
public final class CaseFailure extends BusFailure {
  private static final String TITLE_404 = "Not found";

  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> members;

  private CaseFailure(int status, String title, String message, List<FieldError> errors, Map<String, Object> members) {
    super(status, message, null, null);
    this.title = title;
    this.errors = List.copyOf(errors);
    this.members = members;
  }

  public static CaseFailure notFound() {
    return new CaseFailure(404, TITLE_404, "no such case", List.of(), Map.of());
  }

  public static CaseFailure photoNotFound() {
    return new CaseFailure(404, TITLE_404, "no such photo", List.of(), Map.of());
  }

  /** A transition the case's state (or the one acting) does not allow: 409 naming what is allowed now. */
  public static CaseFailure refused(CaseRefused refused) {
    JsonArray allowed = new JsonArray();
    refused.allowed().stream().map(CaseAction::key).forEach(allowed::add);
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("state", refused.state() == null ? null : refused.state().key());
    members.put("allowed", allowed);
    return new CaseFailure(409, refused.getMessage(), refused.getMessage(), List.of(), members);
  }

  /** 409 with the problem's own members, such as the case an alert is already open as. */
  public static CaseFailure conflict(String message, Map<String, Object> members) {
    return new CaseFailure(409, "Conflict", message, List.of(), members);
  }

  /** A value the case cannot take: 422 naming the field. */
  public static CaseFailure invalid(String message, FieldError error) {
    return new CaseFailure(422, "Unprocessable content", message, List.of(error), Map.of());
  }

  public static CaseFailure reused() {
    return invalid("this Idempotency-Key was used for another request; nothing was applied",
        new FieldError("Idempotency-Key", "already used for another request"));
  }

  /** The problem the HTTP side answers with. */
  public ApiError toApiError() {
    return new ApiError(status(), title, getMessage(), errors, retryAfterSeconds(), members);
  }
}
