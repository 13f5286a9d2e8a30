package io.watchfloor.web;

/**
 * Who is watching a live socket: a display key's wall, or an operator with the session the socket
 * lives within and how long that session has left unless it is used; and the area whose subtree the
 * socket shows, already checked against the caller's own scope.
 */
public record Watcher(String who, boolean operator, String sessionId, long sessionLeftMillis, String scope) {
  public static Watcher wall(String who, String scope) {
    return new Watcher(who, false, null, 0, scope);
  }
}
