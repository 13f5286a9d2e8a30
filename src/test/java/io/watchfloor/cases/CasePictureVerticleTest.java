package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.Watchfloor;
import io.watchfloor.bus.Addresses;
import io.watchfloor.cases.CaseMessages.ListRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's picture of the open cases on a Vertx of its own, with a stand-in for the case verticle's list
 * that stops at its limit as the real one does: the picture loads every open case however many, follows
 * the changes every node publishes, and heals from the list what a lost publish left behind.
 */
@UnitTest
class CasePictureVerticleTest {
  private static final int LIMIT = 3;
  private Vertx vertx;
  /** What the store holds, by id; the stand-in lists its open cases. */
  private final Map<String, JsonObject> stored = new ConcurrentHashMap<>();
  private final AtomicReference<CasePicture> picture = new AtomicReference<>();
  private final AtomicInteger lists = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Watchfloor.registerMessages(vertx);
    vertx.eventBus().<ListRequest>localConsumer(Addresses.CASES_LIST, m -> {
      lists.incrementAndGet();
      CaseStore.Filter filter = m.body().filter();
      JsonArray answer = new JsonArray();
      stored.values().stream()
          .filter(c -> !"closed".equals(c.getString("state")) && filter.areas().contains(c.getString("area")))
          .limit(Math.min(filter.limit(), LIMIT)).forEach(answer::add);
      m.reply(answer);
    }).completion().await();
    vertx.eventBus().<CasePicture>localConsumer(Addresses.CASES_PICTURE, m -> picture.set(m.body())).completion().await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private void deploy(long reloadMs) {
    vertx.deployVerticle(new CasePictureVerticle(MutableClock.onDuty(), TestTown.CATALOGUE, 1000, LIMIT, reloadMs)).await();
  }

  private static JsonObject kase(String id, String area, String state, int version, boolean overdue) {
    return new JsonObject().put("id", id).put("title", "case " + id).put("area", area).put("state", state)
        .put("version", version).put("overdue", overdue).put("nearDue", false).put("description", "not for walls")
        .put("dueAt", "2026-12-06T01:00:00Z");
  }

  private void store(JsonObject c) {
    stored.put(c.getString("id"), c);
  }

  private int open(String area) {
    CasePicture p = picture.get();
    return p == null ? -1 : p.byArea().getOrDefault(area, CasePicture.Counts.ZERO).open();
  }

  private void await(String what, java.util.concurrent.Callable<Boolean> condition) {
    Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(condition);
  }

  @Test
  void everyOpenCaseIsLoadedThoughOneListStopsAtItsLimit() {
    // the town's part holds 4 open cases, over the limit of 3: it is read again village by village
    for (int i = 0; i < 2; i++) {
      store(kase("j" + i, "jinpen", "handling", 2, i == 0));
      store(kase("t" + i, "tianjing", "dispatched", 1, false));
    }
    store(kase("x0", "xijie", "handling", 1, false));
    store(kase("closed", "jinpen", "closed", 5, false));
    deploy(60_000);
    await("the first picture", () -> picture.get() != null && picture.get().size() == 5);
    assertThat(open("jinpen")).isEqualTo(2);
    assertThat(open("tianjing")).isEqualTo(2);
    assertThat(picture.get().overdue()).extracting(CasePicture.Shown::id).containsExactly("j0");
    assertThat(picture.get().overdue().get(0).wall().containsKey("description")).isFalse();
  }

  @Test
  void aPublishedChangeShowsAndAnOlderOneDoesNot() {
    store(kase("a", "jinpen", "dispatched", 2, false));
    deploy(60_000);
    await("loaded", () -> open("jinpen") == 1);
    long before = picture.get().version();
    vertx.eventBus().publish(Addresses.CASES_CHANGED, kase("b", "tianjing", "new", 1, false));
    vertx.eventBus().publish(Addresses.CASES_CHANGED, kase("a", "jinpen", "dispatched", 3, true));
    vertx.eventBus().publish(Addresses.CASES_CHANGED, kase("a", "jinpen", "dispatched", 2, false));
    await("both changes in one picture", () -> open("tianjing") == 1 && picture.get().overdue().size() == 1);
    assertThat(picture.get().version()).as("coalesced into one picture").isEqualTo(before + 1);
    vertx.eventBus().publish(Addresses.CASES_CHANGED, kase("a", "jinpen", "closed", 4, false));
    await("the closed case gone", () -> open("jinpen") == 0);
  }

