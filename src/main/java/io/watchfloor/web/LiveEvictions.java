package io.watchfloor.web;

import io.watchfloor.admin.AccessView;
import io.watchfloor.admin.OperatorRecord;
import io.watchfloor.http.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live sockets whose watcher may no longer watch, or no longer answers, and so end. */
final class LiveEvictions {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvictions.class);

  private final LiveClients clients;
  private final LiveEnding ending;
  private final long silentAfterNanos;

  LiveEvictions(LiveClients clients, LiveEnding ending, long silentAfterNanos) {
    this.clients = clients;
    this.ending = ending;
    this.silentAfterNanos = silentAfterNanos;
  }

  /** Sign-out ends the operator's sockets at once, rather than when the screen next reconnects. */
  void sessionEnded(String sessionId) {
    for (LiveClient client : clients.all()) {
      if (sessionId.equals(client.watcher.sessionId())) {
        ending.end(client, LiveHub.SESSION_OVER, "signed out");
      }
    }
  }

  /**
   * A new picture of who may do what: the sockets of an operator now disabled, or whose password was
   * reset (their epoch moved), end as their sessions do; those of a revoked display key end with
   * {@link LiveHub#KEY_REVOKED}.
   */
  void accessChanged(AccessView before, AccessView after) {
    for (LiveClient client : clients.all()) {
      Watcher watcher = client.watcher;
      if (watcher.kind() == Principal.Kind.OPERATOR) {
        String username = watcher.id();
        int epoch = before.operator(username).map(OperatorRecord::epoch).orElse(-1);
        if (after.activeOperator(username, epoch).isEmpty()) {
          ending.end(client, LiveHub.SESSION_OVER, "signed out: the operator was disabled or reset");
        }
      } else if (watcher.kind() == Principal.Kind.DISPLAY && !after.displayActive(watcher.id())) {
        ending.end(client, LiveHub.KEY_REVOKED, "display key revoked");
      }
    }
  }

  /** A peer that answers neither pings nor anything else is gone; free it rather than wait for TCP. */
  void dropSilent() {
    long now = System.nanoTime();
    for (LiveClient client : clients.all()) {
      if (now - client.lastHeardNanos > silentAfterNanos) {
        LOG.info("dropping silent live client {}", client.watcher.who());
        ending.end(client, (short) 1001, "no answer to pings");
      }
    }
  }
}
