package io.watchfloor.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A JSON configuration node that knows its file and path, so every error names both. */
public final class ConfigNode {
  private final String source;
  private final String path;
  private final JsonNode node;

  public ConfigNode(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  public static ConfigNode root(String source, JsonNode node) {
    return new ConfigNode(source, "", node);
  }

  public ConfigException error(String message) {
    return new ConfigException(source + ": " + (path.isEmpty() ? "(top level)" : path) + ": " + message, path, message);
  }

  public String path() {
    return path;
  }

  /** Whether the field is given; asking a value that is not an object is a mistake in the file, said as such. */
  public boolean has(String field) {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw error("must be an object");
    }
    return node != null && node.has(field) && !node.get(field).isNull();
  }

  /** The named child; an absent section has absent children, so optional sections read as defaults. */
  public ConfigNode field(String field) {
    String child = path.isEmpty() ? field : path + "." + field;
    if (node == null || node.isNull()) {
      return new ConfigNode(source, child, null);
    }
    if (!node.isObject()) {
      throw error("must be an object");
    }
    return new ConfigNode(source, child, node.get(field));
  }

  public ConfigNode required(String field) {
    ConfigNode child = field(field);
    if (child.node == null || child.node.isNull()) {
      throw child.error("is required");
    }
    return child;
  }

  public String text() {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw error("must be a non-empty string");
    }
    return storable(node.asText());
  }

  /** A string that may be empty, e.g. a setting left blank to turn it off. */
  public String textOrEmpty() {
    if (node == null || !node.isTextual()) {
      throw error("must be a string");
    }
    return storable(node.asText());
  }

  /** A rule's title and every other text of a file may end up in the store, so each passes its check. */
  private String storable(String text) {
    if (!StorableText.storable(text)) {
      throw error(StorableText.PROBLEM);
    }
    return text;
  }

  public String text(String field) {
    return required(field).text();
  }

  public String textOr(String field, String fallback) {
    return has(field) ? field(field).text() : fallback;
  }

  /** A number a double holds: one beyond it (1e400) is a mistake, never infinity. */
  public double number() {
    if (node == null || !node.isNumber()) {
      throw error("must be a number");
    }
    double value = node.asDouble();
    if (!Double.isFinite(value)) {
      throw error("must be a number of at most " + Double.MAX_VALUE + " either way");
    }
    return value;
  }

  /**
   * A whole number within bounds, compared exactly (2^64 + 100 is out of bounds, not 100, and
   * 2^53 + 1 is not rounded); 3.0 counts as whole, 3.5 and anything outside the bounds do not.
   */
  public long wholeNumber(long min, long max) {
    number();
    BigDecimal value = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw error("must be a whole number from " + min + " to " + max);
    }
    return value.longValue();
  }

  public boolean bool() {
    if (node == null || !node.isBoolean()) {
      throw error("must be true or false");
    }
    return node.asBoolean();
  }

  public <T> List<T> list(Function<ConfigNode, T> reader) {
    if (node == null || !node.isArray()) {
      throw error("must be an array");
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(reader.apply(new ConfigNode(source, path + "[" + i + "]", node.get(i))));
    }
    return items;
  }

  public <T> List<T> list(String field, Function<ConfigNode, T> reader) {
    return required(field).list(reader);
  }

  public List<String> fieldNames() {
    if (node == null || !node.isObject()) {
      throw error("must be an object");
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  public Label label() {
    return new Label(text("zh"), text("en"));
  }
}
