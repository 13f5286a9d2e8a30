package io.watchfloor.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time-limit table (时限表) of docs/api.md: per category and urgency, how long a unit has to sign for a
 * case, to handle it, and the centre to verify it. Minutes and hours are elapsed time, night and Sunday
 * included (what is urgent does not wait for Monday); working days follow the {@link WorkCalendar} in the
 * jurisdiction's zone. A pair the table does not name takes the row {@code (*, urgency)}, then
 * {@code (*, *)}, the default row, which every table has. Immutable: a change makes a new table, swapped
 * whole.
 */
public final class CaseDeadlines implements StageClock {
  /** The wildcard of the default rows. */
  public static final String ANY = "*";
  public static final List<String> URGENCIES = List.of("normal", "urgent", "emergency");
  /** What a table without a default row falls back to; the stored table always has one. */
  public static final Row FALLBACK = new Row(ANY, ANY, new Limit(30, Unit.MINUTES), new Limit(3, Unit.WORKDAYS),
      new Limit(2, Unit.HOURS));
  private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,6})\\s+([a-z]+)\\s*");

  public enum Unit {
    MINUTES(7 * 24 * 60), HOURS(30 * 24), WORKDAYS(250);

    /** The longest limit of this unit the table takes: a week of minutes, a month of hours, a working year. */
    private final int max;

    Unit(int max) {
      this.max = max;
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public int max() {
      return max;
    }

    /** "minutes" or "minute", "hours" or "hour", "workdays" or "workday". */
    static Optional<Unit> of(String word) {
      for (Unit unit : values()) {
        if (unit.key().equals(word) || unit.key().equals(word + "s")) {
          return Optional.of(unit);
        }
      }
      return Optional.empty();
    }
  }

  /** How long a stage may take: an amount of minutes, hours or working days. */
  public record Limit(int amount, Unit unit) {
    public Limit {
      if (unit == null || amount < 1 || amount > unit.max()) {
        throw new IllegalArgumentException("a limit is 1 to " + (unit == null ? "?" : unit.max()) + " " + unit);
      }
    }

    /**
     * Reads "30 minutes", "8 hours", "2 workdays" (or the singular for 1); fails with
     * {@link IllegalArgumentException} saying what is wrong.
     */
    public static Limit parse(String text) {
      Matcher m = text == null ? null : TEXT.matcher(text);
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException("must read like \"30 minutes\", \"8 hours\" or \"2 workdays\"");
      }
      Unit unit = Unit.of(m.group(2)).orElseThrow(() ->
          new IllegalArgumentException("the unit is minutes, hours or workdays, not " + m.group(2)));
      int amount = Integer.parseInt(m.group(1));
      if (amount < 1 || amount > unit.max()) {
        throw new IllegalArgumentException("must be 1 to " + unit.max() + " " + unit.key());
      }
      return new Limit(amount, unit);
    }

    /** "30 minutes", "1 workday". */
    public String format() {
      String word = unit.key();
      return amount + " " + (amount == 1 ? word.substring(0, word.length() - 1) : word);
    }

    public Instant after(Instant start, WorkCalendar calendar, ZoneId zone) {
      return switch (unit) {
        case MINUTES -> start.plus(Duration.ofMinutes(amount));
        case HOURS -> start.plus(Duration.ofHours(amount));
        case WORKDAYS -> calendar.plusWorkdays(start, amount, zone);
      };
    }

    @Override
    public String toString() {
      return format();
    }
  }

  /** One row of the table. */
  public record Row(String category, String urgency, Limit sign, Limit handle, Limit verify) {
    public Limit limit(CaseStage stage) {
      return switch (stage) {
        case SIGN -> sign;
        case HANDLE -> handle;
        case VERIFY -> verify;
      };
    }

    public boolean isDefault() {
      return ANY.equals(category) && ANY.equals(urgency);
    }
  }

  private final Map<String, Row> rows;
  private final WorkCalendar calendar;
  private final ZoneId zone;

  /** The rows must pass {@link #check}; a table without a default row uses {@link #FALLBACK}. */
  public CaseDeadlines(List<Row> rows, WorkCalendar calendar, ZoneId zone) {
    Map<String, Row> map = new LinkedHashMap<>();
    rows.forEach(r -> map.put(key(r.category(), r.urgency()), r));
    map.putIfAbsent(key(ANY, ANY), FALLBACK);
    this.rows = map;
    this.calendar = calendar;
    this.zone = zone;
  }

  private static String key(String category, String urgency) {
    return category + "\u0000" + urgency;
  }

  public CaseDeadlines withRows(List<Row> value) {
    return new CaseDeadlines(value, calendar, zone);
  }

  public CaseDeadlines withCalendar(WorkCalendar value) {
    return new CaseDeadlines(rows(), value, zone);
  }

  /** Every row, the default one included, in the table's order. */
  public List<Row> rows() {
    return List.copyOf(rows.values());
  }

  public WorkCalendar calendar() {
    return calendar;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The row that applies to a pair: its own, else {@code (*, urgency)}, else the default. */
  public Row row(String category, String urgency) {
    Row row = rows.get(key(category, urgency));
    if (row == null) {
      row = rows.get(key(ANY, urgency));
    }
    return row != null ? row : rows.get(key(ANY, ANY));
  }

  @Override
  public Instant dueAt(String category, String urgency, CaseStage stage, Instant start) {
    return row(category, urgency).limit(stage).after(start, calendar, zone);
  }

  /**
   * What is wrong with a table as an admin sent it, each with the field's path ({@code rows[2].urgency}):
   * a category that is not a lower-case key or {@code *}, an unknown urgency, a pair given twice, no
   * default row {@code (*, *)}.
   */
  public static List<FieldError> check(List<Row> table) {
    return check(table, "rows");
  }

  /** The same, with the rows' paths under {@code path}. A row whose keys are null was refused before. */
  public static List<FieldError> check(List<Row> table, String path) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < table.size(); i++) {
      Row row = table.get(i);
      String at = path + "[" + i + "].";
      if (row.category() == null && row.urgency() == null) {
        continue;
      }
      if (row.category() != null && !(ANY.equals(row.category()) || CATEGORY.matcher(row.category()).matches())) {
        errors.add(new FieldError(at + "category", "must be * or a key of lower-case letters, digits, - and _ (1 to 32)"));
      }
      if (row.urgency() != null && !(ANY.equals(row.urgency()) || URGENCIES.contains(row.urgency()))) {
        errors.add(new FieldError(at + "urgency", "must be normal, urgent, emergency or *"));
      }
      if (ANY.equals(row.category()) != ANY.equals(row.urgency()) && ANY.equals(row.urgency())) {
        errors.add(new FieldError(at + "urgency", "only the default row (*, *) leaves the urgency open"));
      }
      Integer before = row.category() == null || row.urgency() == null ? null
          : seen.putIfAbsent(key(row.category(), row.urgency()), i);
      if (before != null) {
        errors.add(new FieldError(at + "category", "the pair (" + row.category() + ", " + row.urgency()
            + ") is already " + path + "[" + before + "]"));
      }
    }
    if (!seen.containsKey(key(ANY, ANY))) {
      errors.add(new FieldError(path, "needs the default row {\"category\": \"*\", \"urgency\": \"*\"} for pairs the table does not name"));
    }
    return errors;
  }
}
