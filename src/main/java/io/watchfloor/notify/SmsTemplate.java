package io.watchfloor.notify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.watchfloor.domain.StrictJson;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body an SMS gateway expects, from the template its admin wrote: {@code {phone}} and {@code {text}} are
 * replaced by the values, escaped for the body's content type, so a quote or a line break in a message cannot
 * break the gateway's format (or smuggle in a field). 政务短信 platforms differ, hence a template, not a format.
 */
public record SmsTemplate(String contentType, String body) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(phone|text)}");
  /** A sample as awkward as real messages get: quotes, a backslash, a line break, Chinese. */
  private static final String SAMPLE_PHONE = "13800000000";
  private static final String SAMPLE_TEXT = "许东镇 \"泵站 3\" 水位超警\\\n请核实 & 回复";

  /** The content types a template may have, each with how a value is escaped in it. */
  enum Kind {
    JSON(value -> new String(JsonStringEncoder.getInstance().quoteAsString(value))),
    FORM(value -> URLEncoder.encode(value, StandardCharsets.UTF_8)),
    TEXT(UnaryOperator.identity());

    private final UnaryOperator<String> escape;

    Kind(UnaryOperator<String> escape) {
      this.escape = escape;
    }

    /** application/json (and any {@code +json} type), the form type, text/plain; parameters such as charset aside. */
    static Optional<Kind> of(String contentType) {
      String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
        return Optional.of(JSON);
      }
      if (type.equals("application/x-www-form-urlencoded")) {
        return Optional.of(FORM);
      }
      return type.equals("text/plain") ? Optional.of(TEXT) : Optional.empty();
    }
  }

  /** The body for one message to one phone, from a template that {@link #validate() validates}. */
  public String render(String phone, String text) {
    UnaryOperator<String> escape = kind().escape;
    // One pass, so a text that itself holds "{phone}" stays text.
    return PLACEHOLDER.matcher(body).replaceAll(match ->
        Matcher.quoteReplacement(escape.apply(match.group(1).equals("phone") ? phone : text)));
  }

  /**
   * Why the channel cannot be saved with this template, or empty when it can: a content type we cannot escape
   * for, no {@code {text}} to carry the message, or (for JSON) a body that is not one JSON document once a
   * sample is put in, such as a placeholder outside quotes.
   */
  public Optional<String> validate() {
    if (Kind.of(contentType).isEmpty()) {
      return Optional.of("content type '" + contentType + "' is not one of application/json, "
          + "application/x-www-form-urlencoded, text/plain");
    }
    if (body == null || !body.contains("{text}")) {
      return Optional.of("the body template has no {text} for the message");
    }
    if (kind() == Kind.JSON) {
      try {
        StrictJson.parse(render(SAMPLE_PHONE, SAMPLE_TEXT).getBytes(StandardCharsets.UTF_8));
      } catch (StrictJson.MalformedJson e) {
        return Optional.of("the body is not valid JSON with a message in it: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Kind kind() {
    return Kind.of(contentType).orElseThrow(() -> new IllegalStateException(validate().orElseThrow()));
  }
}
