package io.watchfloor;

import io.watchfloor.cluster.ClusterInfo;
import io.watchfloor.config.Settings;
import io.watchfloor.sim.DemoCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an admin needs to see at start: where to point a browser, and loud warnings about demo settings. */
final class Banner {
  private static final Logger LOG = LoggerFactory.getLogger(Banner.class);

  private Banner() {
  }

  private static String townWalls(String base) {
    StringBuilder walls = new StringBuilder();
    DemoCredentials.TOWN_DISPLAY_KEYS.forEach((town, key) -> walls.append(String.format("  wall %-9s %s/?key=%s%n",
        town, base, key)));
    return walls.toString();
  }

  static void print(Settings settings, ClusterInfo cluster, long startMillis) {
    String base = "http://localhost:" + settings.app().http().port();
    String store = settings.app().store().kind();
    StringBuilder text = new StringBuilder()
        .append("\n  Watchfloor is ready in ").append(startMillis).append(" ms (store: ").append(store).append(")\n")
        .append("  wall screen   ").append(base).append("/?key=").append(settings.demo() ? DemoCredentials.DISPLAY_KEY : "<display key>").append('\n')
        .append(settings.demo() ? townWalls(base) : "")
        .append("  duty console  ").append(base).append("/console\n")
        .append("  field report  ").append(base).append("/report\n")
        .append("  health        ").append(base).append("/health/ready   metrics ").append(base).append("/metrics\n");
    if (cluster.clustered()) {
      int members = cluster.members().size();
      text.append("  cluster       member ").append(settings.app().cluster().address()).append(" of ").append(members)
          .append(members == 1 ? " member" : " members").append(" (node ").append(cluster.nodeId()).append(")\n");
    }
    if (settings.demo()) {
      text.append("\n  WARNING: demo mode. These credentials are public; never use them on a real network.\n")
          .append("    operators  duty / ").append(DemoCredentials.DUTY_PASSWORD).append(" (officer), admin / ")
          .append(DemoCredentials.ADMIN_PASSWORD).append(" (admin), ").append(DemoCredentials.XUDONG_DUTY).append(" / ")
          .append(DemoCredentials.XUDONG_DUTY_PASSWORD).append(" (officer, scope xudong), ")
          .append(DemoCredentials.CHECK_DUTY).append(" / ").append(DemoCredentials.CHECK_DUTY_PASSWORD)
          .append(" (officer, verifies the demo's cases)\n");
      DemoCredentials.UNIT_TOKENS.forEach((unit, token) ->
          text.append("    unit       ").append(unit).append("  token ").append(token).append('\n'));
      text.append("    display    key ").append(DemoCredentials.DISPLAY_KEY).append(" (district); each town's: ")
          .append(String.join(", ", DemoCredentials.TOWN_DISPLAY_KEYS.values())).append('\n');
      if (!settings.app().demo().simulate()) {
        text.append("    simulated field units are off (WATCHFLOOR_DEMO_SIMULATE=false)\n");
      }
    }
    if (store.equals("memory")) {
      text.append("\n  WARNING: the embedded store keeps nothing across restarts. Use WATCHFLOOR_STORE=postgres for real use.\n");
    }
    LOG.info(text.toString());
  }
}
