package io.watchfloor;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.watchfloor.web.ApiDescription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holds a live socket's frame to the AsyncAPI description of the socket, with Vert.x's own JSON Schema
 * validator: the frame's {@code type} picks the message, and the frame must match that message's payload.
 * A frame of a type the description does not name is refused too, so a new frame type cannot reach a
 * client undescribed. The live tests' clients call {@link #violation} on every frame they receive.
 */
public final class LiveContract {
  /** Any absolute URI will do: the description's references are all within itself. */
  private static final String BASE = "https://watchfloor.invalid/";
  private static final String DOCUMENT = BASE + "asyncapi.json";

  private static LiveContract shared;

  private final JsonObject description;
  private final Map<String, io.vertx.json.schema.Validator> byType = new TreeMap<>();

  /** One for the whole run: the validators keep no state between frames. */
  public static synchronized LiveContract shared() {
    if (shared == null) {
      shared = new LiveContract();
    }
    return shared;
  }

  private LiveContract() {
    description = description();
    // AsyncAPI's schema format is a superset of JSON Schema draft 7
    // Basic output lists every failed keyword with its place; the default (Flag) says only valid or not
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri(BASE)
        .setOutputFormat(OutputFormat.Basic));
    repository.dereference(DOCUMENT, JsonSchema.of(description.copy())); // it annotates what it is given
    JsonObject messages = description.getJsonObject("components").getJsonObject("messages");
    for (String name : messages.fieldNames()) {
      String type = messages.getJsonObject(name).getJsonObject("payload").getJsonObject("properties")
          .getJsonObject("type").getString("const");
      byType.put(type, repository.validator(JsonSchema.of(new JsonObject()
          .put("$ref", DOCUMENT + "#/components/messages/" + name + "/payload"))));
    }
  }

  public static JsonObject description() {
    try (InputStream in = LiveContract.class.getClassLoader().getResourceAsStream(ApiDescription.ASYNC_RESOURCE)) {
      if (in == null) {
        throw new AssertionError(ApiDescription.ASYNC_RESOURCE + " is not on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The frame types the description names, the client's resync among them. */
  public java.util.Set<String> types() {
    return byType.keySet();
  }

  /** Why the frame does not conform to the description, or empty if it does. */
  public Optional<String> violation(JsonObject frame) {
    io.vertx.json.schema.Validator validator = byType.get(frame.getString("type"));
    if (validator == null) {
      return Optional.of("a frame of type " + frame.getString("type") + ", which " + ApiDescription.ASYNC_RESOURCE
          + " does not describe: " + frame.encode());
    }
    OutputUnit result = validator.validate(frame);
    try {
      result.checkValidity();
      return Optional.empty();
    } catch (JsonSchemaValidationException e) {
      return Optional.of("a " + frame.getString("type") + " frame that does not conform to " + ApiDescription.ASYNC_RESOURCE
          + ": " + reasons(result) + "\n" + abbreviated(frame.encode()));
    }
  }

  /** Each failed keyword with where in the frame: the exception alone names only the first, often without a place. */
  private static String reasons(OutputUnit result) {
    StringBuilder why = new StringBuilder();
    for (OutputUnit error : result.getErrors() == null ? java.util.List.<OutputUnit>of() : result.getErrors()) {
      why.append(why.isEmpty() ? "" : "; ").append(error.getError()).append(" at ").append(error.getInstanceLocation())
          .append(" (").append(error.getKeywordLocation()).append(')');
    }
    return why.isEmpty() ? String.valueOf(result.getError()) : why.toString();
  }

  /** Fails at once: for a test's own thread, never an event loop's (where a thrown error would be only logged). */
  public void check(JsonObject frame) {
    violation(frame).ifPresent(why -> {
      throw new AssertionError(why);
    });
  }

  private static String abbreviated(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
  }
}
