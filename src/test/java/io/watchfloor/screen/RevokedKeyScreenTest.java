package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A wall screen whose display key an admin revokes says at once that its key is wrong, as for a key never right. */
@BrowserTest
class RevokedKeyScreenTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aRevokedKeysScreenShowsTheWrongKeyNotice() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system(), TestServer.freePort())) {
      Api api = new Api(server);
      String admin = api.signIn("admin", "admin-demo-pass");
      JsonObject created = server.client.post("/api/v1/admin/display-keys").putHeader("Cookie", admin)
          .putHeader("Origin", api.origin()).sendJsonObject(new JsonObject().put("label", "许东镇大厅").put("scope", "xudong"))
          .await().bodyAsJsonObject();
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + created.getString("key"));
      page.awaitLive();

      long start = System.nanoTime();
      assertThat(server.client.delete("/api/v1/admin/display-keys/" + created.getString("id")).putHeader("Cookie", admin)
          .putHeader("Origin", api.origin()).send().await().statusCode()).isEqualTo(204);
      assertThat(Chromium.await(Duration.ofSeconds(5), () -> "notice.badKey".equals(page.notice())))
          .as("notice %s", page.notice()).isTrue();
      System.out.println("the revoked key's screen showed the wrong-key notice after "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.noticeText()).contains("显示密钥无效").contains("Display key not accepted"));
      browser.screenshot(SHOTS.resolve("screen-revoked-key-1920x1080.png"));
      browser.consoleErrors(); // the refused socket and catalogue request are logged; expected here
    }
  }
}
