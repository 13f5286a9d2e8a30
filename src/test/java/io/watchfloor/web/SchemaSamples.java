package io.watchfloor.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Random JSON values from the schemas of the OpenAPI description, for the fuzzer ({@link ApiFuzzTest}):
 * mostly values the schema allows, so that requests get past the first check and reach the code behind it,
 * and at every leaf now and then a hostile one (another type, an empty or enormous string, control and
 * bidi characters, numbers past any range, a deep nest). Identifiers are drawn from those the server has
 * answered with, so that a path like /alerts/{id}/ack meets real alerts as well as made-up ones.
 */
final class SchemaSamples {
  private static final int SEEN_BOUND = 400;
  private static final String[] NASTY = {"", " ", "\u0000", "../../etc/passwd", "%00", "'; DROP TABLE report; --",
      "<script>alert(1)</script>", "\u202e\u0645\u0631\u062d\u0628\u0627", "🚒🚒🚒", "NaN", "-0", "1e999",
      "null", "true", "{}", "[]", "9223372036854775808", "2026-02-30T25:61:61+08:00", "0000-00-00", "\\u0000",
      "区/镇/街道", "a\r\nSet-Cookie: x=1"};

  private final JsonObject description;
  private final Random random;
  private final Set<String> seen = new LinkedHashSet<>();

  SchemaSamples(JsonObject description, Random random) {
    this.description = description;
    this.random = random;
  }

  /** A value for the schema: allowed by it most of the time, hostile at about one leaf in {@code oneIn}. */
  Object value(JsonObject schema, int oneIn) {
    return value(schema, oneIn, 0);
  }

  /** A hostile value, whatever the schema says. */
  Object hostile() {
    return switch (random.nextInt(9)) {
      case 0 -> null;
      case 1 -> NASTY[random.nextInt(NASTY.length)];
      case 2 -> "x".repeat(1 + random.nextInt(70_000));
      case 3 -> "汉".repeat(1 + random.nextInt(5_000));
      case 4 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
      case 5 -> random.nextBoolean() ? 1e300 : -1e-300;
      case 6 -> random.nextBoolean();
      case 7 -> nest(1 + random.nextInt(300));
      default -> new JsonObject().put("x".repeat(1 + random.nextInt(300)), new JsonArray().add(1));
    };
  }

