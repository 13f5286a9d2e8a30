package io.watchfloor.rules;

import io.vertx.core.Future;
import io.watchfloor.StoreContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestServer;
import io.watchfloor.rules.RuleStore.Change;
import io.watchfloor.rules.RuleStore.RuleNotFound;
import io.watchfloor.rules.RuleStore.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every rule store must answer, the same on each: the rules' settings the admin page shows and
 * changes, and the version every node compares with its own. Each store runs this suite through its own
 * subclass. Times are to the microsecond, as the server's clock gives them and PostgreSQL keeps them.
 */
abstract class RuleStoreContract extends StoreContract<RuleStore> {
  static final Instant SEEDED = Instant.parse("2026-11-20T01:00:00.123456Z");
  static final Instant CHANGED = Instant.parse("2026-11-20T09:30:15.654321Z");
  static final String SCOPE = "changling";

  RuleStoreContract() {
    super(RuleStore::open, RuleStore::close);
  }

  /** The shipped rules, in the file's order: Chinese titles, thresholds, windows, deadlines. */
  static List<JsonObject> shipped() {
    return TestServer.shipped("rules.json").getJsonArray("rules").stream().map(JsonObject.class::cast).toList();
  }

  static JsonObject shipped(String id) {
    return shipped().stream().filter(r -> r.getString("id").equals(id)).findFirst().orElseThrow().copy();
  }

  static List<String> ids(RuleSet set) {
    return set.settings().stream().map(s -> ((JsonObject) s).getString("id")).toList();
  }

  static JsonObject setting(RuleSet set, String id) {
    return set.settings().stream().map(JsonObject.class::cast).filter(s -> s.getString("id").equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void aStoreNeverSeededHasNoRulesAndVersionZero() {
    RuleSet all = store.all().await();
    assertThat(all.version()).isZero();
    assertThat(all.settings()).isEmpty();
    assertThat(store.version().await()).isZero();
  }

  @Test
  void seedingFillsAnEmptyStoreOnceWithTheFilesRulesInItsOrder() {
    assertThat(store.seedIfEmpty(shipped(), SEEDED).await()).isTrue();
    RuleSet seeded = store.all().await();
    assertThat(seeded.version()).isEqualTo(1);
    assertThat(store.version().await()).isEqualTo(1);
    assertThat(ids(seeded)).containsExactlyElementsOf(shipped().stream().map(r -> r.getString("id")).toList());
    JsonArray expected = new JsonArray();
    shipped().forEach(rule -> expected.add(RuleStore.setting(rule.getString("id"), true, rule, SEEDED, null)));
    assertThat(seeded.settings()).as("each rule as the file has it, enabled, dated, by nobody").isEqualTo(expected);

    assertThat(store.seedIfEmpty(List.of(shipped("escalated-petition")), CHANGED).await()).as("seeded once").isFalse();
    assertThat(store.all().await()).isEqualTo(seeded);
  }

  @Test
  void aSetSeededEmptyStaysSeeded() {
    assertThat(store.seedIfEmpty(List.of(), SEEDED).await()).isTrue();
    assertThat(store.all().await()).isEqualTo(new RuleSet(1, new JsonArray()));
    assertThat(store.seedIfEmpty(shipped(), SEEDED).await()).as("an operator's empty set is not filled again").isFalse();
    assertThat(store.all().await().settings()).isEmpty();
  }

  @Test
  void aChangeReplacesOneRulesSettingsRaisesTheVersionAndKeepsTheOrder() {
    store.seedIfEmpty(shipped(), SEEDED).await();
    RuleSet before = store.all().await();
    JsonObject changed = shipped("turned-back-surge").put("above", 80)
        .put("title", new JsonObject().put("zh", "1小时劝返人员超过80人").put("en", "Over 80 persons turned back in 1 h"));

    Change change = store.update("turned-back-surge", false, changed, "operator:admin", SCOPE, CHANGED).await();

    assertThat(change.version()).isEqualTo(2);
    assertThat(change.before()).isEqualTo(setting(before, "turned-back-surge"));
    assertThat(change.after()).isEqualTo(RuleStore.setting("turned-back-surge", false, changed, CHANGED, "operator:admin"));
    RuleSet after = store.all().await();
    assertThat(after.version()).isEqualTo(2);
    assertThat(ids(after)).as("in the file's order still").isEqualTo(ids(before));
    assertThat(setting(after, "turned-back-surge")).isEqualTo(change.after());
    for (String id : ids(before)) {
      if (!id.equals("turned-back-surge")) {
        assertThat(setting(after, id)).as(id + " untouched").isEqualTo(setting(before, id));
      }
    }
  }

  @Test
  void aChangeOfNoSuchRuleIsRefusedAndChangesNothing() {
    store.seedIfEmpty(shipped(), SEEDED).await();
    RuleSet before = store.all().await();
    assertThatThrownBy(() -> store.update("no-such-rule", true, shipped("escalated-petition"), "operator:admin", SCOPE,
        CHANGED).await()).isInstanceOf(RuleNotFound.class).hasMessage("no rule no-such-rule");
    assertThat(store.all().await()).isEqualTo(before);
  }

  @Test
  void changesAtOnceEachGetTheirOwnVersion() {
    store.seedIfEmpty(shipped(), SEEDED).await();
    List<Future<Change>> changes = List.of(
        store.update("escalated-petition", false, shipped("escalated-petition"), "operator:admin", SCOPE, CHANGED),
        store.update("group-petition", false, shipped("group-petition"), "operator:chief", SCOPE, CHANGED),
        store.update("escalated-petition", true, shipped("escalated-petition"), "operator:chief", SCOPE, CHANGED));
    Future.all(List.<Future<?>>copyOf(changes)).await();
    Set<Long> versions = changes.stream().map(c -> c.result().version()).collect(Collectors.toSet());
    assertThat(versions).containsExactlyInAnyOrder(2L, 3L, 4L);
    RuleSet after = store.all().await();
    assertThat(after.version()).isEqualTo(4);
    assertThat(setting(after, "group-petition").getBoolean("enabled")).isFalse();
    Change last = changes.stream().map(Future::result).max(java.util.Comparator.comparing(Change::version)).orElseThrow();
    assertThat(after.settings()).as("the newest change of each rule holds").contains(last.after());
  }
}
