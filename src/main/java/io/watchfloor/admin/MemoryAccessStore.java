package io.watchfloor.admin;
import io.watchfloor.audit.AuditQuery;
import io.watchfloor.audit.AuditEntry;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Access in memory, for the demo: lost at every stop, like the embedded report store. The audit keeps
 * its newest {@code maxAudit} lines, so a flood of failed sign-ins cannot grow it. Used from one
 * verticle's context only.
 */
public final class MemoryAccessStore implements AccessStore {
  private final Map<String, UnitRecord> units = new TreeMap<>();
  private final Map<String, OperatorRecord> operators = new TreeMap<>();
  private final Map<String, DisplayKeyRecord> keys = new TreeMap<>();
  /** By id, which is the order lines were written in. */
  private final TreeMap<Long, AuditEntry> audit = new TreeMap<>();
  private final Map<String, Setup> setups = new HashMap<>();
  private final int maxAudit;
  private final String root;
  private final boolean demo;
  private long version;
  private long auditIds;
  private boolean seeded;

  private record Setup(Instant expires, boolean used) {
  }

  /** @param root and {@code demo} as for {@link PgAccessStore}: whose enabled admins are never all taken away */
  public MemoryAccessStore(int maxAudit, String root, boolean demo) {
    this.maxAudit = maxAudit;
    this.root = root;
    this.demo = demo;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<AccessData> load() {
    return Future.succeededFuture(new AccessData(List.copyOf(units.values()), List.copyOf(operators.values()),
        List.copyOf(keys.values()), version));
  }

  @Override
  public Future<Long> version() {
    return Future.succeededFuture(version);
  }

  @Override
  public Future<Boolean> seed(AccessData files, AuditEntry entry) {
    if (seeded) {
      return Future.succeededFuture(false);
    }
    seeded = true;
    insertAll(files);
    version++;
    append(entry);
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> seedDemo(AccessData demo) {
    insertAll(demo);
    version++;
    return Future.succeededFuture();
  }

  private void insertAll(AccessData data) {
    data.units().forEach(u -> units.putIfAbsent(u.id(), u));
    data.operators().forEach(o -> operators.putIfAbsent(o.username(), o));
    data.keys().forEach(k -> keys.putIfAbsent(k.id(), k));
  }

  @Override
  public Future<Void> write(Object record, boolean create, AuditEntry entry) {
    if (record instanceof UnitRecord u) {
      return put(units, u.id(), u, "id", create, entry);
    } else if (record instanceof OperatorRecord o) {
      // one context only: checking and writing without a yield between them is this store's lock
      if (!create && isRootAdmin(operators.get(o.username()), demo) && !isRootAdmin(o, demo)
          && operators.values().stream().noneMatch(other -> !other.username().equals(o.username()) && isRootAdmin(other, demo))) {
        return Future.failedFuture(new LastAdmin("'" + o.username() + "' is the last enabled admin of the whole jurisdiction"));
      }
      return put(operators, o.username(), o, "username", create, entry);
    } else if (record instanceof DisplayKeyRecord k) {
      return put(keys, k.id(), k, "id", create, entry);
    }
    return Future.failedFuture(new IllegalArgumentException("not an access record: " + record));
  }

  private <T> Future<Void> put(Map<String, T> map, String id, T record, String field, boolean create, AuditEntry entry) {
    if (create && map.containsKey(id)) {
      return Future.failedFuture(new AccessConflict(field, "'" + id + "' is taken"));
    }
    if (!create && !map.containsKey(id)) {
      return Future.failedFuture(new IllegalStateException("no " + field + " " + id + " to change"));
    }
    map.put(id, record);
    version++;
    append(entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> record(AuditEntry entry) {
    return Future.succeededFuture(append(entry));
  }

  @Override
  public Future<Boolean> addAttempt(long id, Instant at) {
    AuditEntry line = audit.get(id);
    if (line == null) {
      return Future.succeededFuture(false);
    }
    audit.put(id, line.withAttempt(at));
    return Future.succeededFuture(true);
  }

  private long append(AuditEntry entry) {
    long id = ++auditIds;
    audit.put(id, entry.withId(id));
    while (audit.size() > maxAudit) {
      audit.pollFirstEntry();
    }
    return id;
  }

  @Override
  public Future<List<AuditEntry>> audit(AuditQuery query) {
    List<AuditEntry> found = new ArrayList<>();
    for (AuditEntry e : audit.descendingMap().values()) {
      if (query.matches(e)) {
        found.add(e);
      }
    }
    // written in time order, except a clock that steps back in a test: newest first by time, then id
    found.sort((a, b) -> a.at().equals(b.at()) ? Long.compare(b.id(), a.id()) : b.at().compareTo(a.at()));
    return Future.succeededFuture(found.size() > query.limit() ? List.copyOf(found.subList(0, query.limit())) : found);
  }

  private boolean isRootAdmin(OperatorRecord o, boolean demoCounts) {
    return o != null && o.role() == io.watchfloor.domain.Role.ADMIN && o.scope().equals(root) && !o.disabled()
        && (demoCounts || !o.demo());
  }

  @Override
  public Future<Void> addSetup(String secretSha256, Instant expires) {
    setups.values().removeIf(setup -> !setup.used());
    setups.put(secretSha256, new Setup(expires, false));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> hasRootAdmin() {
    return Future.succeededFuture(operators.values().stream().anyMatch(o -> isRootAdmin(o, false)));
  }

  @Override
  public Future<Boolean> setupOpen(String secretSha256, Instant now) {
    Setup setup = setups.get(secretSha256);
    return Future.succeededFuture(setup != null && !setup.used() && now.isBefore(setup.expires()));
  }

  @Override
  public Future<Void> claimSetup(String secretSha256, Instant now, OperatorRecord first, AuditEntry entry) {
    Setup setup = setups.get(secretSha256);
    if (setup == null || setup.used() || !now.isBefore(setup.expires())) {
      return Future.failedFuture(new SetupRefused("this setup link is unknown, used or expired"));
    }
    if (operators.values().stream().anyMatch(o -> isRootAdmin(o, false))) {
      return Future.failedFuture(new SetupRefused("the server already has an enabled admin of the whole jurisdiction"));
    }
    if (operators.containsKey(first.username())) {
      return Future.failedFuture(new AccessConflict("username", "'" + first.username() + "' is taken"));
    }
    setups.put(secretSha256, new Setup(setup.expires(), true));
    operators.put(first.username(), first);
    version++;
    append(entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
