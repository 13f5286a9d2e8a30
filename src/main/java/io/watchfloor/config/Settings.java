package io.watchfloor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Access;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.AlertRules;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.CatalogueReader;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.domain.ConfigNode;
import io.watchfloor.domain.StrictJson;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the configuration once, at start: the application file into typed records, the environment
 * overrides (each beats the file: WATCHFLOOR_HTTP_PORT, _STORE, _PG_URL, _DEMO, _DEMO_SIMULATE, and the
 * cluster's: _CLUSTER, _CLUSTER_HOST, _CLUSTER_PORT, _CLUSTER_MEMBERS, _CLUSTER_BUS_PORT), and
 * the town, access, rules and time-limit (case-limits) files it names into the domain. Everything is checked here, so a bad
 * file stops the server with a message naming the file and the field; verticles get only records.
 *
 * <p>The demo credentials live in a file of their own, read only in demo mode and added to the
 * access file's entries: their secrets are public, so a server started without the demo must never
 * accept them, whatever its access file says.
 */
public record Settings(AppConfig app, Catalogue catalogue, Access access, List<AlertRule> rules, AccessFiles accessFiles,
                       CaseTimeSeed caseTime) {
  /** Where the time-limit table and calendar are seeded from, beside the application file, unless it names another. */
  static final String CASE_LIMITS_FILE = "case-limits.json";

  public Settings {
    rules = List.copyOf(rules);
  }

  public Settings(AppConfig app, Catalogue catalogue, Access access, List<AlertRule> rules, AccessFiles accessFiles) {
    this(app, catalogue, access, rules, accessFiles, CaseTimeSeed.NONE);
  }

  public Settings(AppConfig app, Catalogue catalogue, Access access, List<AlertRule> rules) {
    this(app, catalogue, access, rules, AccessFiles.NONE);
  }

  static final String ENV_PORT = "WATCHFLOOR_HTTP_PORT";
  static final String ENV_STORE = "WATCHFLOOR_STORE";
  static final String ENV_PG_URL = "WATCHFLOOR_PG_URL";
  static final String ENV_DEMO = "WATCHFLOOR_DEMO";
  static final String ENV_DEMO_SIMULATE = "WATCHFLOOR_DEMO_SIMULATE";
  static final String ENV_CLUSTER = "WATCHFLOOR_CLUSTER";
  static final String ENV_CLUSTER_HOST = "WATCHFLOOR_CLUSTER_HOST";
  static final String ENV_CLUSTER_PORT = "WATCHFLOOR_CLUSTER_PORT";
  static final String ENV_CLUSTER_MEMBERS = "WATCHFLOOR_CLUSTER_MEMBERS";
  static final String ENV_CLUSTER_BUS_PORT = "WATCHFLOOR_CLUSTER_BUS_PORT";
  private static final List<String> ENV_KEYS = List.of(ENV_PORT, ENV_STORE, ENV_PG_URL, ENV_DEMO, ENV_DEMO_SIMULATE,
      ENV_CLUSTER, ENV_CLUSTER_HOST, ENV_CLUSTER_PORT, ENV_CLUSTER_MEMBERS, ENV_CLUSTER_BUS_PORT);
  private static final List<String> ACCESS_LISTS = List.of("units", "operators", "displayKeys");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static Future<Settings> load(Vertx vertx, String appPath, boolean demoFlag) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .addStore(new ConfigStoreOptions().setType("file").setFormat("json").setConfig(new JsonObject().put("path", appPath)))
        .addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("keys", new JsonArray(ENV_KEYS)))));
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException(appPath + ": cannot be read: " + rootMessage(e))))
        .eventually(retriever::close)
        .map(merged -> applyEnvironment(merged, appPath, demoFlag))
        .compose(app -> withTownFiles(vertx, app, appPath));
  }

  /**
   * Settings from JSON already in hand, for tests: same checks, no environment. {@code demoAccess}
   * is added to {@code access} only if the application turns the demo on, as at a real start.
   */
  public static Settings of(JsonObject app, JsonObject town, JsonObject access, JsonObject demoAccess, JsonObject rules) {
    return of(app, town, access, demoAccess, rules, null);
  }

  /** The same with a time-limit file ({@code caseLimits}; null: none, the built-in default row). */
  public static Settings of(JsonObject app, JsonObject town, JsonObject access, JsonObject demoAccess, JsonObject rules,
                            JsonObject caseLimits) {
    AppConfig config = AppConfig.read(ConfigNode.root("application", tree(app, "application")));
    JsonObject demo = config.demo().enabled() ? checkedAccess(demoAccess, "demo-access", town, "town") : new JsonObject();
    return build(config, town, "town", access, demo, "access", rules, "rules")
        .withCaseTime(caseLimits == null ? CaseTimeSeed.NONE : CaseTimeSeed.read("case-limits", tree(caseLimits, "case-limits")));
  }

  public Settings withCaseTime(CaseTimeSeed seed) {
    return new Settings(app, catalogue, access, rules, accessFiles, seed);
  }

  /** The access file's entries followed by the demo file's; neither is changed. */
  public static JsonObject withDemoAccess(JsonObject access, JsonObject demoAccess) {
    JsonObject merged = access.copy();
    for (String list : ACCESS_LISTS) {
      JsonArray entries = merged.getJsonArray(list, new JsonArray()).copy();
      entries.addAll(demoAccess.getJsonArray(list, new JsonArray()));
      merged.put(list, entries);
    }
    return merged;
  }

  /** Checked on its own first, so an error in it names the demo file rather than the merged whole. */
  private static JsonObject checkedAccess(JsonObject access, String source, JsonObject town, String townSource) {
    Catalogue catalogue = CatalogueReader.read(ConfigNode.root(townSource, tree(town, townSource)));
    Access.read(ConfigNode.root(source, tree(access, source)), catalogue);
    return access;
  }

  private static JsonObject applyEnvironment(JsonObject merged, String appPath, boolean demoFlag) {
    JsonObject app = merged.copy();
    ENV_KEYS.forEach(app::remove);
    JsonObject http = section(app, "http");
    JsonObject store = section(app, "store");
    JsonObject demo = section(app, "demo");
    if (merged.containsKey(ENV_PORT)) {
      http.put("port", envPort(merged.getValue(ENV_PORT), ENV_PORT));
    }
    if (merged.containsKey(ENV_STORE)) {
      store.put("kind", String.valueOf(merged.getValue(ENV_STORE)));
    }
    if (merged.containsKey(ENV_PG_URL)) {
      section(store, "pg").put("url", String.valueOf(merged.getValue(ENV_PG_URL)));
    }
    if (merged.containsKey(ENV_DEMO)) {
      demo.put("enabled", envBoolean(merged.getValue(ENV_DEMO), ENV_DEMO));
    }
    if (merged.containsKey(ENV_DEMO_SIMULATE)) {
      demo.put("simulate", envBoolean(merged.getValue(ENV_DEMO_SIMULATE), ENV_DEMO_SIMULATE));
    }
    if (demoFlag) {
      demo.put("enabled", true);
    }
    applyClusterEnvironment(merged, section(app, "cluster"));
    return app;
  }

  /** The members' list is comma-separated in the environment, an array in the file. */
  private static void applyClusterEnvironment(JsonObject merged, JsonObject cluster) {
    if (merged.containsKey(ENV_CLUSTER)) {
      cluster.put("enabled", envBoolean(merged.getValue(ENV_CLUSTER), ENV_CLUSTER));
    }
    if (merged.containsKey(ENV_CLUSTER_HOST)) {
      cluster.put("host", String.valueOf(merged.getValue(ENV_CLUSTER_HOST)).trim());
    }
    if (merged.containsKey(ENV_CLUSTER_PORT)) {
      cluster.put("port", envPort(merged.getValue(ENV_CLUSTER_PORT), ENV_CLUSTER_PORT));
    }
    if (merged.containsKey(ENV_CLUSTER_BUS_PORT)) {
      cluster.put("bus-port", envPort(merged.getValue(ENV_CLUSTER_BUS_PORT), ENV_CLUSTER_BUS_PORT));
    }
    if (merged.containsKey(ENV_CLUSTER_MEMBERS)) {
      JsonArray members = new JsonArray();
      for (String member : String.valueOf(merged.getValue(ENV_CLUSTER_MEMBERS)).split(",")) {
        if (!member.isBlank()) {
          members.add(member.trim());
        }
      }
      cluster.put("members", members);
    }
  }

  private static boolean envBoolean(Object raw, String name) {
    String value = String.valueOf(raw);
    if (!Set.of("true", "false").contains(value)) {
      throw new ConfigException("environment " + name + ": must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static int envPort(Object value, String name) {
    try {
      int port = Integer.parseInt(String.valueOf(value).trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException("environment " + name + ": must be a port number, got '" + value + "'");
  }

  private static JsonObject section(JsonObject parent, String key) {
    if (!(parent.getValue(key) instanceof JsonObject)) {
      parent.put(key, new JsonObject());
    }
    return parent.getJsonObject(key);
  }

  private static Future<Settings> withTownFiles(Vertx vertx, JsonObject appJson, String appPath) {
    ConfigNode root = ConfigNode.root(appPath, tree(appJson, appPath));
    AppConfig app = AppConfig.read(root);
    String townSource = sibling(appPath, root.required("town").text("file"));
    String accessSource = sibling(appPath, root.required("access").text("file"));
    String rulesSource = sibling(appPath, root.required("rules").text("file"));
    String demoSource = sibling(appPath, app.demo().accessFile());
    String limitsSource = sibling(appPath, root.field("case-limits").textOr("file", CASE_LIMITS_FILE));
    Future<JsonObject> demoAccess = app.demo().enabled() ? readJson(vertx, demoSource) : Future.succeededFuture(new JsonObject());
    String demoLimitsSource = sibling(appPath, app.demo().cases().limitsFile());
    Future<JsonObject> demoLimits = app.demo().enabled() ? readJson(vertx, demoLimitsSource) : Future.succeededFuture(null);
    return Future.all(List.of(readJson(vertx, townSource), readJson(vertx, accessSource), readJson(vertx, rulesSource),
            demoAccess, readJson(vertx, limitsSource), demoLimits))
        .map(files -> build(app, files.resultAt(0), townSource, files.resultAt(1), app.demo().enabled()
                ? checkedAccess(files.resultAt(3), demoSource, files.resultAt(0), townSource) : new JsonObject(),
            accessSource, files.resultAt(2), rulesSource)
            .withCaseTime(caseTime(CaseTimeSeed.read(limitsSource, tree(files.resultAt(4), limitsSource)),
                files.resultAt(5) == null ? null : CaseTimeSeed.read(demoLimitsSource, tree(files.resultAt(5), demoLimitsSource)))));
  }

  /**
   * In demo mode the demo's limits (minutes, so near due and overdue show within minutes) replace the file's;
   * the calendar stays the file's, so /admin shows the real holidays. Only an empty store is seeded with either.
   */
  public static CaseTimeSeed caseTime(CaseTimeSeed file, CaseTimeSeed demo) {
    return demo == null ? file : new CaseTimeSeed(demo.limits(), file.days());
  }

  /** The access file is checked on its own (an error names it), and with the demo's on top as the whole. */
  private static Settings build(AppConfig app, JsonObject town, String townSource, JsonObject access, JsonObject demo,
                                String accessSource, JsonObject rules, String rulesSource) {
    Catalogue catalogue = CatalogueReader.read(ConfigNode.root(townSource, tree(town, townSource)));
    Access.read(ConfigNode.root(accessSource, tree(access, accessSource)), catalogue);
    JsonObject merged = withDemoAccess(access, demo);
    return new Settings(app, catalogue, Access.read(ConfigNode.root(accessSource, tree(merged, accessSource)), catalogue),
        AlertRules.read(ConfigNode.root(rulesSource, tree(rules, rulesSource)), catalogue),
        new AccessFiles(access.copy(), demo.copy()));
  }

  private static String sibling(String appPath, String file) {
    Path parent = Path.of(appPath).getParent();
    return parent == null ? file : parent.resolve(file).toString();
  }

  private static Future<JsonObject> readJson(Vertx vertx, String path) {
    return vertx.fileSystem().readFile(path)
        .recover(e -> Future.failedFuture(new ConfigException(path + ": cannot be read: " + rootMessage(e))))
        .map(buffer -> parse(buffer, path));
  }

  private static JsonObject parse(Buffer buffer, String path) {
    try {
      JsonNode node = StrictJson.parse(buffer.getBytes());
      if (!node.isObject()) {
        throw new ConfigException(path + ": must hold a JSON object");
      }
      return new JsonObject(buffer);
    } catch (StrictJson.MalformedJson e) {
      throw new ConfigException(path + ": " + e.getMessage());
    }
  }

  private static JsonNode tree(JsonObject json, String source) {
    try {
      return MAPPER.readTree(json.encode());
    } catch (java.io.IOException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  public boolean demo() {
    return app.demo().enabled();
  }
}
