package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.util.Optional;

/**
 * The {@code demo} section.
 *
 * @param enabled the demo credentials are accepted (only ever with --demo or WATCHFLOOR_DEMO=true)
 * @param simulate the simulated field units post
 * @param accessFile the demo credentials, beside the application file
 * @param quietSite the site the simulation leaves silent, so a missing-report alert shows; empty picks one
 */
public record DemoConfig(boolean enabled, boolean simulate, String accessFile, long tickMs, Optional<String> quietSite) {
  static DemoConfig read(ConfigNode demo) {
    return new DemoConfig(Fields.bool(demo, "enabled", false), Fields.bool(demo, "simulate", true),
        Fields.text(demo, "access-file", "demo-access.json"),
        Fields.longInt(demo, "tick-ms", 1000, 10, 600_000),
        Optional.ofNullable(demo.has("quiet-site") ? demo.field("quiet-site").text() : null));
  }
}
