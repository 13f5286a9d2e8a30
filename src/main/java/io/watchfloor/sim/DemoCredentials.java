package io.watchfloor.sim;

import java.util.Map;

/**
 * The sample district's public demo secrets. config/demo-access.json holds only their hashes and is read
 * only in demo mode; the secrets are here because the simulated units must sign in with them and the
 * banner must print them.
 */
public final class DemoCredentials {
  private DemoCredentials() {
  }

  /** The district's wall: the whole of 长岭区. */
  public static final String DISPLAY_KEY = "demo-display-key";
  /** 许东镇's own wall: a display key scoped to the town, to show what a town's command centre sees. */
  public static final String XUDONG_DISPLAY_KEY = "demo-display-key-xudong";
  /** Each town's own wall, in the order the banner prints them. */
  public static final Map<String, String> TOWN_DISPLAY_KEYS = new java.util.LinkedHashMap<>(Map.of(
      "xudong", XUDONG_DISPLAY_KEY));

  static {
    TOWN_DISPLAY_KEYS.put("chengguan", "demo-display-key-chengguan");
    TOWN_DISPLAY_KEYS.put("shiqiao", "demo-display-key-shiqiao");
  }

  public static final String DUTY_PASSWORD = "duty-demo-pass";
  public static final String ADMIN_PASSWORD = "admin-demo-pass";
  /** 许东镇's duty officer, who acts only on the alerts of the town's subtree. */
  public static final String XUDONG_DUTY = "xudong-duty";
  public static final String XUDONG_DUTY_PASSWORD = "xudong-duty-demo-pass";
  /**
   * The district's second officer, who verifies what the units report back: the one who verifies is never the
   * one who reported, and the simulated loop shows it with a desk of its own (docs/cases.md).
   */
  public static final String CHECK_DUTY = "check-duty";
  public static final String CHECK_DUTY_PASSWORD = "check-duty-demo-pass";
  public static final String CHECKPOINTS_TOKEN = "demo-checkpoints-token";
  public static final String PETITIONS_TOKEN = "demo-petitions-token";
  public static final String SANITATION_TOKEN = "demo-sanitation-token";

  public static final Map<String, String> UNIT_TOKENS = Map.of(
      "demo-checkpoints", CHECKPOINTS_TOKEN,
      "demo-petitions", PETITIONS_TOKEN,
      "demo-sanitation", SANITATION_TOKEN);

  /** The token of the demo unit that posts for a site kind. */
  public static String tokenFor(String siteKind) {
    return switch (siteKind) {
      case "checkpoint" -> CHECKPOINTS_TOKEN;
      case "community" -> PETITIONS_TOKEN;
      case "inspection" -> SANITATION_TOKEN;
      default -> throw new IllegalArgumentException("no demo unit for site kind " + siteKind);
    };
  }
}
