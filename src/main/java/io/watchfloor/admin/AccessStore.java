package io.watchfloor.admin;
import io.watchfloor.audit.AuditQuery;
import io.watchfloor.audit.AuditEntry;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * Units, operators, display keys and the audit, in PostgreSQL or in the embedded store; both give the
 * same answers. Every write goes with its audit line and a new version, in one transaction.
 */
public interface AccessStore {

  Future<Void> open();

  /** Everything, at the version it was read at. */
  Future<AccessData> load();

  /** Cheap: what a node polls to learn that it missed a change. */
  Future<Long> version();

  /**
   * Fills a store never seeded with the files' entries, once: a changed file on a seeded store changes
   * nothing. True when it seeded now.
   */
  Future<Boolean> seed(AccessData files, AuditEntry audit);

  /** Adds the demo entries the store does not hold yet; one an admin changed stays as changed. */
  Future<Void> seedDemo(AccessData demo);

  /**
   * A unit, operator or display key created ({@code create}: fails with {@link AccessConflict} when its
   * id is taken) or replaced whole. A change that would leave the jurisdiction without an enabled admin of
   * its root area (the last one disabled, demoted or moved) fails with {@link LastAdmin}, judged against
   * every change committed before it, not against a node's picture.
   */
  Future<Void> write(Object record, boolean create, AuditEntry audit);

  /** An audit line with no change, e.g. a failed sign-in; completes with the line's id. */
  Future<Long> record(AuditEntry entry);

  /**
   * One more try counted on the failed sign-in line {@code id}: its {@code after} becomes
   * {@code {attempts, lastAt}}. False when there is no such line (the embedded store dropped it).
   */
  Future<Boolean> addAttempt(long id, Instant at);

  /** Up to {@code query.limit()} lines, newest first by time then id. */
  Future<List<AuditEntry>> audit(AuditQuery query);

  /**
   * A one-time setup link: its secret's hash and when it stops working. Every unused older link stops working
   * now: only the newest printed link is good.
   */
  Future<Void> addSetup(String secretSha256, Instant expires);

  /** Whether an enabled admin of the whole jurisdiction exists (a demo entry counts only on a demo server). */
  Future<Boolean> hasRootAdmin();

  /** Whether a setup link is known, unused and unexpired: asked before any password is hashed for it. */
  Future<Boolean> setupOpen(String secretSha256, Instant now);

  /**
   * Uses a setup link: creates an admin of the whole jurisdiction, if the link is known, unused and unexpired,
   * and the store has no enabled one (a first start, or a recovery). Fails with {@link SetupRefused} otherwise,
   * or with {@link AccessConflict} when the username is taken, changing nothing.
   */
  Future<Void> claimSetup(String secretSha256, Instant now, OperatorRecord first, AuditEntry audit);

  Future<Void> close();

  /** A create whose id (or username) is taken: the field it names is the one to change. */
  final class AccessConflict extends RuntimeException {
    private final String field;

    public AccessConflict(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** The change would leave nobody able to administer the whole jurisdiction. */
  final class LastAdmin extends RuntimeException {
    public LastAdmin(String message) {
      super(message, null, false, false);
    }
  }

  final class SetupRefused extends RuntimeException {
    public SetupRefused(String message) {
      super(message, null, false, false);
    }
  }
}
