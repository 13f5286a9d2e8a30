package io.watchfloor;

import io.watchfloor.domain.Access;
import io.watchfloor.domain.Operator;

import io.watchfloor.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad configuration stops the server with a message that names the file and the field. */
@UnitTest
class SettingsTest {
  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void copyShippedConfig() throws IOException {
    vertx = Vertx.vertx();
    for (String file : new String[] {"application.json", "town.json", "access.json", "demo-access.json", "rules.json",
        "case-limits.json", "demo-case-limits.json"}) {
      Files.copy(Path.of("config", file), dir.resolve(file));
    }
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void write(String file, JsonObject json) throws IOException {
    Files.writeString(dir.resolve(file), json.encodePrettily());
  }

  private Settings load() {
    return Settings.load(vertx, dir.resolve("application.json").toString(), false).await();
  }

  @Test
  void theShippedConfigLoads() {
    Settings settings = load();
    assertThat(settings.app().http().port()).isEqualTo(8080);
    assertThat(settings.app().store().kind()).isEqualTo("memory");
    assertThat(settings.demo()).isFalse();
  }

  @Test
  void aSiteInAnUnknownAreaNamesTheTownFileAndTheField() throws IOException {
    JsonObject town = TestServer.shipped("town.json");
    town.getJsonArray("sites").getJsonObject(3).put("area", "atlantis");
    write("town.json", town);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("town.json").hasMessageContaining("sites[3].area").hasMessageContaining("atlantis");
  }

  @Test
  void theTimeLimitFileSeedsTheTableAndAMistakeInItNamesTheFileAndTheRow() throws IOException {
    Settings shipped = load();
    assertThat(shipped.caseTime().limits()).hasSize(13);
    assertThat(shipped.caseTime().days()).as("2026's holidays and 调休 days").hasSize(39);
    JsonObject limits = TestServer.shipped("case-limits.json");
    limits.getJsonArray("limits").getJsonObject(4).put("handle", "4 hrs");
    write("case-limits.json", limits);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("case-limits.json").hasMessageContaining("limits[4].handle");
    limits = TestServer.shipped("case-limits.json");
    limits.getJsonArray("calendar").add(new JsonObject().put("day", "2026-10-01").put("working", true));
    write("case-limits.json", limits);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("calendar[39].day");
    Files.delete(dir.resolve("case-limits.json"));
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("case-limits.json");
  }

  @Test
  void theDemoRunsOnItsOwnMinuteLimitsWithTheFilesCalendarAndAMistakeInThemNamesTheDemoFile() throws IOException {
    Settings demo = Settings.load(vertx, dir.resolve("application.json").toString(), true).await();
    java.time.ZoneId zone = demo.catalogue().jurisdiction().timezone();
    java.time.Instant nine = java.time.Instant.parse("2026-12-07T01:00:00Z");
    assertThat(demo.caseTime().deadlines(zone).dueAt("sanitation", "normal", io.watchfloor.domain.CaseStage.SIGN, nine))
        .as("the demo's 3 minutes, not the sample's 30").isEqualTo(nine.plusSeconds(180));
    assertThat(demo.caseTime().days()).as("the calendar is case-limits.json's").hasSize(39);
    assertThat(load().caseTime().limits()).as("without the demo, the sample limits").hasSize(13);
    JsonObject limits = TestServer.shipped("demo-case-limits.json");
    limits.getJsonArray("limits").getJsonObject(1).put("sign", "2 fortnights");
    write("demo-case-limits.json", limits);
    assertThatThrownBy(() -> Settings.load(vertx, dir.resolve("application.json").toString(), true).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("demo-case-limits.json").hasMessageContaining("limits[1].sign");
    assertThat(load().caseTime().limits()).as("read only in demo mode").hasSize(13);
  }

  @Test
  void aWrongStoreKindNamesTheApplicationFileAndTheField() throws IOException {
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("store").put("kind", "mongo");
    write("application.json", app);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("application.json").hasMessageContaining("store.kind");
  }

  @Test
  void aNegativeRankingListSizeNamesTheField() throws IOException {
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("ranking").put("black-size", -1);
    write("application.json", app);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("application.json").hasMessageContaining("ranking.black-size");
  }

  /** Every key is read into its section's record at start, so a bad value stops the server there, named. */
  @Test
  void aBadValueOfAnyKeyStopsTheStartAndNamesTheField() throws IOException {
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("store").getJsonObject("in-doubt").put("max", 0);
    write("application.json", app);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("application.json").hasMessageContaining("store.in-doubt.max");
    app.getJsonObject("store").getJsonObject("in-doubt").put("max", 100);
    app.getJsonObject("http").put("sign-in", "open");
    write("application.json", app);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("http.sign-in");
    app.getJsonObject("http").remove("sign-in");
    app.getJsonObject("alerts").put("fire-retry-first-ms", "soon");
    write("application.json", app);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("alerts.fire-retry-first-ms");
  }

  @Test
  void aSectionLeftOutTakesItsDefaults() throws IOException {
    JsonObject app = TestServer.shipped("application.json");
    app.remove("live");
    app.getJsonObject("store").remove("group-commit");
    write("application.json", app);
    Settings settings = load();
    assertThat(settings.app().live().deltaIntervalMs()).isEqualTo(250);
    assertThat(settings.app().store().groupCommit().maxQueuedPerUnit()).isEqualTo(1000);
  }

  @Test
  void aPlainTextPasswordIsRefused() throws IOException {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("operators").add(new JsonObject().put("username", "duty").put("name", "值班员")
        .put("role", "officer").put("passwordHash", "duty-demo-pass"));
    write("access.json", access);
    assertThatThrownBy(this::load).hasMessageContaining("access.json").hasMessageContaining("operators[0].passwordHash");
  }

  @Test
  void brokenJsonNamesTheFile() throws IOException {
    Files.writeString(dir.resolve("town.json"), "{\"jurisdiction\": ");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("town.json");
  }

  @Test
  void aMissingFileNamesIt() {
    assertThatThrownBy(() -> Settings.load(vertx, dir.resolve("nope.json").toString(), false).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.json");
  }

  @Test
  void theDemoFlagTurnsTheDemoOn() {
    assertThat(Settings.load(vertx, dir.resolve("application.json").toString(), true).await().demo()).isTrue();
  }

  @Test
  void theDemoCredentialsAreReadOnlyInDemoMode() {
    Access plain = load().access();
    assertThat(plain.operators()).isEmpty();
    assertThat(plain.units()).isEmpty();
    assertThat(plain.displayKeys()).isEmpty();
    Settings demo = Settings.load(vertx, dir.resolve("application.json").toString(), true).await();
    assertThat(demo.access().operators().stream().map(Operator::username)).containsExactly("duty", "admin", "xudong-duty", "check-duty");
    assertThat(demo.access().displayKeys()).hasSize(4);
    assertThat(demo.app().demo().simulate()).as("simulated units by default").isTrue();
  }

  @Test
  void aBadDemoAccessFileNamesItOnlyInDemoMode() throws IOException {
    Files.writeString(dir.resolve("demo-access.json"), "{\"units\": ");
    assertThat(load().demo()).isFalse();
    assertThatThrownBy(() -> Settings.load(vertx, dir.resolve("application.json").toString(), true).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("demo-access.json");
  }

  @Test
  void aRuleOnAnUnknownMetricNamesTheRulesFileAndTheField() throws IOException {
    JsonObject rules = TestServer.shipped("rules.json");
    rules.getJsonArray("rules").getJsonObject(2).put("metric", "cars");
    write("rules.json", rules);
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("rules.json").hasMessageContaining("rules[2].metric");
  }

  @Test
  void aMetricWithMinAboveMaxIsRefused() throws IOException {
    JsonObject town = TestServer.shipped("town.json");
    JsonArray metrics = town.getJsonArray("metrics");
    metrics.getJsonObject(0).put("min", 10).put("max", 5);
    write("town.json", town);
    assertThatThrownBy(this::load).hasMessageContaining("metrics[0].min");
  }
}
