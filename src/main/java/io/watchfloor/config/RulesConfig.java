package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

/**
 * The {@code rules} section's limits on previews: a preview replays today's reports through a rule,
 * so only a few run at once on a node, and one at a time for each admin.
 *
 * @param previewMaxConcurrent previews running at once on the node; one more is refused with 503
 * @param previewPerCaller previews one admin may have running; one more is 429
 */
public record RulesConfig(int previewMaxConcurrent, int previewPerCaller) {
  static RulesConfig read(ConfigNode rules) {
    ConfigNode preview = rules.field("preview");
    return new RulesConfig(Fields.integer(preview, "max-concurrent", 2, 1, 64),
        Fields.integer(preview, "per-caller", 1, 1, 64));
  }
}
