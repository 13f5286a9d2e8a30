package io.watchfloor.bench;

import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid single checkpoint reports, each with a new id. Kept cheap because the generator shares two
 * cores with the server and PostgreSQL: no JSON library, and the timestamp is formatted once a second.
 */
final class ReportBodies {
  private static final String[] SITES = {"cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge"};
  private static final ZoneOffset TOWN_OFFSET = ZoneOffset.ofHours(8);

  private long second = Long.MIN_VALUE;
  private String observedAt;

  Buffer next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int vehicles = 1 + random.nextInt(50);
    int persons = 1 + random.nextInt(120);
    StringBuilder body = new StringBuilder(240)
        .append("{\"id\":\"").append(randomUuid(random))
        .append("\",\"site\":\"").append(SITES[random.nextInt(SITES.length)])
        .append("\",\"observedAt\":\"").append(observedAt())
        .append("\",\"metrics\":{\"vehicles_checked\":").append(vehicles)
        .append(",\"persons_checked\":").append(persons)
        .append(",\"vehicles_turned_back\":").append(random.nextInt(vehicles + 1))
        .append(",\"persons_turned_back\":").append(random.nextInt(persons + 1))
        .append("}}");
    return Buffer.buffer(body.toString());
  }

  private String observedAt() {
    long now = System.currentTimeMillis() / 1000;
    if (now != second) {
      second = now;
      observedAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(now), TOWN_OFFSET)
          .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return observedAt;
  }

  /** A version-4 UUID from a fast generator: uniqueness matters here, unpredictability does not. */
  static UUID randomUuid(ThreadLocalRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
