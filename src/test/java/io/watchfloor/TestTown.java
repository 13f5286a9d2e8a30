package io.watchfloor;

import io.watchfloor.config.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Access;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.CatalogueReader;
import io.watchfloor.domain.ConfigNode;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.IngestPolicy;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.ReportReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The shipped sample town, and reports for it built through the real reader. */
public final class TestTown {
  public static final String CHECKPOINTS = "demo-checkpoints-token";
  public static final String PETITIONS = "demo-petitions-token";
  public static final String SANITATION = "demo-sanitation-token";
  public static final String DISPLAY_KEY = "demo-display-key";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  public static final Catalogue CATALOGUE = CatalogueReader.read(node("town.json"));
  /** What a demo server accepts: the shipped access file with the demo credentials on top. */
  public static final Access ACCESS = Access.read(node("access", Settings.withDemoAccess(
      TestServer.shipped("access.json"), TestServer.shipped("demo-access.json"))), CATALOGUE);

  private TestTown() {
  }

  private static ConfigNode node(String file) {
    return node(file, TestServer.shipped(file));
  }

  private static ConfigNode node(String source, JsonObject json) {
    try {
      return ConfigNode.root(source, MAPPER.readTree(json.encode()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FieldUnit unit(String id) {
    return ACCESS.units().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
  }

  /** A checkpoint report body as a field unit would send it. */
  public static JsonObject checkpointReport(UUID id, OffsetDateTime at, int vehicles, int turnedBack) {
    return new JsonObject().put("id", id.toString()).put("site", "cp-highway-exit")
        .put("observedAt", at.toString())
        .put("metrics", new JsonObject().put("vehicles_checked", vehicles).put("vehicles_turned_back", turnedBack));
  }

  /** The same body, validated into a domain report by the production reader. */
  public static Report report(JsonObject body, Instant now) {
    return report(unit("demo-checkpoints"), body, now);
  }

  private static Report report(FieldUnit unit, JsonObject body, Instant now) {
    try {
      return new ReportReader(CATALOGUE, IngestPolicy.defaults()).read(MAPPER.readTree(body.encode()), unit, now);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo unit that posts for {@code site}. */
  public static FieldUnit unitFor(String site) {
    return ACCESS.units().stream().filter(u -> u.sites().contains(site)).findFirst().orElseThrow();
  }

  /** A body for any site of the sample town. */
  public static JsonObject body(UUID id, String site, String observedAt, JsonObject metrics) {
    return new JsonObject().put("id", id.toString()).put("site", site).put("observedAt", observedAt).put("metrics", metrics);
  }

  /** A report of any site, read by the production reader as if it arrived when it was observed. */
  public static Report reading(UUID id, String site, String observedAt, JsonObject metrics) {
    return report(unitFor(site), body(id, site, observedAt, metrics), OffsetDateTime.parse(observedAt).toInstant());
  }

  public static Report reading(String site, String observedAt, JsonObject metrics) {
    return reading(UUID.randomUUID(), site, observedAt, metrics);
  }
}
