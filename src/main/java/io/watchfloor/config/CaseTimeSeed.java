package io.watchfloor.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.CaseTimeReader;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.WorkCalendar;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * config/case-limits.json: the time-limit table and the calendar's marked days an empty store is seeded with
 * once; after that the admin keeps both in /admin. A mistake stops the server naming the file and the field.
 *
 * @param limits the rows, the default row (*, *) among them; empty: the built-in default row only
 * @param days   holidays and make-up working days of any years
 */
public record CaseTimeSeed(List<CaseDeadlines.Row> limits, List<WorkCalendar.Day> days) {
  /** No file: the built-in default row, weekdays only. */
  public static final CaseTimeSeed NONE = new CaseTimeSeed(List.of(), List.of());
  private static final Set<String> FIELDS = Set.of("note", "limits", "calendar");

  public CaseTimeSeed {
    limits = List.copyOf(limits);
    days = List.copyOf(days);
  }

  public static CaseTimeSeed read(String source, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + ": must hold a JSON object {limits, calendar}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ConfigException(source + ": " + name + ": is not a field of this file (note, limits, calendar)", name,
            "is not a field of this file");
      }
    }
    CaseTimeReader.Read<List<CaseDeadlines.Row>> limits = CaseTimeReader.limits(root.get("limits"), "limits");
    firstError(source, limits.errors());
    CaseTimeReader.Read<List<WorkCalendar.Day>> days = root.has("calendar")
        ? CaseTimeReader.days(root.get("calendar"), "calendar", null) : new CaseTimeReader.Read<>(List.of(), List.of());
    firstError(source, days.errors());
    return new CaseTimeSeed(limits.value(), days.value());
  }

  private static void firstError(String source, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      throw new ConfigException(source + ": " + first.field() + ": " + first.message(), first.field(), first.message());
    }
  }

  /** The table this seed makes in the jurisdiction's zone. */
  public CaseDeadlines deadlines(java.time.ZoneId zone) {
    return new CaseDeadlines(limits, new WorkCalendar(days), zone);
  }
}
