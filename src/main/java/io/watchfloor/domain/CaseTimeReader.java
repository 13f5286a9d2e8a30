package io.watchfloor.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.domain.CaseDeadlines.Limit;
import io.watchfloor.domain.CaseDeadlines.Row;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the time-limit table and a calendar's marked days in their JSON shape, the same for
 * config/case-limits.json and the admin API, and names every field at fault rather than the first: a row
 * {@code {category, urgency, sign, handle, verify}} with limits as text ("30 minutes"), a day
 * {@code {day: "2026-10-01", working: false, note: "国庆节"}}.
 */
public final class CaseTimeReader {
  public static final int MAX_ROWS = 200;
  public static final int MAX_NOTE = 64;
  public static final int MIN_YEAR = 2000;
  public static final int MAX_YEAR = 2100;
  private static final Set<String> ROW_FIELDS = Set.of("category", "urgency", "sign", "handle", "verify");
  private static final Set<String> DAY_FIELDS = Set.of("day", "working", "note");
  private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private CaseTimeReader() {
  }

  /** What was read, if nothing was wrong, and what was wrong. */
  public record Read<T>(T value, List<FieldError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** The table's rows, checked whole ({@link CaseDeadlines#check}): field paths start at {@code path}. */
  public static Read<List<Row>> limits(JsonNode node, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_ROWS) {
      errors.add(new FieldError(path, "must be a list of 1 to " + MAX_ROWS
          + " rows {category, urgency, sign, handle, verify}, one of them the default row (*, *)"));
      return new Read<>(List.of(), errors);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode row = node.get(i);
      if (!row.isObject()) {
        errors.add(new FieldError(at, "must be an object {category, urgency, sign, handle, verify}"));
        rows.add(new Row(null, null, null, null, null));
        continue;
      }
      unknownFields(row, ROW_FIELDS, at, errors);
      rows.add(new Row(text(row, "category", at, errors), text(row, "urgency", at, errors),
          limit(row, "sign", at, errors), limit(row, "handle", at, errors), limit(row, "verify", at, errors)));
    }
    errors.addAll(CaseDeadlines.check(rows, path));
    return new Read<>(errors.isEmpty() ? List.copyOf(rows) : List.of(), errors);
  }

  /**
   * Marked days, each once, all in {@code year} (null: any year from {@value #MIN_YEAR} to {@value #MAX_YEAR}).
   */
  public static Read<List<WorkCalendar.Day>> days(JsonNode node, String path, Integer year) {
    List<FieldError> errors = new ArrayList<>();
    int most = year == null ? 366 * 10 : 366;
    if (node == null || !node.isArray() || node.size() > most) {
      errors.add(new FieldError(path, "must be a list of at most " + most + " days {day, working, note}"));
      return new Read<>(List.of(), errors);
    }
    List<WorkCalendar.Day> days = new ArrayList<>();
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        errors.add(new FieldError(at, "must be an object {day, working, note}"));
        continue;
      }
      unknownFields(item, DAY_FIELDS, at, errors);
      LocalDate day = day(item, at, year, errors);
      JsonNode working = item.get("working");
      if (working == null || !working.isBoolean()) {
        errors.add(new FieldError(at + ".working", "must be true (worked, e.g. 调休) or false (a day off, e.g. a holiday)"));
      }
      String note = note(item, at, errors);
      if (day != null) {
        Integer before = seen.putIfAbsent(day, i);
        if (before != null) {
          errors.add(new FieldError(at + ".day", day + " is already " + path + "[" + before + "]"));
        }
      }
      if (day != null && working != null && working.isBoolean() && note != null) {
        days.add(new WorkCalendar.Day(day, working.booleanValue(), note));
      }
    }
    return new Read<>(errors.isEmpty() ? List.copyOf(days) : List.of(), errors);
  }

  private static void unknownFields(JsonNode object, Set<String> known, String at, List<FieldError> errors) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(at + "." + name, "is not a field here; the fields are " + String.join(", ",
            known.stream().sorted().toList())));
      }
    }
  }

  private static String text(JsonNode object, String field, String at, List<FieldError> errors) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      errors.add(new FieldError(at + "." + field, "is required, as text"));
      return null;
    }
    return value.textValue();
  }

  private static Limit limit(JsonNode object, String field, String at, List<FieldError> errors) {
    String text = text(object, field, at, errors);
    if (text == null) {
      return null;
    }
    try {
      return Limit.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(at + "." + field, e.getMessage()));
      return null;
    }
  }

  private static LocalDate day(JsonNode item, String at, Integer year, List<FieldError> errors) {
    JsonNode value = item.get("day");
    String field = at + ".day";
    if (value == null || !value.isTextual() || !ISO_DAY.matcher(value.textValue()).matches()) {
      errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
      return null;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(value.textValue());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, value.textValue() + " is not a date of the calendar"));
      return null;
    }
    if (year != null && day.getYear() != year) {
      errors.add(new FieldError(field, "must lie in " + year));
      return null;
    }
    if (day.getYear() < MIN_YEAR || day.getYear() > MAX_YEAR) {
      errors.add(new FieldError(field, "must lie in the years " + MIN_YEAR + " to " + MAX_YEAR));
      return null;
    }
    return day;
  }

  private static String note(JsonNode item, String at, List<FieldError> errors) {
    JsonNode value = item.get("note");
    if (value == null || value.isNull()) {
      return "";
    }
    String field = at + ".note";
    if (!value.isTextual()) {
      errors.add(new FieldError(field, "must be text"));
      return null;
    }
    String note = value.textValue().strip();
    if (note.codePointCount(0, note.length()) > MAX_NOTE || note.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, "must be at most " + MAX_NOTE + " characters, without control characters"));
      return null;
    }
    if (!StorableText.storable(note)) {
      errors.add(new FieldError(field, StorableText.PROBLEM));
      return null;
    }
    return note;
  }
}
