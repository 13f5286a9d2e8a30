package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.alert.AlertStore.Fired;
import io.watchfloor.domain.AlertEvent;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Many firings in one transaction of the PostgreSQL alert store: their causes claimed in one statement,
 * then one upsert per rule and subject that counts all its new firings at once. A threshold rule over a
 * surge fires on every report; one transaction each would queue them all on the same alert row.
 */
final class PgFirings {
  private PgFirings() {
  }

  /** Runs inside the caller's transaction. */
  static Future<List<Fired>> fire(SqlConnection conn, List<Firing> firings, Instant now) {
    return claimed(conn, firings, now).compose(fresh -> {
      Map<String, List<Firing>> bySubject = new LinkedHashMap<>();
      for (Firing f : fresh) {
        bySubject.computeIfAbsent(f.rule().id() + '\u0000' + f.subject(), k -> new ArrayList<>()).add(f);
      }
      List<Fired> changed = new ArrayList<>(bySubject.size());
      Future<Void> chain = Future.succeededFuture();
      for (List<Firing> group : bySubject.values()) {
        chain = chain.compose(v -> count(conn, group, now)).map(fired -> {
          changed.add(fired);
          return null;
        });
      }
      return chain.map(v -> changed);
    });
  }

  /** The firings whose cause is new (or that have none), in order; a cause twice in the batch counts once. */
  private static Future<List<Firing>> claimed(SqlConnection conn, List<Firing> firings, Instant now) {
    UUID[] keys = new UUID[firings.size()];
    // in the firings' order, as before the key: two nodes claiming the same causes at a handover take their locks alike
    Set<UUID> inBatch = new LinkedHashSet<>();
    for (int i = 0; i < keys.length; i++) {
      Firing f = firings.get(i);
      if (f.cause() != null) {
        keys[i] = CauseKeys.of(f);
        inBatch.add(keys[i]);
      }
    }
    if (inBatch.isEmpty()) {
      return Future.succeededFuture(firings);
    }
    Tuple params = Tuple.of(inBatch.toArray(UUID[]::new), PgAlertStore.utc(now));
    return conn.preparedQuery(AlertQueries.CLAIM_CAUSES).execute(params).map(rows -> {
      Set<UUID> isNew = new HashSet<>();
      rows.forEach(row -> isNew.add(row.getUUID("key")));
      List<Firing> fresh = new ArrayList<>();
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == null || isNew.remove(keys[i])) {
          fresh.add(firings.get(i));
        }
      }
      return fresh;
    });
  }

  /** The group's firings counted on its unresolved alert, or opening one: the first's detail opens it, the last's stays. */
  private static Future<Fired> count(SqlConnection conn, List<Firing> group, Instant now) {
    Firing first = group.get(0);
    Firing last = group.get(group.size() - 1);
    AlertRule rule = first.rule();
    Tuple params = Tuple.of(UUID.randomUUID(), rule.id(), rule.kindKey(), rule.severity().key(), first.subjectType(),
        first.subject(), first.area(), rule.title().zh(), rule.title().en(), last.detail(), PgAlertStore.utc(now))
        .addLong((long) group.size());
    return conn.preparedQuery(AlertQueries.FIRE_COUNTED).execute(params).compose(rows -> {
      Fired fired = new Fired(PgAlertStore.toAlert(rows.iterator().next()), rows.iterator().next().getBoolean("created"));
      return fired.created()
          ? PgAlertStore.record(conn, new AlertEvent(fired.alert().id(), now, "system", "fired", first.detail())).map(fired)
          : Future.succeededFuture(fired);
    });
  }
}
