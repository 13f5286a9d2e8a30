package io.watchfloor.delivery;

import io.watchfloor.TestServer;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Label;
import io.watchfloor.domain.Severity;

import java.util.ArrayList;
import java.util.List;

/** Alerts fired straight into a test server's alert verticle, as the rules would fire them, many at once. */
final class Bursts {
  static final AlertRule RULE = new AlertRule("burst-test", AlertRule.Kind.ANY, Severity.CRITICAL,
      new Label("突发测试", "Burst test"), "escalated_petitions", "community", AlertRule.Scope.SITE, null, null, true, 0,
      null, 0, 0);

  private Bursts() {
  }

  /** {@code count} critical alerts on made-up sites {@code <prefix>-1…} in {@code area}, in that order. */
  static void fire(TestServer server, String prefix, String area, int count) {
    List<Firing> firings = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      firings.add(new Firing(RULE, "site", prefix + "-" + i, area, "escalated_petitions = 1"));
    }
    server.vertx.eventBus().send(Addresses.ALERTS_FIRE, new Firings(firings));
  }
}