  @Test
  void aLostPublishIsHealedByTheNextReload() {
    store(kase("a", "jinpen", "handling", 2, false));
    deploy(300);
    await("loaded", () -> open("jinpen") == 1);
    store(kase("a", "jinpen", "closed", 3, false)); // closed on a node that died before publishing it
    store(kase("b", "tianjing", "handling", 2, true)); // opened there too
    await("healed", () -> open("jinpen") == 0 && open("tianjing") == 1);
    assertThat(lists.get()).isGreaterThan(4);
  }

  @Test
  void anAreaWithMoreOpenCasesThanOneListKeepsWhatWasHeardOfIt() {
    for (int i = 0; i < 4; i++) {
      store(kase("j" + i, "jinpen", "handling", 2, false));
    }
    deploy(300);
    await("what one list gives", () -> open("jinpen") == LIMIT);
    vertx.eventBus().publish(Addresses.CASES_CHANGED, kase("heard", "jinpen", "new", 1, false));
    await("a case heard of", () -> open("jinpen") == LIMIT + 1);
    int lists = this.lists.get();
    await("two reloads later", () -> this.lists.get() > lists + 4);
    assertThat(open("jinpen")).as("not dropped: the list could not say it was closed").isEqualTo(LIMIT + 1);
  }

  @Test
  void todaysRatesAreTheCaseFiguresOfTheDayPerArea() {
    vertx.eventBus().<CaseMessages.StatsRequest>localConsumer(Addresses.CASES_STATS, m -> {
      assertThat(m.body().scope()).isEqualTo(TestTown.CATALOGUE.root().id());
      assertThat(m.body().by()).isEqualTo("area");
      m.reply(new JsonObject().put("figures", new JsonObject()
          .put("xudong", new JsonObject().put("signed", 4).put("signedOnTime", 3).put("closed", 2).put("closedOnTime", 1))
          .put("shiqiao", new JsonObject().put("signed", 0).put("signedOnTime", 0).put("closed", 0).put("closedOnTime", 0))));
    }).completion().await();
    store(kase("a", "jinpen", "handling", 2, false));
    deploy(60_000);
    await("the day's rates in the picture", () -> picture.get() != null && picture.get().today("xudong").signed() == 4);
    assertThat(picture.get().today("xudong").signedRate()).isEqualTo(0.75);
    assertThat(picture.get().today("xudong").closedRate()).isEqualTo(0.5);
    assertThat(picture.get().today("shiqiao").signedRate()).as("nothing signed for: no rate").isNull();
    assertThat(picture.get().today("chengguan")).isEqualTo(CasePicture.DayRates.NONE);
  }

  @Test
  void withoutACaseVerticleYetItAsksAgainUntilOneAnswers() {
    vertx.close().await();
    vertx = Vertx.vertx();
    Watchfloor.registerMessages(vertx);
    vertx.eventBus().<CasePicture>localConsumer(Addresses.CASES_PICTURE, m -> picture.set(m.body())).completion().await();
    store(kase("a", "jinpen", "handling", 2, false));
    deploy(60_000);
    vertx.eventBus().<ListRequest>localConsumer(Addresses.CASES_LIST, m -> {
      JsonArray answer = new JsonArray();
      stored.values().stream().filter(c -> m.body().filter().areas().contains(c.getString("area"))).forEach(answer::add);
      m.reply(answer);
    }).completion().await();
    await("loaded once the case verticle answers", () -> open("jinpen") == 1);
  }
}
