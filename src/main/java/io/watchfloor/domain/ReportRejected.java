package io.watchfloor.domain;

import java.util.List;

/** A report that cannot be taken, with the HTTP status a client should see and the fields at fault. */
public class ReportRejected extends RuntimeException {
  private final int status;
  private final List<FieldError> errors;

  public ReportRejected(int status, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
