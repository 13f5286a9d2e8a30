package io.watchfloor.domain;

/** Ordered: each role may do what the ones before it may. */
public enum Role {
  VIEWER, OFFICER, ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String key() {
    return name().toLowerCase();
  }
}
