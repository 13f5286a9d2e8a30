package io.watchfloor.web;

import io.watchfloor.http.Principal;

/**
 * Who is watching a live socket: a display key's wall, or an operator with the session the socket
 * lives within and how long that session has left unless it is used; and the area whose subtree the
 * socket shows, already checked against the caller's own scope. {@code kind} and {@code id} are the
 * {@link Principal}'s, so an access change finds the sockets of the operator or key it ends.
 */
public record Watcher(Principal.Kind kind, String id, boolean operator, String sessionId, long sessionLeftMillis,
                      String scope) {
  /** An operator's socket, which ends when the session would expire unless used. */
  public static Watcher operator(String username, String sessionId, long sessionLeftMillis, String scope) {
    return new Watcher(Principal.Kind.OPERATOR, username, true, sessionId, sessionLeftMillis, scope);
  }

  /** A socket with no session and the wall's cut of the picture. */
  public static Watcher wall(Principal.Kind kind, String id, String scope) {
    return new Watcher(kind, id, false, null, 0, scope);
  }

  /** For the log: "operator:duty", "display:key-…". */
  public String who() {
    return kind.name().toLowerCase() + ":" + id;
  }
}
