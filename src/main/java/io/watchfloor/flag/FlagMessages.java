package io.watchfloor.flag;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The flag verticle's event-bus messages; the list request is {@code StoreMessages.FlagsRequest}. */
public final class FlagMessages {
  private FlagMessages() {
  }

  /** Reply: the cleared flag as JSON. Fails with {@link FlagFailure}. */
  public record ClearRequest(UUID reportId, String metric, String by, String note, String scope) {
  }

  /** Uncleared flags of a metric in a month, for the ranking: reply {@link Counts} by the area of each site. */
  public record CountRequest(String metric, YearMonth month, Map<String, String> areaBySite) {
    public CountRequest {
      areaBySite = Map.copyOf(areaBySite);
    }
  }

  public record Counts(Map<String, Long> byArea) {
    public Counts {
      byArea = Map.copyOf(byArea);
    }
  }

  public static final List<Class<?>> TYPES = List.of(ClearRequest.class, CountRequest.class, Counts.class, FlagFailure.class);
}
