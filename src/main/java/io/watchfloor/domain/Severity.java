package io.watchfloor.domain;

/** Ordered from least to most urgent. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  public String key() {
    return name().toLowerCase();
  }
}
