package io.watchfloor.domain;

import java.time.Instant;
import java.util.UUID;

/** One line of an alert's audit trail: fired, escalated, acknowledged or resolved. */
public record AlertEvent(UUID alertId, Instant at, String actor, String action, String note) {
}
