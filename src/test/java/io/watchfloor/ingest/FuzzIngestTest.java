package io.watchfloor.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bodies against the ingest endpoint, on both stores: never a 5xx, and the totals
 * and the store move only by what was acknowledged. A fixed corpus of known-nasty bodies runs on every
 * build; the random part prints its seed, so a failure can be replayed with -Dwatchfloor.fuzz.seed=N.
 */
@PgTest
class FuzzIngestTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-0", "1e309", "-1e309",
      "NaN", "Infinity", "0.5", "99999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
      "\"metrics\"", "\"site\"", "\"id\"", "\"observedAt\"", "\"2026-13-45T99:99:99+08:00\"", "{\"a\":1}", "\"\"", " ",
      "\\u0000", "1e-99999999", "1e-9999999999", "0e-99999999", "1e2", "\"note\":\"a\\u0000b\","};
  private static final byte[][] RAW = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}};
  private static final String FUZZ_DATABASE = "wf_test_fuzz";

  /** Bodies that once got past the validator, or could: each must get a clear 4xx or an honest 2xx. */
  static List<String> corpus() {
    OffsetDateTime at = now();
    String valid = TestTown.checkpointReport(UUID.fromString("00000000-0000-4000-8000-000000000001"), at, 2, 0).encode();
    return List.of(
        valid.replace("}}", "},\"note\":\"a\\u0000b\"}"),
        valid.replace("}}", "},\"note\":\"\\ud800\"}"),
        valid.replace("}}", "},\"note\":\"\\udc00\\ud800\"}"),
        valid.replace("}}", "},\"note\":\"ok \\ud83d\\ude00\"}"),
        valid.replace("\"cp-highway-exit\"", "\"cp-highway-exit\\u0000\""),
        valid.replace("\"metrics\"", "\"met\\u0000rics\""),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":1e-99999999"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":1e2"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":2.0"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":1e-9999999999"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":" + "9".repeat(390)),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":-0"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":1e309"),
        valid.replace("\"vehicles_checked\":2", "\"vehicles_checked\":NaN"),
        valid.replace(at.toString(), "+999999999-12-31T23:59:59+08:00"),
        valid.replace(at.toString(), at + "\\u0000"),
        "{\"reports\":[" + valid + "," + valid.replace("}}", "},\"note\":\"\\u0000\"}") + "]}",
        "{\"reports\":[]}",
        "{\"reports\":[" + valid + "," + valid + "]}",
        valid.replace("{\"id\"", "{\"id\":\"x\",\"id\""),
        "[".repeat(40) + "]".repeat(40),
        valid + valid);
  }

  static Stream<String> stores() {
    return Stream.of("memory", "postgres");
  }

  private static TestServer start(String store) {
    JsonObject config = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1_000_000).put("burst", 1_000_000)));
    if (store.equals("postgres")) {
      config.put("store", new JsonObject().put("kind", "postgres")
          .put("pg", new JsonObject().put("url", TestDatabase.fresh(FUZZ_DATABASE)).put("connect-timeout-ms", 1000)));
    }
    return TestServer.start(config, MutableClock.system());
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
  }

  @ParameterizedTest(name = "{0} store")
  @MethodSource("stores")
  void aFixedCorpusAndMutatedBodiesGetOnly4xxOrAnHonestAcknowledgement(String store) {
    long seed = Long.getLong("watchfloor.fuzz.seed", System.nanoTime());
    System.out.println("FuzzIngestTest seed: " + seed + " (" + store + " store; rerun with -Dwatchfloor.fuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    try (TestServer server = start(store)) {
      Ledger ledger = new Ledger(new Api(server), seed);
      for (String body : corpus()) {
        ledger.send("/api/v1/reports" + (body.startsWith("{\"reports\"") ? "/batch" : ""), body.getBytes(StandardCharsets.UTF_8));
      }
      int rounds = store.equals("memory") ? 1500 : 500;
      for (int i = 0; i < rounds; i++) {
        JsonObject valid = TestTown.checkpointReport(UUID.randomUUID(), now(), 1 + random.nextInt(9), 0);
        byte[] body = mutate(valid.encode().getBytes(StandardCharsets.UTF_8), random);
        ledger.send(i % 7 == 0 ? "/api/v1/reports/batch" : "/api/v1/reports", body);
      }
      assertThat(ledger.clientErrors).as("most mutations are refused").isGreaterThan(rounds * 2 / 3);
      assertThat(new Api(server).totals().getLong("vehicles_checked", 0L)).as("seed %d", seed).isEqualTo(ledger.vehicles);
      if (store.equals("postgres")) {
        assertThat(TestDatabase.count(FUZZ_DATABASE, "SELECT count(*) FROM report")).as("seed %d", seed)
            .isEqualTo(ledger.accepted);
      }
    }
  }

  /** What the server acknowledged, so the totals and the store can be held to it. */
  private static final class Ledger {
    private final Api api;
    private final long seed;
    long vehicles;
    long accepted;
    int clientErrors;

    Ledger(Api api, long seed) {
      this.api = api;
      this.seed = seed;
    }

    void send(String path, byte[] body) {
      HttpResponse<Buffer> response = api.postRaw(path, TestTown.CHECKPOINTS, Buffer.buffer(body));
      int status = response.statusCode();
      assertThat(status).as("seed %d, body %s", seed, new String(body, StandardCharsets.UTF_8)).isLessThan(500);
      if (status >= 400) {
        clientErrors++;
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      } else if (status == 201) {
        accepted++;
        vehicles += new JsonObject(Buffer.buffer(body)).getJsonObject("metrics").getLong("vehicles_checked", 0L);
      } else if (status == 200 && response.bodyAsJsonObject().containsKey("results")) {
        accepted += response.bodyAsJsonObject().getInteger("accepted");
        vehicles += acceptedInBatch(body, response.bodyAsJsonObject());
      }
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
