package io.watchfloor.domain;

/** A configuration problem, phrased as "file: field: what is wrong" so an admin can fix it. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
