package io.watchfloor.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Parses request bodies the strict way: invalid UTF-8, duplicate keys, trailing garbage and NaN are
 * errors, and numbers keep their exact value so 1e309 is seen as too large rather than as infinity.
 */
public final class StrictJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32).maxNumberLength(400).build());
  }

  private StrictJson() {
  }

  /** Thrown when the body is not one well-formed JSON document. */
  public static final class MalformedJson extends Exception {
    public MalformedJson(String message) {
      super(message);
    }
  }

  /**
   * The path (a.b[2].c) of the first number no double can hold without becoming another: beyond
   * about 1.8e308 (infinity) or a non-zero below about 4.9e-324 (zero). Empty when there is none. For a
   * body whose numbers go on as doubles, so 1e-400 is refused rather than taken as 0.
   */
  public static Optional<String> numberBeyondDouble(JsonNode node) {
    return numberBeyondDouble(node, "");
  }

  private static Optional<String> numberBeyondDouble(JsonNode node, String path) {
    if (node.isNumber()) {
      double value = node.doubleValue();
      boolean lost = !Double.isFinite(value) || (value == 0 && node.decimalValue().signum() != 0);
      return lost ? Optional.of(path) : Optional.empty();
    }
    int i = 0;
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      Optional<String> found = numberBeyondDouble(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      if (found.isPresent()) {
        return found;
      }
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        Optional<String> found = numberBeyondDouble(item, path + "[" + i++ + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  public static JsonNode parse(byte[] body) throws MalformedJson {
    if (body.length == 0) {
      throw new MalformedJson("the body is empty; send a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedJson("the body is empty; send a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new MalformedJson("not valid JSON: " + e.getOriginalMessage());
    } catch (NumberFormatException | ArithmeticException e) {
      // Jackson lets these through for a number no BigDecimal can hold, such as 1e-9999999999.
      throw new MalformedJson("not valid JSON: a number is beyond any value this service takes");
    } catch (IOException e) {
      throw new MalformedJson("unreadable body");
    }
  }
}
