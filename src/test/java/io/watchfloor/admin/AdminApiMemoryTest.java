package io.watchfloor.admin;

import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The admin API on the embedded store the demo uses. */
@PgTest
class AdminApiMemoryTest extends AdminApiContract {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.memory();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  TestServer server() {
    return server;
  }
}
