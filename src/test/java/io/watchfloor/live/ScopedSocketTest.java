package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import io.watchfloor.sim.DemoCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A town's screen while the whole district reports: it sees its own figures and alerts move, and
 * not one byte names a site or an area of another town. A scope outside the key's own is refused.
 */
@PgTest
class ScopedSocketTest {
  private static final Catalogue CATALOGUE = TestTown.CATALOGUE;
  private static final String TOWN = "xudong";
  private static final Map<String, String> TOKEN_BY_KIND = Map.of("checkpoint", TestTown.CHECKPOINTS,
      "community", TestTown.PETITIONS, "inspection", TestTown.SANITATION);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject()
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 100000).put("burst", 100000))),
        MutableClock.onDuty());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject metrics(String kind) {
    return switch (kind) {
      case "checkpoint" -> new JsonObject().put("vehicles_checked", 3);
      case "community" -> new JsonObject().put("petitions_visit", 1).put("group_petitions", 1); // fires group-petition
      default -> new JsonObject().put("score", 80);
    };
  }

  private static long count(Iterable<Site> sites, String kind) {
    long n = 0;
    for (Site site : sites) {
      n += site.kind().equals(kind) ? 1 : 0;
    }
    return n;
  }

  private static long groupPetitionFrames(LiveProbe probe) {
    return probe.ofType("alert").stream().filter(f -> "group-petition".equals(f.getJsonObject("alert").getString("rule")))
        .count();
  }

  @Test
  void aTownsSocketNeverCarriesAnotherTownsSitesOrAreasWhileTheDistrictPosts() {
    try (LiveProbe town = LiveProbe.connect(server, "/api/v1/live?key=" + DemoCredentials.XUDONG_DISPLAY_KEY);
         LiveProbe asked = LiveProbe.connect(server, "/api/v1/live?key=" + TestTown.DISPLAY_KEY + "&scope=" + TOWN);
         LiveProbe district = LiveProbe.connect(server, "/api/v1/live?key=" + TestTown.DISPLAY_KEY)) {
      for (LiveProbe probe : new LiveProbe[] {town, asked, district}) {
        probe.expect("the first snapshot", p -> p.state() != null);
      }
      assertThat(town.state().getString("scope")).as("a town key's default scope").isEqualTo(TOWN);
      assertThat(asked.state().getString("scope")).isEqualTo(TOWN);
      assertThat(district.state().getString("scope")).isEqualTo(CATALOGUE.root().id());

      Api api = new Api(server);
      String at = OffsetDateTime.ofInstant(server.clock.instant(), ZoneOffset.ofHours(8)).toString();
      for (Site site : CATALOGUE.sites()) {
        assertThat(api.postReport(TOKEN_BY_KIND.get(site.kind()), TestTown.body(UUID.randomUUID(), site.id(), at,
            metrics(site.kind()))).statusCode()).isEqualTo(201);
      }
      long allCheckpoints = count(CATALOGUE.sites(), "checkpoint");
      long townCheckpoints = count(CATALOGUE.subtreeSites(TOWN), "checkpoint");
      long allDesks = count(CATALOGUE.sites(), "community");
      long townDesks = count(CATALOGUE.subtreeSites(TOWN), "community");
      assertThat(allDesks).as("other towns post too").isGreaterThan(townDesks);

      district.expect("the district's totals", p -> vehicles(p) == 3 * allCheckpoints);
      district.expect("every desk's alert on the district's screen", p -> groupPetitionFrames(p) == allDesks);
      for (LiveProbe probe : new LiveProbe[] {town, asked}) {
        probe.expect("the town's totals", p -> vehicles(p) == 3 * townCheckpoints);
        probe.expect("the town's alerts in its open list", p -> p.state().getJsonObject("alerts").size() == townDesks);
        probe.expect("the town's alert frames", p -> groupPetitionFrames(p) == townDesks);
      }
      // the district's alerts reached it; give any stray frame for the town a moment to arrive too
      district.expect("the district's open list", p -> p.state().getJsonObject("alerts").size() == allDesks);
      assertThat(town.await(p -> groupPetitionFrames(p) > townDesks, 1)).as("another town's alert frame").isFalse();

      Set<String> outside = outsideTown();
      for (LiveProbe probe : new LiveProbe[] {town, asked}) {
        for (LiveProbe.Frame frame : probe.frames) {
          Set<String> named = new HashSet<>();
          collect(frame.json(), named);
          named.retainAll(outside);
          assertThat(named).as("ids of other towns in a %s frame", frame.json().getString("type")).isEmpty();
        }
        assertThat(probe.ofType("delta")).as("deltas came").isNotEmpty();
      }
    }
  }

  private static long vehicles(LiveProbe probe) {
    return probe.state().getJsonObject("totals").getLong("vehicles_checked", 0L);
  }

  /** Every area and site outside the town's subtree, but for the district above it, which it is part of. */
  private static Set<String> outsideTown() {
    Set<String> outside = new HashSet<>();
    CATALOGUE.areas().forEach(a -> outside.add(a.id()));
    CATALOGUE.sites().forEach(s -> outside.add(s.id()));
    CATALOGUE.subtreeAreas(TOWN).forEach(a -> outside.remove(a.id()));
    CATALOGUE.subtreeSites(TOWN).forEach(s -> outside.remove(s.id()));
    outside.removeAll(CATALOGUE.path(TOWN));
    return outside;
  }

  /** Every key and string value anywhere in the frame. */
  private static void collect(Object json, Set<String> into) {
    if (json instanceof JsonObject object) {
      object.forEach(e -> {
        into.add(e.getKey());
        collect(e.getValue(), into);
      });
    } else if (json instanceof JsonArray array) {
      array.forEach(v -> collect(v, into));
    } else if (json instanceof String text) {
      into.add(text);
    }
  }

  private static HttpResponse<Buffer> handshake(String uri) {
    return server.client.get(uri).putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket")
        .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send().await();
  }

  @Test
  void aScopeOutsideTheKeysOwnIsRefusedAlikeWhetherItExistsOrNot() {
    String key = "/api/v1/live?key=" + DemoCredentials.XUDONG_DISPLAY_KEY + "&scope=";
    String otherTown = CATALOGUE.children(CATALOGUE.root().id()).stream().map(Area::id).filter(id -> !id.equals(TOWN))
        .findFirst().orElseThrow();
    HttpResponse<Buffer> other = handshake(key + otherTown);
    HttpResponse<Buffer> unknown = handshake(key + "no-such-area");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(handshake(key + CATALOGUE.root().id()).statusCode()).as("the district above it").isEqualTo(403);
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.bodyAsString()).as("nothing tells an existing area from none").isEqualTo(other.bodyAsString());

    HttpResponse<Buffer> snapshot = server.client.get("/api/v1/snapshot?key=" + DemoCredentials.XUDONG_DISPLAY_KEY
        + "&scope=" + otherTown).send().await();
    assertThat(snapshot.statusCode()).isEqualTo(403);

    String village = CATALOGUE.children(TOWN).get(0).id();
    try (LiveProbe inside = LiveProbe.connect(server, key + village)) {
      inside.expect("a village's snapshot", p -> p.state() != null);
      assertThat(inside.state().getString("scope")).isEqualTo(village);
      assertThat(inside.state().getJsonObject("areas").fieldNames()).containsExactly(village);
    }
  }
}
