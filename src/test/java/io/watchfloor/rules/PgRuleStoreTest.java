package io.watchfloor.rules;

import io.watchfloor.storage.Storage;
import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PgTest
class PgRuleStoreTest extends RuleStoreContract {
  private static final String DATABASE = "wf_test_rule_store";
  private static final String AUDIT_LINES = "SELECT count(*) FROM access_audit WHERE action = 'rule.update'";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected RuleStore create(Vertx vertx) {
    return new PgRuleStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE rule_setting, access_audit; UPDATE rule_version SET version = 0");
  }

  /** The change, the version's rise and the audit line commit together: one line per change, none for a refusal. */
  @Test
  void eachChangeWritesItsAuditLineInItsOwnTransaction() {
    assertThat(store.auditsItself()).isTrue();
    store.seedIfEmpty(shipped(), SEEDED).await();
    RuleStore.Change change = store.update("group-petition", false, shipped("group-petition"), "operator:admin", SCOPE,
        CHANGED).await();
    assertThat(TestDatabase.count(DATABASE, AUDIT_LINES)).isEqualTo(1);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM access_audit WHERE target = 'group-petition'"
        + " AND actor = 'operator:admin' AND scope = '" + SCOPE + "' AND (after->>'enabled')::boolean = false"
        + " AND (before->>'enabled')::boolean = true")).as("who, where, before and after").isEqualTo(1);
    assertThat(change.version()).isEqualTo(2);

    assertThatThrownBy(() -> store.update("no-such-rule", true, shipped("group-petition"), "operator:admin", SCOPE,
        CHANGED).await()).isInstanceOf(RuleStore.RuleNotFound.class);
    assertThat(TestDatabase.count(DATABASE, AUDIT_LINES)).as("a refused change leaves no line").isEqualTo(1);
  }
}
