package io.watchfloor.domain;

/** A configuration problem, phrased as "file: field: what is wrong" so an admin can fix it. */
public class ConfigException extends RuntimeException {
  private final String field;
  private final String reason;

  public ConfigException(String message) {
    this(message, null, message);
  }

  /** With the field's path and the bare reason apart, so an API can answer a 422 naming the field. */
  public ConfigException(String message, String field, String reason) {
    super(message);
    this.field = field;
    this.reason = reason;
  }

  /** The path of the field at fault (e.g. {@code rules[0].above}), or null when the message says it only in words. */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
