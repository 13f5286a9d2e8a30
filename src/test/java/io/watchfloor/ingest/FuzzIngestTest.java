package io.watchfloor.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bodies against the ingest endpoint: never a 5xx, and the totals move only by
 * what was acknowledged with 201. The seed is printed, so a failure can be replayed.
 */
class FuzzIngestTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-0", "1e309", "-1e309",
      "NaN", "Infinity", "0.5", "99999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
      "\"metrics\"", "\"site\"", "\"id\"", "\"observedAt\"", "\"2026-13-45T99:99:99+08:00\"", "{\"a\":1}", "\"\"", " "};
  private static final byte[][] RAW = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}};

  @Test
  void mutatedBodiesGetOnly4xxOrAnHonestAcknowledgement() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("FuzzIngestTest seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    JsonObject rates = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1_000_000).put("burst", 1_000_000)));
    try (TestServer server = TestServer.start(rates, MutableClock.system())) {
      Api api = new Api(server);
      long expected = api.totals().getLong("vehicles_checked", 0L);
      int clientErrors = 0;
      for (int i = 0; i < 1500; i++) {
        JsonObject valid = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0),
            1 + random.nextInt(9), 0);
        byte[] body = mutate(valid.encode().getBytes(StandardCharsets.UTF_8), random);
        HttpResponse<Buffer> response = api.postRaw(i % 7 == 0 ? "/api/v1/reports/batch" : "/api/v1/reports",
            TestTown.CHECKPOINTS, Buffer.buffer(body));
        int status = response.statusCode();
        assertThat(status).as("seed %d, body %s", seed, new String(body, StandardCharsets.UTF_8)).isLessThan(500);
        if (status >= 400) {
          clientErrors++;
          assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        } else if (status == 201) {
          expected += new JsonObject(Buffer.buffer(body)).getJsonObject("metrics").getLong("vehicles_checked", 0L);
        } else if (status == 200 && response.bodyAsJsonObject().containsKey("results")) {
          expected += acceptedInBatch(body, response.bodyAsJsonObject());
        }
      }
      assertThat(clientErrors).as("most mutations are refused").isGreaterThan(1000);
      assertThat(api.totals().getLong("vehicles_checked", 0L)).isEqualTo(expected);
    }
  }

  private static long acceptedInBatch(byte[] body, JsonObject answer) {
    var items = new JsonObject(Buffer.buffer(body)).getJsonArray("reports");
    long sum = 0;
    for (int i = 0; i < items.size(); i++) {
      if ("accepted".equals(answer.getJsonArray("results").getJsonObject(i).getString("status"))) {
        sum += items.getJsonObject(i).getJsonObject("metrics").getLong("vehicles_checked", 0L);
      }
    }
    return sum;
  }

  private static byte[] mutate(byte[] body, Random random) {
    int mutations = 1 + random.nextInt(3);
    byte[] current = body;
    for (int m = 0; m < mutations; m++) {
      current = switch (random.nextInt(7)) {
        case 0 -> flip(current, random);
        case 1 -> cut(current, random);
        case 2 -> insert(current, random, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
        case 3 -> insert(current, random, RAW[random.nextInt(RAW.length)]);
        case 4 -> ("{\"reports\":[" + new String(current, StandardCharsets.UTF_8) + "]}").getBytes(StandardCharsets.UTF_8);
        case 5 -> randomBytes(random);
        default -> insert(current, random, current.length == 0 ? new byte[0]
            : java.util.Arrays.copyOfRange(current, 0, random.nextInt(current.length)));
      };
    }
    return current;
  }

  private static byte[] flip(byte[] body, Random random) {
    byte[] copy = body.clone();
    if (copy.length > 0) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] cut(byte[] body, Random random) {
    if (body.length < 2) {
      return body;
    }
    int from = random.nextInt(body.length);
    int to = Math.min(body.length, from + 1 + random.nextInt(20));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, from);
    out.write(body, to, body.length - to);
    return out.toByteArray();
  }

  private static byte[] insert(byte[] body, Random random, byte[] piece) {
    int at = body.length == 0 ? 0 : random.nextInt(body.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, at);
    out.write(piece, 0, piece.length);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }
}
