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
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void aDetailsPhotoCarriesWhereItWasTakenOnlyWhenKnownAndAWallScreenNeverSeesPhotos() {
    CaseFile c = dispatched();
    UUID located = UUID.randomUUID();
    UUID plain = UUID.randomUUID();
    CaseStore.Detail detail = new CaseStore.Detail(c, List.of(), List.of(
        new CaseStore.PhotoInfo(located, 2, "image/jpeg", 1000, NOON, 31.2304, 121.4737),
        new CaseStore.PhotoInfo(plain, 2, "image/png", 900, NOON, null, null)));
    JsonObject json = CaseJson.detail(detail, "/api/v1/cases");
    JsonObject first = json.getJsonArray("photos").getJsonObject(0);
    assertThat(first.getDouble("lat")).isEqualTo(31.2304);
    assertThat(first.getDouble("lon")).isEqualTo(121.4737);
    assertThat(first.getString("url")).isEqualTo("/api/v1/cases/" + c.id() + "/photos/" + located);
    assertThat(json.getJsonArray("photos").getJsonObject(1).fieldNames()).doesNotContain("lat", "lon");
    assertThat(CaseJson.forWall(json.getJsonObject("case")).encode()).doesNotContain("31.2304", "photo");
  }

  @Test
  void photoLocationsAreOneAPhotoEachEmptyOrADecimalNumberOfDegrees() {
    List<io.watchfloor.domain.FieldError> errors = new ArrayList<>();
    assertThat(PhotoPlaces.read(List.of("31.2304", "", "-0", "1e-7"), List.of("121.4737", "", "180", "-1.5E1"), 4, errors))
        .containsExactly(new PhotoPlaces.Place(31.2304, 121.4737), PhotoPlaces.Place.NONE,
            new PhotoPlaces.Place(0.0, 180.0), new PhotoPlaces.Place(1e-7, -15.0));
    assertThat(errors).isEmpty();
    assertThat(PhotoPlaces.read(List.of(), List.of(), 3, errors)).as("none sent: no location")
        .containsExactly(PhotoPlaces.Place.NONE, PhotoPlaces.Place.NONE, PhotoPlaces.Place.NONE);
    assertThat(errors).isEmpty();

    PhotoPlaces.read(List.of("-90.0001", "+", ".", "90", " 31.2", "31.2.3"),
        List.of("0", "0", "0", "180.0000001", "0", "0"), 6, errors);
    assertThat(errors).extracting(io.watchfloor.domain.FieldError::field)
        .containsExactly("lat[0]", "lat[1]", "lat[2]", "lon[3]", "lat[4]", "lat[5]");
    errors.clear();
    PhotoPlaces.read(List.of("1".repeat(33)), List.of("0"), 1, errors);
    assertThat(errors).extracting(io.watchfloor.domain.FieldError::field).as("too long to be degrees").containsExactly("lat[0]");
    errors.clear();
    PhotoPlaces.read(List.of(), List.of("121"), 1, errors);
    assertThat(errors).extracting(io.watchfloor.domain.FieldError::field).containsExactly("lat");
  }
}
