package io.watchfloor.alert;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Migrator;
import io.watchfloor.storage.PgPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.watchfloor.alert.AlertStoreContract.CRITICAL;
import static io.watchfloor.alert.AlertStoreContract.T0;
import static io.watchfloor.alert.AlertStoreContract.firing;
import static org.assertj.core.api.Assertions.assertThat;

/** Causes counted before migration V15 (three text columns) still count once after it (one key). */
@PgTest
class CauseKeyMigrationTest {
  private static final String DATABASE = "wf_test_cause_keys";
  private static final String OLD_CLAIM = "INSERT INTO alert_firing (rule, subject, cause, at) VALUES ('%s', '%s', '%s', '%s')";

  private Vertx vertx;
  private PgPools pools;
  private Pool migrations;
  private PgAlertStore store;

  @BeforeEach
  void database() {
    vertx = Vertx.vertx();
    pools = new PgPools(vertx, StoreConfig.Pg.of(new JsonObject().put("url", TestDatabase.fresh(DATABASE))));
    pools.ensureDatabase().await();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close().await();
    }
    if (migrations != null) {
      migrations.close().await();
    }
    vertx.close().await();
  }

  @Test
  void aCauseCountedBeforeTheMigrationIsNotCountedAgainAfterIt() {
    migrations = pools.commits();
    new Migrator(vertx, migrations).migrateUpTo(14).await();
    String report = UUID.randomUUID().toString();
    migrations.query(OLD_CLAIM.formatted(CRITICAL.id(), "pd-jinpen", report, T0)).execute().await();
    migrations.query(OLD_CLAIM.formatted(CRITICAL.id(), "pd-jinpen", "2026-11-20", T0)).execute().await();
    migrations.query(OLD_CLAIM.formatted("rule-of-a-town", "金盆村", report, T0)).execute().await();

    new Migrator(vertx, migrations).migrate().await();

    Set<UUID> keys = new HashSet<>();
    migrations.query("SELECT key FROM alert_cause").execute().await().forEach((Row row) -> keys.add(row.getUUID("key")));
    assertThat(keys).containsExactlyInAnyOrder(CauseKeys.of(CRITICAL.id(), "pd-jinpen", report),
        CauseKeys.of(CRITICAL.id(), "pd-jinpen", "2026-11-20"), CauseKeys.of("rule-of-a-town", "金盆村", report));

    store = new PgAlertStore(pools);
    store.open().await();
    Instant later = T0.plusSeconds(10);
    assertThat(store.fireAll(List.of(firing(CRITICAL, "pd-jinpen").because(report)), later).await())
        .as("a resend of a firing counted before the upgrade changes nothing").isEmpty();
    List<AlertStore.Fired> fresh = store.fireAll(List.of(firing(CRITICAL, "pd-jinpen").because(report),
        firing(CRITICAL, "pd-jinpen").because(UUID.randomUUID().toString())), later).await();
    assertThat(fresh).hasSize(1);
    assertThat(fresh.get(0).created()).isTrue();
    assertThat(fresh.get(0).alert().count()).as("only the new cause counts").isEqualTo(1);
  }
}
