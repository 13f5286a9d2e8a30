package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A validated report. {@code localDay} is the jurisdiction's date of {@code observedAt};
 * {@code bodyHash} identifies the content, so a resend can be told from a conflicting reuse of an id.
 */
public record Report(UUID id, String unit, String site, OffsetDateTime observedAt, LocalDate localDay,
                     Instant receivedAt, Map<String, Double> metrics, String note, String bodyHash) {
}
