package io.watchfloor.http;

import io.watchfloor.domain.FieldError;

import java.util.List;

/** An error a client caused or must wait out; the failure handler turns it into problem+json. */
public class ApiError extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Integer retryAfterSeconds;

  public ApiError(int status, String title, String detail) {
    this(status, title, detail, List.of(), null);
  }

  public ApiError(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
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
}
