package io.watchfloor.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.watchfloor.admin.AccessView;
import io.watchfloor.admin.AdminMessages;
import io.watchfloor.admin.OperatorRecord;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.FieldUnit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * This HTTP instance's copy of who may do what: the node's {@link AccessView}, replaced whole on every
 * admin change (on any node), so a lookup costs no query and a revocation holds here as soon as the
 * new picture arrives. Until the store has first answered there is none ({@link #current()} is null).
 * {@link Authenticator} guards requests by it.
 */
public final class AccessPicture {
  private AccessView view;
  private Vertx vertx;
  private BiConsumer<AccessView, AccessView> onChange;

  /**
   * Takes the node's picture now (if the store has answered) and every new one; {@code onChange} hears
   * (before, after) of each, so the live sockets of a disabled operator or a revoked key end at once.
   */
  public Future<Void> start(Vertx vertx, BiConsumer<AccessView, AccessView> onChange) {
    this.vertx = vertx;
    this.onChange = onChange;
    return vertx.eventBus().<AccessView>localConsumer(Addresses.ACCESS_VIEW, m -> replace(m.body())).completion()
        .compose(v -> vertx.eventBus().<Object>request(Addresses.ACCESS_CURRENT, new AdminMessages.CurrentRequest(),
            Local.only(10_000)))
        .onSuccess(reply -> {
          if (reply.body() instanceof AccessView current) {
            replace(current);
          }
        })
        .mapEmpty();
  }

  /** The newest picture this node holds, or null before the store has first answered. */
  AccessView current() {
    catchUp();
    return view;
  }

  /** For sign-in: an enabled operator of that name; a disabled one is checked against the decoy like a stranger. */
  public Optional<OperatorRecord> operator(String username) {
    AccessView now = current();
    return now == null ? Optional.empty() : now.operator(username).filter(o -> !o.disabled());
  }

  /** The enabled unit of this id, if the store has answered and it exists. */
  public Optional<FieldUnit> fieldUnit(String id) {
    AccessView now = current();
    return now == null || id == null ? Optional.empty() : now.fieldUnit(id);
  }

  /** Every enabled unit, none before the store has answered. */
  public Collection<FieldUnit> fieldUnits() {
    AccessView now = current();
    return now == null ? List.of() : now.fieldUnits();
  }

  /** Whether the store has answered since start: before it, sign-in is refused with 503. */
  public boolean loaded() {
    return current() != null;
  }

  /** Takes the node's newest picture if another instance's change set it before this instance heard of it. */
  private void catchUp() {
    AccessView newest = vertx == null ? null : AccessView.newest(vertx);
    if (newest != null && newest != view) {
      replace(newest);
    }
  }

  private void replace(AccessView next) {
    AccessView before = view;
    if (before != null && next.version() <= before.version() && next != before) {
      return; // an older picture arriving late changes nothing
    }
    view = next;
    if (before != null) {
      onChange.accept(before, next);
    }
  }
}
