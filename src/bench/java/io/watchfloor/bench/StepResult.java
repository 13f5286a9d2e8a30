package io.watchfloor.bench;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run at a fixed offered rate produced. Latencies are in microseconds, from each request's
 * scheduled send time, so a stalled server shows up as latency rather than as fewer requests.
 */
final class StepResult {
  static final long MAX_LATENCY_US = 3_600_000_000L;

  final double offered;
  final double seconds;
  final Histogram latency = new Histogram(MAX_LATENCY_US, 3);
  final Map<String, Long> other = new TreeMap<>();
  long sent;
  long accepted;
  /** 201s that arrived inside the offered window: the throughput, unaffected by the drain afterwards. */
  long acceptedInWindow;
  /** Still unanswered when the generator gave up waiting; their latency is recorded as a lower bound. */
  long unfinished;
  /** The slowest answer to a request scheduled in each 100 ms of the window, µs; and the window's start, epoch ms. */
  final long[] slotMaxUs;
  long startedAtMillis = Long.MAX_VALUE;
  /** CPU split over the offered window, null when not measured. */
  CpuSampler.Split cpu;

  StepResult(double offered, double seconds) {
    this.offered = offered;
    this.seconds = seconds;
    this.slotMaxUs = new long[(int) Math.ceil(seconds * 10) + 1];
  }

  /** Keeps the slowest answer per 100 ms slot of the scheduled send time, to find when a stall happened. */
  void slot(long scheduledOffsetNanos, long latencyUs) {
    int slot = (int) Math.min(slotMaxUs.length - 1, Math.max(0, scheduledOffsetNanos / 100_000_000));
    slotMaxUs[slot] = Math.max(slotMaxUs[slot], latencyUs);
  }

  /** The 100 ms slots whose slowest answer took longer than {@code thresholdMs}, as wall-clock times. */
  String stalls(long thresholdMs) {
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);
    StringBuilder text = new StringBuilder();
    int count = 0;
    for (int i = 0; i < slotMaxUs.length; i++) {
      if (slotMaxUs[i] > thresholdMs * 1000) {
        count++;
        text.append(String.format(" %s %d ms;", clock.format(Instant.ofEpochMilli(startedAtMillis + i * 100L)),
            slotMaxUs[i] / 1000));
      }
    }
    return count + " of " + slotMaxUs.length + " slots of 100 ms (UTC):" + text;
  }

  static StepResult merge(double offered, double seconds, Iterable<StepResult> parts) {
    StepResult all = new StepResult(offered, seconds);
    for (StepResult part : parts) {
      all.latency.add(part.latency);
      part.other.forEach((k, v) -> all.other.merge(k, v, Long::sum));
      all.sent += part.sent;
      all.accepted += part.accepted;
      all.acceptedInWindow += part.acceptedInWindow;
      all.unfinished += part.unfinished;
      all.startedAtMillis = Math.min(all.startedAtMillis, part.startedAtMillis);
      for (int i = 0; i < Math.min(all.slotMaxUs.length, part.slotMaxUs.length); i++) {
        all.slotMaxUs[i] = Math.max(all.slotMaxUs[i], part.slotMaxUs[i]);
      }
    }
    return all;
  }

  void count(String outcome) {
    other.merge(outcome, 1L, Long::sum);
  }

  double acceptedPerSecond() {
    return acceptedInWindow / seconds;
  }

  double percentileMs(double percentile) {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  long nonAccepted() {
    return other.values().stream().mapToLong(Long::longValue).sum() + unfinished;
  }

  /** DESIGN-independent rule of the search: nearly all of the offered load got in, and in well under a second. */
  boolean sustained() {
    return acceptedPerSecond() >= 0.95 * offered && percentileMs(99) < 1000;
  }

  String otherText() {
    Map<String, Long> all = new TreeMap<>(other);
    if (unfinished > 0) {
      all.put("unanswered", unfinished);
    }
    return all.isEmpty() ? "none" : all.toString();
  }

  String summary() {
    return String.format("offered %,8.0f/s  accepted %,8.0f/s  p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  max %7.1f ms  other %s",
        offered, acceptedPerSecond(), percentileMs(50), percentileMs(99), percentileMs(99.9),
        latency.getMaxValue() / 1000.0, otherText());
  }
}
