package io.watchfloor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Access;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.AlertRules;
import java.util.List;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.CatalogueReader;
import io.watchfloor.domain.ConfigNode;

/**
 * The town and access files travel inside each verticle's config; this reads them back into the
 * domain. Main has already validated them, so a failure here is a programming error.
 */
public final class Town {
  public static final String TOWN = "town";
  public static final String TOWN_SOURCE = "town-source";
  public static final String ACCESS = "access";
  public static final String ACCESS_SOURCE = "access-source";
  public static final String RULES = "rules";
  public static final String RULES_SOURCE = "rules-source";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Town() {
  }

  public static Catalogue catalogue(JsonObject config) {
    return CatalogueReader.read(node(config, TOWN, TOWN_SOURCE));
  }

  public static Access access(JsonObject config, Catalogue catalogue) {
    return Access.read(node(config, ACCESS, ACCESS_SOURCE), catalogue);
  }

  public static List<AlertRule> rules(JsonObject config, Catalogue catalogue) {
    return AlertRules.read(node(config, RULES, RULES_SOURCE), catalogue);
  }

  private static ConfigNode node(JsonObject config, String key, String sourceKey) {
    JsonObject section = config.getJsonObject(key);
    if (section == null) {
      throw new IllegalStateException("verticle config lacks '" + key + "'");
    }
    try {
      JsonNode tree = MAPPER.readTree(section.encode());
      return ConfigNode.root(config.getString(sourceKey, key), tree);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
