package io.watchfloor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can move, so days can turn over and late windows can pass without waiting. */
public final class MutableClock extends Clock {
  /** The zone of config/town.json. */
  public static final ZoneId TOWN_ZONE = ZoneId.of("Asia/Shanghai");
  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public static MutableClock system() {
    return new MutableClock(Instant.now());
  }

  /**
   * A clock for tests that picture a day shift: now, if it is between 00:30 and 16:30 in the town's
   * zone (so screenshots show true ages), else 09:30 today there. The shipped rules and the reporting
   * schedule have deadlines at 17:00 and 18:00; past them a quiet town rightly shows missing-report
   * alerts and overdue desks, which a test of something else must not depend on the hour to see.
   */
  public static MutableClock onDuty() {
    return new MutableClock(onDutyInstant().toInstant());
  }

  /** The instant {@link #onDuty()} starts at, in the town's zone. */
  public static ZonedDateTime onDutyInstant() {
    ZonedDateTime now = ZonedDateTime.now(TOWN_ZONE).withNano(0);
    LocalTime time = now.toLocalTime();
    return time.isAfter(LocalTime.of(0, 30)) && time.isBefore(LocalTime.of(16, 30)) ? now
        : ZonedDateTime.of(now.toLocalDate(), LocalTime.of(9, 30), TOWN_ZONE);
  }

  public void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    MutableClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
