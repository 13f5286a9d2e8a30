package io.watchfloor.domain;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A family of sites with its reporting schedule: how often a site is expected to report, and the
 * local time by which its daily report is due (一日一报告). Either may be absent.
 */
public record SiteKind(String key, Label label, Duration expectedEvery, LocalTime dailyDeadline) {
}
