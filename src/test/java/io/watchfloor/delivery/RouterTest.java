package io.watchfloor.delivery;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.EventKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RouterTest {
  static final Instant T = Instant.parse("2026-11-21T04:00:00Z");
  final Router router = new Router(TestTown.CATALOGUE);

  static Channel channel(String id, String scope, String unit) {
    return new Channel(id, id, ChannelType.WECOM, "http://127.0.0.1/x?key=k", null, Channel.Auth.NONE, null, scope, unit,
        20, null, null, T, "admin");
  }

  static Route route(String channel, String scope, Severity min, EventKind... kinds) {
    return new Route("rt-" + channel + scope, channel, scope, Set.of(kinds), min, T, "admin");
  }

  static JsonObject notice(String area, String severity, String unit) {
    return new JsonObject().put("area", area).put("severity", severity).put("unit", unit);
  }

  List<String> channelsOf(EventKind kind, JsonObject notice, List<Channel> channels, List<Route> routes) {
    return router.messages(new Heard(1, kind.key(), "ref-1", "", T), notice, channels, routes, T).stream()
        .map(Outgoing::channel).toList();
  }

  @Test
  void aRouteTakesItsKindsInItsScopeFromItsSeverityUp() {
    List<Channel> channels = List.of(channel("town", "xudong", null), channel("district", "changling", null));
    List<Route> routes = List.of(route("town", "xudong", null, EventKind.ALERT_FIRED),
        route("district", "changling", Severity.CRITICAL, EventKind.ALERT_FIRED, EventKind.ALERT_ESCALATED));
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("jinpen", "critical", null), channels, routes))
        .containsExactlyInAnyOrder("town", "district");
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("jinpen", "warning", null), channels, routes))
        .as("below the district's minimum").containsExactly("town");
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("xijie", "critical", null), channels, routes))
        .as("another town's village").containsExactly("district");
    assertThat(channelsOf(EventKind.ALERT_RESOLVED, notice("jinpen", "critical", null), channels, routes))
        .as("a kind no route takes").isEmpty();
  }

  @Test
  void aChannelNeverGetsAnEventOutsideItsOwnScopeWhateverItsRouteSays() {
    List<Channel> channels = List.of(channel("chengguan", "chengguan", null));
    List<Route> routes = List.of(route("chengguan", "changling", null, EventKind.ALERT_FIRED));
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("jinpen", "critical", null), channels, routes)).isEmpty();
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("xijie", "critical", null), channels, routes)).containsExactly("chengguan");
  }

  @Test
  void aUnitsOwnChannelGetsItsCasesAndUrgingsWithoutARouteButNotItsAlerts() {
    List<Channel> channels = List.of(channel("unit-group", "xudong", "demo-petitions"), channel("other-unit", "xudong", "demo-sanitation"));
    assertThat(channelsOf(EventKind.CASE_DISPATCHED, notice("jinpen", null, "demo-petitions"), channels, List.of()))
        .containsExactly("unit-group");
    assertThat(channelsOf(EventKind.COMPLIANCE_URGED, notice("jinpen", null, "demo-petitions"), channels, List.of()))
        .containsExactly("unit-group");
    assertThat(channelsOf(EventKind.ALERT_FIRED, notice("jinpen", "critical", "demo-petitions"), channels, List.of())).isEmpty();
  }

  @Test
  void aChannelGetsAnEventOnceHoweverManyRoutesTakeIt() {
    List<Channel> channels = List.of(channel("town", "xudong", "demo-petitions"));
    List<Route> routes = List.of(route("town", "xudong", null, EventKind.CASE_DISPATCHED),
        route("town", "jinpen", null, EventKind.CASE_DISPATCHED));
    List<Outgoing> messages = router.messages(new Heard(1, "case.dispatched", "c-1", "3", T),
        notice("jinpen", null, "demo-petitions"), channels, routes, T);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).key()).isEqualTo("case.dispatched:c-1:3");
  }

  @Test
  void anEventOfAKindWeDoNotKnowGoesNowhere() {
    assertThat(router.messages(new Heard(1, "alert.snoozed", "a", "", T), notice("jinpen", "critical", null),
        List.of(channel("town", "xudong", null)), List.of(route("town", "xudong", null, EventKind.ALERT_FIRED)), T)).isEmpty();
  }
}
