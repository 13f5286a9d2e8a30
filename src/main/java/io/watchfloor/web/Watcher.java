package io.watchfloor.web;

/**
 * Who is watching a live socket: a display key's wall, or an operator with the session the socket
 * lives within and how long that session has left unless it is used.
 */
public record Watcher(String who, boolean operator, String sessionId, long sessionLeftMillis) {
  public static Watcher wall(String who) {
    return new Watcher(who, false, null, 0);
  }
}
