package io.watchfloor.admin;

import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;

/**
 * A class's one server and the admin API's calls against it, stopped after the class. Each subclass starts
 * its server in its own {@code @BeforeAll} and hands it to {@link #serve}.
 */
abstract class AdminServerBase {
  static TestServer server;
  static AdminCalls api;

  static void serve(TestServer started) {
    server = started;
    api = new AdminCalls(server.client, server.port);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  static String admin() {
    return api.signIn("admin", "admin-demo-pass");
  }
}
