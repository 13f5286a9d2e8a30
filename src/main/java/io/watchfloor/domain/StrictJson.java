package io.watchfloor.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

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
