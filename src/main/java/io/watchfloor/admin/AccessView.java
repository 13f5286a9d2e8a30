package io.watchfloor.admin;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One node's picture of who may do what, built from the store at one version and never changed:
 * a change makes a new one, which every HTTP verticle of the node takes by reference. Lookups are map
 * reads, so authentication costs no query. Without the demo, the demo's entries are not in it at all.
 */
public final class AccessView implements Shareable {
  /**
   * The node's newest picture, set before a change is answered: an HTTP instance catches up from it on its
   * next request, so a revoked key or unit is refused by every instance from the answer on, not only once that
   * instance's copy of the {@code access.view} publish has arrived.
   */
  private static final String NEWEST = "watchfloor.access.newest";

  /** Makes {@code view} the node's newest picture. */
  public static void setNewest(Vertx vertx, AccessView view) {
    vertx.sharedData().<String, AccessView>getLocalMap(NEWEST).put(NEWEST, view);
  }

  /** The node's newest picture, or null before the store was first read. */
  public static AccessView newest(Vertx vertx) {
    return vertx.sharedData().<String, AccessView>getLocalMap(NEWEST).get(NEWEST);
  }

  private final AccessData data;
  private final Map<String, UnitRecord> unitsByToken = new HashMap<>();
  private final Map<String, UnitRecord> unitsByPreviousToken = new HashMap<>();
  private final Map<String, FieldUnit> fieldUnits = new HashMap<>();
  private final Map<String, OperatorRecord> operators = new HashMap<>();
  private final Map<String, DisplayKeyRecord> keysByHash = new HashMap<>();
  private final Map<String, DisplayKeyRecord> keysById = new HashMap<>();

  public AccessView(AccessData stored, Catalogue catalogue, boolean demo) {
    this.data = demo ? stored : new AccessData(
        stored.units().stream().filter(u -> !u.demo()).toList(),
        stored.operators().stream().filter(o -> !o.demo()).toList(),
        stored.keys().stream().filter(k -> !k.demo()).toList(), stored.version());
    for (UnitRecord unit : data.units()) {
      if (unit.disabled()) {
        continue;
      }
      unitsByToken.put(unit.tokenSha256(), unit);
      if (unit.previousTokenSha256() != null && unit.previousUntil() != null) {
        unitsByPreviousToken.put(unit.previousTokenSha256(), unit);
      }
      fieldUnits.put(unit.id(), unit.toFieldUnit(catalogue));
    }
    data.operators().forEach(o -> operators.put(o.username(), o));
    for (DisplayKeyRecord key : data.keys()) {
      keysById.put(key.id(), key);
      if (!key.revoked()) {
        keysByHash.put(key.keySha256(), key);
      }
    }
  }

  public AccessData data() {
    return data;
  }

  public long version() {
    return data.version();
  }

  /** The enabled unit whose token (or previous token, within its grace) this is. */
  public Optional<FieldUnit> unit(String tokenSha256, Instant now) {
    UnitRecord unit = unitsByToken.get(tokenSha256);
    if (unit == null) {
      unit = unitsByPreviousToken.get(tokenSha256);
      if (unit == null || !now.isBefore(unit.previousUntil())) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(fieldUnits.get(unit.id()));
  }

  /** The enabled unit of this id, with the sites it reaches: what a case may be dispatched to. */
  public Optional<FieldUnit> fieldUnit(String id) {
    return Optional.ofNullable(fieldUnits.get(id));
  }

  /** Every enabled unit, with the sites it reaches: those a case may be dispatched to, if one works there. */
  public Collection<FieldUnit> fieldUnits() {
    return Collections.unmodifiableCollection(fieldUnits.values());
  }

  /** Any operator of that name, disabled or not: sign-in checks the password of each alike. */
  public Optional<OperatorRecord> operator(String username) {
    return Optional.ofNullable(operators.get(username));
  }

  /** The operator, if enabled and still in the epoch a session began in. */
  public Optional<OperatorRecord> activeOperator(String username, int epoch) {
    OperatorRecord operator = operators.get(username);
    return operator == null || operator.disabled() || operator.epoch() != epoch ? Optional.empty() : Optional.of(operator);
  }

  /** The display key of this hash, unless revoked. */
  public Optional<DisplayKeyRecord> display(String keySha256) {
    return Optional.ofNullable(keysByHash.get(keySha256));
  }

  public boolean displayActive(String id) {
    DisplayKeyRecord key = keysById.get(id);
    return key != null && !key.revoked();
  }

  public boolean hasOperator() {
    return !operators.isEmpty();
  }
}
