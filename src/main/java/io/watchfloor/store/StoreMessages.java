package io.watchfloor.store;

import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;

import java.time.LocalDate;
import java.util.List;

/** The store's event-bus messages. */
public final class StoreMessages {
  private StoreMessages() {
  }

  public record AppendRequest(List<Report> reports) {
  }

  public record AppendResult(List<Outcome> outcomes) {
  }

  public record AcceptedReports(List<Report> reports) {
  }

  public record DayRequest(LocalDate day) {
  }

  public record DayReports(List<Report> reports) {
  }

  public static final List<Class<?>> TYPES = List.of(AppendRequest.class, AppendResult.class,
      AcceptedReports.class, DayRequest.class, DayReports.class);
}
