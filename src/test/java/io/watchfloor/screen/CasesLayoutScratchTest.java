package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.TestServer;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CasePicture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@BrowserTest
class CasesLayoutScratchTest {
  @Test
  void look() {
    try (Chromium browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE); TestServer server = WallScreenTest.demo()) {
      Instant now = server.clock.instant();
      List<CasePicture.Shown> open = new ArrayList<>();
      String[] villages = {"jinpen", "tianjing", "liangting", "jizhen", "xijie", "qingshiling"};
      for (int i = 0; i < 14; i++) {
        String area = villages[i % villages.length];
        boolean overdue = i % 3 == 0;
        Instant due = now.minusSeconds(600L * (i + 1));
        open.add(new CasePicture.Shown("c" + i, area, "handling", i % 3 == 1, overdue, due, 1,
            new JsonObject().put("id", "c" + i).put("title", "垃圾满溢 " + i).put("area", area).put("state", "handling")
                .put("overdue", overdue).put("dueAt", due.toString()).put("supervision", i == 0 ? "red" : null)));
      }
      CasePicture picture = new CasePicture(99, open, Map.of("jinpen", new CasePicture.DayRates(4, 3, 2, 2),
          "xudong", new CasePicture.DayRates(10, 8, 5, 3), "tianjing", new CasePicture.DayRates(3, 1, 1, 0),
          "changling", new CasePicture.DayRates(20, 17, 9, 6)));
      server.vertx.eventBus().publish(Addresses.CASES_PICTURE, picture, Local.only());
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + WallScreenTest.TOWN_KEY);
      page.awaitLive();
      ScreenPage.settle(3000);
      browser.screenshot(WallScreenTest.SHOTS.resolve("scratch-town.png"));
      page.open("?key=" + WallScreenTest.TOWN_KEY + "&lang=en");
      page.awaitLive();
      ScreenPage.settle(3000);
      browser.screenshot(WallScreenTest.SHOTS.resolve("scratch-town-en.png"));
      page.open("?key=demo-display-key");
      page.awaitLive();
      ScreenPage.settle(3000);
      browser.screenshot(WallScreenTest.SHOTS.resolve("scratch-district.png"));
      System.out.println("ERRORS " + browser.consoleErrors());
    }
  }
}
