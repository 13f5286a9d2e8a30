package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.cases.CasePicture.Shown;
import io.watchfloor.domain.CaseState;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open cases one node holds for its screens, kept current from every node's {@code cases.changed} and
 * healed by reloads from the store. A case is taken by id and version, never an older version over a newer
 * one; a case that closed is remembered by its version for a while, so a late copy of an older, open one
 * (from another node, or a reload read before the close) cannot bring it back. Bounded: past {@code max}
 * open cases a new one is not held (and counted in {@link #refused()}). Plain Java; one event loop uses it.
 */
final class OpenCases {
  private record Held(Shown shown, long heard) {
  }

  /** A case seen done (closed or cancelled) at this version, when. */
  private record Done(int version, long heard) {
  }

  private final int max;
  private final Map<String, Held> open = new HashMap<>();
  private final Map<String, Done> done = new HashMap<>();
  /** Counts what was heard: a reload started at mark m keeps whatever was heard after m. */
  private long heard;
  private long refused;

  OpenCases(int max) {
    this.max = max;
  }

  /** Where a reload starts: what is heard from now on is newer than what it reads. */
  long mark() {
    return ++heard;
  }

  int size() {
    return open.size();
  }

  /** Open cases heard of but not held, the picture being full; for the log. */
  long refused() {
    return refused;
  }

  List<Shown> shown() {
    List<Shown> list = new ArrayList<>(open.size());
    open.values().forEach(h -> list.add(h.shown()));
    return list;
  }

  /** A case as {@code cases.changed} carries it; true if the picture changed. Malformed input is ignored. */
  boolean apply(JsonObject json) {
    return take(json, ++heard);
  }

  /**
   * The store's open cases, read since {@code mark}: each is taken unless something newer about it was heard
   * meanwhile, and a held case the store no longer lists as open goes, unless heard of since {@code mark}.
   * Only a case of a {@code complete} area can go: a list cut at its limit says nothing of what it left out.
   */
  boolean reload(JsonArray listed, long mark, Set<String> complete) {
    boolean changed = false;
    Set<String> seen = new HashSet<>();
    for (Object item : listed) {
      if (item instanceof JsonObject json && json.getValue("id") instanceof String id) {
        seen.add(id);
        if (!heardSince(id, mark)) {
          changed |= take(json, mark);
        }
      }
    }
    for (Iterator<Map.Entry<String, Held>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Held> entry = it.next();
      Held held = entry.getValue();
      if (!seen.contains(entry.getKey()) && held.heard() < mark && complete.contains(held.shown().area())) {
        it.remove();
        changed = true;
      }
    }
    // a close heard before the reload started is in the store's answer: its memory has served
    done.values().removeIf(d -> d.heard() < mark);
    return changed;
  }

  private boolean heardSince(String id, long mark) {
    Held held = open.get(id);
    Done closed = done.get(id);
    return held != null && held.heard() > mark || closed != null && closed.heard() > mark;
  }

  private boolean take(JsonObject json, long at) {
    Shown shown = shown(json);
    if (shown == null) {
      return false;
    }
    String id = shown.id();
    Held held = open.get(id);
    Done closed = done.get(id);
    if (held != null && held.shown().version() >= shown.version()
        || closed != null && closed.version() >= shown.version()) {
      return false;
    }
    if (!CaseState.of(shown.state()).map(CaseState::open).orElse(false)) {
      rememberDone(id, shown.version(), at);
      return open.remove(id) != null;
    }
    if (held == null && open.size() >= max) {
      refused++;
      return false;
    }
    done.remove(id);
    open.put(id, new Held(shown, at));
    return true;
  }

  /** Bounded like the open cases: the oldest memory goes first. */
  private void rememberDone(String id, int version, long at) {
    if (done.size() >= max) {
      done.entrySet().stream().min(Map.Entry.comparingByValue((a, b) -> Long.compare(a.heard(), b.heard())))
          .ifPresent(oldest -> done.remove(oldest.getKey()));
    }
    done.put(id, new Done(version, at));
  }

  /** The case's wall cut and what the picture counts by; null when the JSON is not a case. */
  static Shown shown(JsonObject json) {
    if (!(json.getValue("id") instanceof String id) || !(json.getValue("state") instanceof String state)
        || !(json.getValue("version") instanceof Number version)) {
      return null;
    }
    return new Shown(id, json.getValue("area") instanceof String area ? area : null, state,
        Boolean.TRUE.equals(json.getValue("nearDue")), Boolean.TRUE.equals(json.getValue("overdue")),
        instant(json.getValue("dueAt")), version.intValue(), CaseJson.forWall(json));
  }

  private static Instant instant(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
