package io.watchfloor.urge;

import io.vertx.core.Future;
import io.watchfloor.StoreContract;
import io.watchfloor.urge.UrgeStore.Limited;
import io.watchfloor.urge.UrgeStore.Outcome;
import io.watchfloor.urge.UrgeStore.Target;
import io.watchfloor.urge.UrgeStore.Urging;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every 催报 store answers, the same on each: a site is urged at most once within the limit, exactly at its
 * edge again; one request's sites each urged or limited with the time the limit ends; the field page's and the
 * review's reads. Times are to the microsecond, as the verticle gives them and PostgreSQL keeps them.
 */
abstract class UrgeStoreContract extends StoreContract<UrgeStore> {
  static final Instant AT = Instant.parse("2026-12-07T09:30:15.123456Z");
  static final Duration LIMIT = Duration.ofMinutes(10);
  static final Target BIN = new Target("sn-jinpen", "demo-sanitation", "jinpen");
  static final Target DESK = new Target("pd-jinpen", "demo-petitions", "jinpen");
  static final Target FAR = new Target("pd-hekou", null, "hekou");

  UrgeStoreContract() {
    super(UrgeStore::open, UrgeStore::close);
  }

  private Outcome urge(Instant at, Target... targets) {
    return store.urge(List.of(targets), "duty", "请尽快上报", at, LIMIT).await();
  }

  @Test
  void aSiteUrgedWithinTheLimitIsLimitedUntilTheLimitEndsAndUrgedAgainAtItsEdge() {
    Outcome first = urge(AT, BIN, DESK);
    assertThat(first.urged()).extracting(Urging::site).containsExactlyInAnyOrder("sn-jinpen", "pd-jinpen");
    assertThat(first.urged()).allSatisfy(u -> {
      assertThat(u.at()).isEqualTo(AT);
      assertThat(u.by()).isEqualTo("duty");
      assertThat(u.note()).isEqualTo("请尽快上报");
    });
    assertThat(first.limited()).isEmpty();

    Outcome again = urge(AT.plus(Duration.ofMinutes(9)), BIN, FAR);
    assertThat(again.urged()).extracting(Urging::site).containsExactly("pd-hekou");
    assertThat(again.limited()).containsExactly(new Limited("sn-jinpen", AT.plus(LIMIT)));

    Outcome edge = urge(AT.plus(LIMIT), BIN, DESK);
    assertThat(edge.urged()).as("at exactly the limit's end it may be urged again").hasSize(2);
    assertThat(urge(AT.plus(LIMIT).plusSeconds(1), BIN).limited())
        .containsExactly(new Limited("sn-jinpen", AT.plus(LIMIT).plus(LIMIT)));
  }

  @Test
  void aSiteTwiceInOneRequestIsUrgedOnce() {
    Outcome once = urge(AT, BIN, BIN, DESK);
    assertThat(once.urged()).extracting(Urging::site).containsExactlyInAnyOrder("sn-jinpen", "pd-jinpen");
    assertThat(once.limited()).isEmpty();
  }

  @Test
  void theUnitAndAreaOfTheTimeAreKeptAndTheNoteMayBeNone() {
    store.urge(List.of(FAR), "xudong-duty", null, AT, LIMIT).await();
    Urging kept = store.since(List.of("pd-hekou"), AT.minusSeconds(1), 10).await().get(0);
    assertThat(kept.unit()).isNull();
    assertThat(kept.area()).isEqualTo("hekou");
    assertThat(kept.note()).isNull();
    assertThat(kept.by()).isEqualTo("xudong-duty");
  }

  @Test
  void theFieldPageReadsItsSitesAfterAnInstantNewestFirstBounded() {
    urge(AT, BIN);
    urge(AT.plusSeconds(60), DESK);
    urge(AT.plusSeconds(120), FAR);
    assertThat(store.since(List.of("sn-jinpen", "pd-jinpen"), AT.minusSeconds(1), 10).await())
        .extracting(Urging::site).containsExactly("pd-jinpen", "sn-jinpen");
    assertThat(store.since(List.of("sn-jinpen", "pd-jinpen"), AT, 10).await())
        .as("after is exclusive: the page's next after is the newest it has").extracting(Urging::site)
        .containsExactly("pd-jinpen");
    assertThat(store.since(List.of("sn-jinpen", "pd-jinpen", "pd-hekou"), AT.minusSeconds(1), 2).await())
        .extracting(Urging::site).containsExactly("pd-hekou", "pd-jinpen");
    assertThat(store.since(List.of("sn-xijie"), AT.minusSeconds(1), 10).await()).isEmpty();
  }

  @Test
  void theReviewReadsItsAreasDayOldestFirst() {
    urge(AT.minus(Duration.ofDays(1)), BIN);
    urge(AT, DESK);
    urge(AT.plusSeconds(60), FAR);
    urge(AT.plusSeconds(120), BIN);
    Instant from = Instant.parse("2026-12-06T16:00:00Z");
    Instant to = Instant.parse("2026-12-07T16:00:00Z");
    assertThat(store.between(List.of("jinpen", "liangting"), from, to, 100).await()).extracting(Urging::site)
        .containsExactly("pd-jinpen", "sn-jinpen");
    assertThat(store.between(List.of("hekou"), from, to, 100).await()).hasSize(1);
  }

  /** Both ask at once: the stores' own answer to a race is the PostgreSQL test's; here one after the other. */
  @Test
  void twoRequestsForOneSiteUrgeItOnce() {
    Future<Outcome> a = store.urge(List.of(BIN), "duty", null, AT, LIMIT);
    Future<Outcome> b = store.urge(List.of(BIN), "xudong-duty", null, AT, LIMIT);
    Future.all(a, b).await();
    assertThat(a.result().urged().size() + b.result().urged().size()).isEqualTo(1);
    assertThat(a.result().limited().size() + b.result().limited().size()).isEqualTo(1);
  }
}
