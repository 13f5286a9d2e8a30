package io.watchfloor.cases;

import io.vertx.core.json.JsonObject;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What each reader sees of a case (docs/api.md, cases): the full case, and a wall screen's few fields. */
@UnitTest
class CaseJsonTest {
  private static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
  private final CaseMachine machine = new CaseMachine((category, urgency, stage, start) -> start.plus(Duration.ofMinutes(30)));

  private CaseFile dispatched() {
    CaseFile.Subject subject = new CaseFile.Subject("垃圾满溢", "sanitation", "normal", "sn-jinpen", "jinpen", null,
        "村口垃圾桶满溢，张三来电", "officer", "operator:duty", NOON);
    CaseFile opened = machine.open(UUID.randomUUID(), subject, NOON).after();
    return machine.apply(opened, CaseCommand.dispatch(Actor.operator("duty"), "demo-sanitation", "请当天清运"), NOON).after();
  }

  @Test
  void theCaseCarriesItsStageDeadlineAndWhatItsStateAllows() {
    JsonObject json = CaseJson.of(dispatched());
    assertThat(json.getString("state")).isEqualTo("dispatched");
    assertThat(json.getString("stage")).isEqualTo("sign");
    assertThat(json.getString("stageStartedAt")).isEqualTo("2026-12-07T04:00:00Z");
    assertThat(json.getString("dueAt")).isEqualTo("2026-12-07T04:30:00Z");
    assertThat(json.getString("nearDueAt")).isEqualTo("2026-12-07T04:24:00Z");
    assertThat(json.getInteger("version")).isEqualTo(2);
    assertThat(json.getJsonArray("allowed").getList())
        .containsExactly("accept", "return", "extend", "park", "cancel", "supervise", "urge");
    assertThat(json.fieldNames()).contains("id", "title", "category", "urgency", "site", "area", "alert", "description",
        "source", "unit", "openedBy", "openedAt", "updatedAt", "escalatedTo", "supervision", "urges", "reworks",
        "extensions", "returns", "extensionAsked", "parkedFrom", "closedAt");
  }

  @Test
  void aWallScreenGetsCountsAndTitlesNeverNotesNamesOrUnits() {
    JsonObject wall = CaseJson.forWall(CaseJson.of(dispatched()));
    assertThat(wall.fieldNames()).containsExactlyInAnyOrder("id", "title", "category", "urgency", "area", "state",
        "stage", "dueAt", "nearDue", "overdue", "supervision", "escalatedTo");
    assertThat(wall.encode()).doesNotContain("张三", "duty", "demo-sanitation", "sn-jinpen");
  }

  @Test
  void aPhotoIsTakenByItsBytesNotItsName() {
    assertThat(PhotoUpload.mediaType(CaseDesk.jpeg(100, 1).getBytes())).contains("image/jpeg");
    assertThat(PhotoUpload.mediaType(CaseDesk.png(100, 1).getBytes())).contains("image/png");
    assertThat(PhotoUpload.mediaType(CaseDesk.webp(100, 1).getBytes())).contains("image/webp");
    assertThat(PhotoUpload.mediaType("GIF89a and the rest".getBytes())).isEmpty();
    assertThat(PhotoUpload.mediaType(new byte[] {(byte) 0xff, (byte) 0xd8})).isEmpty();
    assertThat(PhotoUpload.mediaType("RIFF....WAVE....".getBytes())).isEmpty();
  }
}
