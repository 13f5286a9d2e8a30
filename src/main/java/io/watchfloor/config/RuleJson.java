package io.watchfloor.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.AlertRules;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.ConfigNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule in the shape of {@code config/rules.json}: how the store keeps it, the API shows it and the
 * page edits it. Read back only through {@link AlertRules}, so the store never holds a rule the file
 * could not.
 */
public final class RuleJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RuleJson() {
  }

  public static JsonObject of(AlertRule rule) {
    JsonObject json = new JsonObject().put("id", rule.id()).put("kind", rule.kindKey());
    if (rule.kind() == AlertRule.Kind.MISSING) {
      json.put("siteKind", rule.siteKind()).put("deadline", rule.deadline().toString());
    } else {
      json.put("metric", rule.metric());
    }
    if (rule.kind() == AlertRule.Kind.THRESHOLD) {
      json.put("scope", rule.scope().name().toLowerCase(Locale.ROOT));
      if (rule.level() != null) {
        json.put("level", rule.level());
      }
    }
    if (rule.window() != null) {
      json.put("window", rule.window().toString());
    }
    if (rule.kind() == AlertRule.Kind.THRESHOLD) {
      json.put(rule.above() ? "above" : "below", number(rule.bound()));
    }
    if (rule.kind() == AlertRule.Kind.SPIKE) {
      json.put("factor", number(rule.factor())).put("minCount", number(rule.minCount()));
    }
    return json.put("severity", rule.severity().key())
        .put("title", new JsonObject().put("zh", rule.title().zh()).put("en", rule.title().en()));
  }

  /** One rule as the file would read it; a mistake is a ConfigException naming {@code source} and the field. */
  public static AlertRule read(String source, JsonObject body, Catalogue catalogue) {
    try {
      return AlertRules.rule(ConfigNode.root(source, MAPPER.readTree(body.encode())), catalogue);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JsonObject always encodes to JSON", e);
    }
  }

  /** The enabled rules of a stored set, in their order, for the engine. */
  public static List<AlertRule> enabled(JsonArray settings, Catalogue catalogue) {
    List<AlertRule> rules = new ArrayList<>();
    for (int i = 0; i < settings.size(); i++) {
      JsonObject setting = settings.getJsonObject(i);
      if (setting.getBoolean("enabled", true)) {
        rules.add(read("stored rule " + setting.getString("id"), setting.getJsonObject("rule"), catalogue));
      }
    }
    return rules;
  }

  private static Number number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
  }
}
