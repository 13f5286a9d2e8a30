package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /health/ready is open to anyone: it says whether the store answers, never where the store is. */
@PgTest
class ReadinessTest {
  @Test
  void aStoreThatCannotBeReachedIsReportedWithoutItsAddress() {
    int closed = TestServer.freePort();
    String url = "postgresql://postgres@127.0.0.1:" + closed + "/wf_test_nowhere";
    try (TestServer server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("open-retry-ms", 200).put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 500))),
        MutableClock.system())) {
      List<Future<HttpResponse<Buffer>>> probes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        probes.add(server.client.get("/health/ready").send());
      }
      for (Future<HttpResponse<Buffer>> probe : probes) {
        HttpResponse<Buffer> ready = probe.await();
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN").put("reason", "store unavailable"));
        assertThat(ready.bodyAsString()).doesNotContain(String.valueOf(closed)).doesNotContain("127.0.0.1")
            .doesNotContain("wf_test_nowhere");
      }
    }
  }
}
