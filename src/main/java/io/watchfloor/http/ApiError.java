package io.watchfloor.http;

import io.watchfloor.domain.FieldError;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error a client caused or must wait out; the failure handler turns it into problem+json. */
public class ApiError extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Integer retryAfterSeconds;
  private final Map<String, Object> members;

  public ApiError(int status, String title, String detail) {
    this(status, title, detail, List.of(), null);
  }

  public ApiError(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
    this(status, title, detail, errors, retryAfterSeconds, Map.of());
  }

  /** @param members more members of the problem body, such as the actions a refused one leaves allowed */
  public ApiError(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds,
                  Map<String, Object> members) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
    this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  public static ApiError unauthorized(String detail) {
    return new ApiError(401, "Unauthorized", detail);
  }

  public static ApiError forbidden(String detail) {
    return new ApiError(403, "Forbidden", detail);
  }

  public static ApiError badRequest(String detail) {
    return new ApiError(400, "Bad request", detail);
  }

  public static ApiError tooManyRequests(String detail, int retryAfterSeconds) {
    return new ApiError(429, "Too many requests", detail, List.of(), retryAfterSeconds);
  }

  public static ApiError unavailable(String detail, int retryAfterSeconds) {
    return new ApiError(503, "Service unavailable", detail, List.of(), retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Map<String, Object> members() {
    return members;
  }
}
