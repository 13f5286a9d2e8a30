package io.watchfloor.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.Watchfloor;
import io.watchfloor.alert.AlertConflict;
import io.watchfloor.alert.AlertNotFound;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.store.UnitQueueFull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer's failure reaches the requester as the same type, with its status and Retry-After. */
@UnitTest
class BusFailureTest {
  private final Vertx vertx = Watchfloor.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Throwable failureOf(BusFailure sent) {
    String address = "test.fails." + sent.getClass().getSimpleName();
    vertx.eventBus().consumer(address, message -> message.reply(sent)).completion().await();
    Future<Object> answer = vertx.eventBus().request(address, "anything").map(reply -> (Object) reply);
    return (Throwable) answer.otherwise(e -> e).await();
  }

  @Test
  void storeUnavailableKeepsItsRetryAfter() {
    Throwable failure = failureOf(new StoreUnavailable("the database did not answer", 7, null));
    assertThat(failure).isInstanceOf(StoreUnavailable.class).hasMessage("the database did not answer");
    assertThat(((StoreUnavailable) failure).retryAfterSeconds()).isEqualTo(7);
    assertThat(((StoreUnavailable) failure).status()).isEqualTo(503);
  }

  @Test
  void aUnitOverItsShareIsA429NotA503() {
    Throwable failure = failureOf(new UnitQueueFull("unit 'u' already has 1000 reports waiting"));
    assertThat(failure).isInstanceOf(UnitQueueFull.class);
    assertThat(((BusFailure) failure).status()).isEqualTo(429);
  }

  @Test
  void alertFailuresKeepTheirTypes() {
    assertThat(failureOf(new AlertNotFound("no alert x"))).isInstanceOf(AlertNotFound.class);
    assertThat(failureOf(new AlertConflict("alert x is already resolved"))).isInstanceOf(AlertConflict.class)
        .hasMessage("alert x is already resolved");
  }
}
