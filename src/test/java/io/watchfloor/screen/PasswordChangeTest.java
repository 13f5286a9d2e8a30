package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator whose password an admin set signs in at the console, is sent to choose their own (a weak
 * one is refused on the page), and then works at the console with it.
 */
@BrowserTest
class PasswordChangeTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String TEMPORARY = "v7#Qm2!pLx9&Tz4w";
  private static final String CHOSEN = "Gr8%kW3z@Yq6!nB1";
  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = Chromium.launch(1280, 800, 1, WallScreenTest.OFFLINE);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  private static void type(String id, String text) {
    browser.driver.findElement(By.id(id)).clear();
    browser.driver.findElement(By.id(id)).sendKeys(text);
  }

  @Test
  void anOperatorWithAnAdminsPasswordChoosesTheirOwnBeforeTheConsoleOpens() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system(), TestServer.freePort())) {
      Api api = new Api(server);
      String admin = api.signIn("admin", "admin-demo-pass");
      assertThat(server.client.post("/api/v1/admin/operators").putHeader("Cookie", admin).putHeader("Origin", api.origin())
          .sendJsonObject(new JsonObject().put("username", "night-duty").put("name", "夜班值班员").put("role", "officer")
              .put("scope", "xudong").put("password", TEMPORARY)).await().statusCode()).isEqualTo(201);

      ConsolePage console = new ConsolePage(browser, ScreenPage.origin(server.port));
      console.open("");
      console.signIn("night-duty", TEMPORARY);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> browser.driver.getCurrentUrl().contains("/setup")))
          .as("sent to choose a password; at %s", browser.driver.getCurrentUrl()).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(By.id("title")).getText()).isEqualTo("修改密码"));

      type("username", "night-duty");
      type("current", TEMPORARY);
      type("password", "password1234");
      type("repeat", "password1234");
      browser.driver.findElement(By.id("submit")).click();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> browser.driver.findElement(By.id("error")).isDisplayed()))
          .isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(By.id("error")).getText()).contains("新密码"));
      browser.screenshot(SHOTS.resolve("setup-weak-password-1280x800.png"));

      type("current", TEMPORARY);
      type("password", CHOSEN);
      type("repeat", CHOSEN);
      browser.driver.findElement(By.id("submit")).click();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> browser.driver.findElement(By.id("done")).isDisplayed()))
          .isTrue();
      browser.screenshot(SHOTS.resolve("setup-password-changed-1280x800.png"));

      browser.driver.manage().deleteAllCookies();
      console.open("");
      console.signIn("night-duty", CHOSEN);
      console.awaitLive();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(console.text("#title")).isEqualTo("许东镇 值班台"));
      browser.consoleErrors(); // the refused weak password and the first sign-in's redirect are logged; expected
    }
  }
}
