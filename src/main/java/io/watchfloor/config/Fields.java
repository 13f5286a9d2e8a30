package io.watchfloor.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.domain.ConfigNode;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads one optional field of a section with its default and its bounds. Each default is written
 * once, here in the section's record, and a bad value names the file and the dotted field.
 */
final class Fields {
  private Fields() {
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A section given as JSON, e.g. by a test or a tool that builds one piece on its own. */
  static ConfigNode node(String source, JsonObject json) {
    try {
      return ConfigNode.root(source, MAPPER.readTree(json.encode()));
    } catch (java.io.IOException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  static int integer(ConfigNode section, String field, int fallback, int min, int max) {
    return (int) longInt(section, field, fallback, min, max);
  }

  static long longInt(ConfigNode section, String field, long fallback, long min, long max) {
    return section.has(field) ? section.field(field).wholeNumber(min, max) : fallback;
  }

  static boolean bool(ConfigNode section, String field, boolean fallback) {
    return section.has(field) ? section.field(field).bool() : fallback;
  }

  static String text(ConfigNode section, String field, String fallback) {
    return section.has(field) ? section.field(field).text() : fallback;
  }

  static String oneOf(ConfigNode section, String field, String fallback, Set<String> allowed) {
    String value = text(section, field, fallback);
    if (!allowed.contains(value)) {
      throw section.field(field).error("must be one of " + String.join(", ", allowed.stream().sorted().toList())
          + ", got '" + value + "'");
    }
    return value;
  }

  static Duration duration(ConfigNode section, String field, Duration fallback) {
    if (!section.has(field)) {
      return fallback;
    }
    ConfigNode node = section.field(field);
    try {
      Duration value = Duration.parse(node.text());
      if (value.isNegative()) {
        throw node.error("must not be negative");
      }
      return value;
    } catch (DateTimeException e) {
      throw node.error("must be an ISO-8601 duration such as P7D or PT5M");
    }
  }

  static List<String> texts(ConfigNode section, String field) {
    return section.has(field) ? section.field(field).list(ConfigNode::text) : List.of();
  }
}
