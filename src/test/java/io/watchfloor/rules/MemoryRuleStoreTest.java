package io.watchfloor.rules;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class MemoryRuleStoreTest extends RuleStoreContract {
  @Override
  protected RuleStore create(Vertx vertx) {
    return new MemoryRuleStore();
  }

  /** The embedded store keeps no audit of its own: the admin verticle writes the line to the audit log. */
  @Test
  void theAuditLineIsTheCallersToWrite() {
    assertThat(store.auditsItself()).isFalse();
  }
}