  /** Remembers the short identifiers of an answer (ids, sites, areas, names), up to a bound. */
  void learn(Object json) {
    if (json instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        Object value = object.getValue(key);
        if (value instanceof String text && text.length() <= 64 && identifying(key) && seen.size() < SEEN_BOUND) {
          seen.add(text);
        }
        learn(value);
      }
    } else if (json instanceof JsonArray array) {
      array.forEach(this::learn);
    }
  }

  /** An identifier the server has answered with, or a made-up one. */
  String identifier() {
    if (!seen.isEmpty() && random.nextInt(3) > 0) {
      return new ArrayList<>(seen).get(random.nextInt(seen.size()));
    }
    return random.nextBoolean() ? UUID.randomUUID().toString() : NASTY[random.nextInt(NASTY.length)];
  }

  private static boolean identifying(String key) {
    String k = key.toLowerCase();
    return k.endsWith("id") || k.equals("site") || k.equals("area") || k.equals("metric") || k.equals("username")
        || k.equals("code") || k.equals("unit") || k.equals("channel") || k.equals("scope");
  }

  private Object value(JsonObject schema, int oneIn, int depth) {
    if (random.nextInt(oneIn) == 0) {
      return hostile();
    }
    JsonObject s = resolve(schema);
    if (s.containsKey("const")) {
      return s.getValue("const");
    }
    if (s.containsKey("enum")) {
      JsonArray options = s.getJsonArray("enum");
      return options.getValue(random.nextInt(options.size()));
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (s.containsKey(choice)) {
        JsonArray options = s.getJsonArray(choice);
        return value(options.getJsonObject(random.nextInt(options.size())), oneIn, depth + 1);
      }
    }
    if (s.containsKey("allOf")) {
      JsonObject merged = new JsonObject().put("type", "object").put("properties", new JsonObject())
          .put("required", new JsonArray());
      for (Object part : s.getJsonArray("allOf")) {
        JsonObject p = resolve((JsonObject) part);
        merged.getJsonObject("properties").mergeIn(p.getJsonObject("properties", new JsonObject()));
        merged.getJsonArray("required").addAll(p.getJsonArray("required", new JsonArray()));
      }
      return value(merged, oneIn, depth + 1);
    }
    String type = type(s);
    return switch (type) {
      case "object" -> object(s, oneIn, depth);
      case "array" -> array(s, oneIn, depth);
      case "integer" -> integer(s);
      case "number" -> integer(s) + random.nextDouble();
      case "boolean" -> random.nextBoolean();
      case "null" -> null;
      default -> string(s);
    };
  }

  private String type(JsonObject s) {
    Object type = s.getValue("type");
    if (type instanceof JsonArray types) {
      List<Object> notNull = types.stream().filter(t -> !"null".equals(t)).toList();
      return notNull.isEmpty() || random.nextInt(8) == 0 ? "null" : (String) notNull.get(random.nextInt(notNull.size()));
    }
    if (type == null) {
      return s.containsKey("properties") ? "object" : s.containsKey("items") ? "array" : "string";
    }
    return (String) type;
  }

  private JsonObject object(JsonObject s, int oneIn, int depth) {
    JsonObject out = new JsonObject();
    JsonObject properties = s.getJsonObject("properties", new JsonObject());
    List<Object> required = s.getJsonArray("required", new JsonArray()).getList();
    for (String name : properties.fieldNames()) {
      boolean include = required.contains(name) ? random.nextInt(12) > 0 : random.nextBoolean();
      if (include && depth < 8) {
        out.put(name, value(properties.getJsonObject(name), oneIn, depth + 1));
      }
    }
    if (random.nextInt(10) == 0) {
      out.put("unexpected", hostile());
    }
    return out;
  }

  private JsonArray array(JsonObject s, int oneIn, int depth) {
    JsonArray out = new JsonArray();
    int min = s.getInteger("minItems", 0);
    int max = Math.min(s.getInteger("maxItems", 4), min + 4);
    int n = random.nextInt(12) == 0 ? max + 1 : min + random.nextInt(Math.max(1, max - min + 1));
    JsonObject items = s.getJsonObject("items", new JsonObject());
    for (int i = 0; i < n && depth < 8; i++) {
      out.add(value(items, oneIn, depth + 1));
    }
    return out;
  }

  private long integer(JsonObject s) {
    long min = s.getNumber("minimum", -5).longValue();
    long max = s.getNumber("maximum", Math.max(min + 1000, 1000)).longValue();
    return switch (random.nextInt(6)) {
      case 0 -> min;
      case 1 -> max;
      case 2 -> random.nextBoolean() ? min - 1 : max + 1;
      default -> min + (long) (random.nextDouble() * (max - min));
    };
  }

  private String string(JsonObject s) {
    if (s.containsKey("example") && random.nextBoolean()) {
      return String.valueOf(s.getValue("example"));
    }
    if (s.containsKey("examples") && random.nextBoolean()) {
      JsonArray examples = s.getJsonArray("examples");
      return String.valueOf(examples.getValue(random.nextInt(examples.size())));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    switch (s.getString("format", "")) {
      case "date-time":
        return now.plusSeconds(random.nextInt(200_000) - 150_000).atOffset(ZoneOffset.ofHours(8)).toString();
      case "date":
        return LocalDate.now(ZoneOffset.ofHours(8)).minusDays(random.nextInt(60) - 5).toString();
      case "uuid":
        return UUID.randomUUID().toString();
      case "uri", "url":
        return random.nextBoolean() ? "https://127.0.0.1:1/hook" : "http://[::1]:0/" + UUID.randomUUID();
      default:
        break;
    }
    if (random.nextBoolean()) {
      return identifier();
    }
    int min = s.getInteger("minLength", 0);
    int max = Math.min(s.getInteger("maxLength", 24), min + 40);
    int length = random.nextInt(10) == 0 ? max + 1 : min + random.nextInt(Math.max(1, max - min + 1));
    StringBuilder out = new StringBuilder();
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_ 城关镇街道指挥中心";
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private JsonObject resolve(JsonObject schema) {
    JsonObject s = schema;
    for (int hops = 0; s.containsKey("$ref") && hops < 10; hops++) {
      String[] path = s.getString("$ref").substring(2).split("/");
      JsonObject at = description;
      for (String step : path) {
        at = at.getJsonObject(step);
      }
      s = at;
    }
    return s;
  }

  private static Object nest(int depth) {
    JsonArray inner = new JsonArray();
    JsonArray outer = inner;
    for (int i = 1; i < depth; i++) {
      JsonArray next = new JsonArray().add(outer);
      outer = next;
    }
    return outer;
  }
}
