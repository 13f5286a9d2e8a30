package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.util.Optional;

/**
 * The {@code demo} section.
 *
 * @param enabled the demo credentials are accepted (only ever with --demo or WATCHFLOOR_DEMO=true)
 * @param simulate the simulated field units post, and the simulated centre and units run cases
 * @param accessFile the demo credentials, beside the application file
 * @param quietSite the site the simulation leaves silent, so a missing-report alert shows; empty picks one
 * @param cases the simulated closed loop (docs/cases.md#in-the-demo)
 */
public record DemoConfig(boolean enabled, boolean simulate, String accessFile, long tickMs, Optional<String> quietSite,
                         Cases cases) {
  /**
   * @param simulate      the simulated centre and units run cases; off, a test or a trial drives every case itself
   *                      while the simulated units still post (the demo units would otherwise act on its cases)
   * @param tickMs        how often the demo's officers and units look at their cases
   * @param perMinute     cases the demo opens a minute on average (by officers, from alerts, from the field)
   * @param maxOpen       no new case while this many are open, so the demo stays bounded however long it runs
   * @param limitsFile    the demo's time limits (minutes, not days), beside the application file; they replace
   *                      case-limits.json's limits in demo mode, so near due and overdue show within minutes
   */
  public record Cases(boolean simulate, long tickMs, int perMinute, int maxOpen, String limitsFile) {
  }

  static DemoConfig read(ConfigNode demo) {
    return new DemoConfig(Fields.bool(demo, "enabled", false), Fields.bool(demo, "simulate", true),
        Fields.text(demo, "access-file", "demo-access.json"),
        Fields.longInt(demo, "tick-ms", 1000, 10, 600_000),
        Optional.ofNullable(demo.has("quiet-site") ? demo.field("quiet-site").text() : null),
        new Cases(Fields.bool(demo, "simulate-cases", true), Fields.longInt(demo, "case-tick-ms", 2000, 10, 600_000),
            Fields.integer(demo, "cases-per-minute", 6, 0, 600),
            Fields.integer(demo, "max-open-cases", 200, 0, 10_000),
            Fields.text(demo, "case-limits-file", "demo-case-limits.json")));
  }
}
