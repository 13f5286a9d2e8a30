package io.watchfloor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field set of prometheus/alertmanager v0.34.0's webhook {@code Message} (notify/webhook/webhook.go) with
 * its {@code template.Data} and {@code template.Alert} (template/template.go), and its fingerprint.
 */
@UnitTest
class AlertmanagerPayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ID = UUID.fromString("6f1c2a9e-0000-4000-8000-000000000001");
  private static final Instant FIRST = Instant.parse("2026-12-07T02:01:00Z");
  private static final String LINK = "https://watchfloor.example/console#alert/" + ID;

  private static AlertNotice firing() {
    return new AlertNotice(ID, "water-level-high", "xudong-pump-3", "xudong", "许东镇", Severity.CRITICAL,
        Alert.State.OPEN, FIRST, null, "泵站 3 水位 4.2 m，超警戒 0.4 m", LINK);
  }

  @Test
  void aFiringAlertHasAlertmanagersExactFields() throws Exception {
    JsonNode body = JSON.readTree(AlertmanagerPayload.body("xudong-webhook", "https://watchfloor.example", List.of(firing())));

    assertThat(body.fieldNames()).toIterable().containsExactly("receiver", "status", "alerts", "notification_reason",
        "groupLabels", "commonLabels", "commonAnnotations", "routeLabels", "externalURL", "version", "groupKey",
        "truncatedAlerts");
    assertThat(body.get("version").asText()).isEqualTo("4");
    assertThat(body.get("version").isTextual()).isTrue();
    assertThat(body.get("truncatedAlerts").asInt()).isZero();
    assertThat(body.get("receiver").asText()).isEqualTo("xudong-webhook");
    assertThat(body.get("status").asText()).isEqualTo("firing");
    assertThat(body.get("notification_reason").asText()).isEqualTo("first notification");
    assertThat(body.get("externalURL").asText()).isEqualTo("https://watchfloor.example");
    assertThat(body.get("routeLabels").isEmpty()).isTrue();
    Map<String, String> labels = Map.of("alertname", "water-level-high", "severity", "critical",
        "site", "xudong-pump-3", "area", "xudong");
    assertThat(JSON.convertValue(body.get("commonLabels"), Map.class)).isEqualTo(labels);
    assertThat(JSON.convertValue(body.get("groupLabels"), Map.class)).isEqualTo(labels);
    assertThat(body.get("groupKey").asText())
        .isEqualTo("{}:{alertname=\"water-level-high\", area=\"xudong\", severity=\"critical\", site=\"xudong-pump-3\"}");

    JsonNode alert = body.get("alerts").get(0);
    assertThat(body.get("alerts")).hasSize(1);
    assertThat(alert.fieldNames()).toIterable()
        .containsExactly("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.get("labels").fieldNames()).toIterable().containsExactly("alertname", "area", "severity", "site");
    assertThat(JSON.convertValue(alert.get("annotations"), Map.class)).isEqualTo(Map.of(
        "summary", "泵站 3 水位 4.2 m，超警戒 0.4 m", "area_name", "许东镇", "alert_id", ID.toString()));
    assertThat(alert.get("startsAt").asText()).isEqualTo("2026-12-07T02:01:00Z");
    assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.get("generatorURL").asText()).isEqualTo(LINK);
    assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}")
        .isEqualTo(AlertmanagerPayload.fingerprint(labels));
  }

  @Test
  void aResolvedAlertEndsWhenItWasResolvedAndKeepsItsFingerprint() throws Exception {
    AlertNotice open = firing();
    AlertNotice resolved = new AlertNotice(ID, open.rule(), open.site(), open.area(), open.areaName(), open.severity(),
        Alert.State.RESOLVED, FIRST, Instant.parse("2026-12-07T03:15:30.120Z"), open.summary(), LINK);
    JsonNode body = JSON.readTree(AlertmanagerPayload.body("r", "https://watchfloor.example", List.of(resolved)));

    assertThat(body.get("status").asText()).isEqualTo("resolved");
    assertThat(body.get("notification_reason").asText()).isEqualTo("all alerts resolved");
    JsonNode alert = body.get("alerts").get(0);
    assertThat(alert.get("status").asText()).isEqualTo("resolved");
    assertThat(alert.get("endsAt").asText()).isEqualTo("2026-12-07T03:15:30.12Z");
    assertThat(alert.get("fingerprint").asText()).isEqualTo(AlertmanagerPayload.fingerprint(open.labels()));
  }

  @Test
  void severalAlertsShareOnlyWhatTheyHaveInCommon() throws Exception {
    AlertNotice other = new AlertNotice(UUID.randomUUID(), "water-level-high", "xudong-pump-5", "xudong", "许东镇",
        Severity.CRITICAL, Alert.State.OPEN, FIRST.plusSeconds(30), null, "泵站 5 水位超警", LINK);
    JsonNode body = JSON.readTree(AlertmanagerPayload.body("r", "https://watchfloor.example", List.of(firing(), other)));

    assertThat(body.get("alerts")).hasSize(2);
    assertThat(JSON.convertValue(body.get("commonLabels"), Map.class))
        .isEqualTo(Map.of("alertname", "water-level-high", "severity", "critical", "area", "xudong"));
    assertThat(JSON.convertValue(body.get("commonAnnotations"), Map.class)).isEqualTo(Map.of("area_name", "许东镇"));
    assertThat(body.get("groupKey").asText())
        .isEqualTo("{}:{alertname=\"water-level-high\", area=\"xudong\", severity=\"critical\"}");
    assertThat(body.get("alerts").get(0).get("fingerprint").asText())
        .isNotEqualTo(body.get("alerts").get(1).get("fingerprint").asText());
  }

  /** prometheus/common model/signature_test.go: TestMetricToFingerprint and BenchmarkMetricToFingerprintSingle. */
  @Test
  void theFingerprintIsPrometheusFnvOfTheLabels() {
    assertThat(AlertmanagerPayload.fingerprint(Map.of())).isEqualTo(String.format("%016x", Long.parseUnsignedLong("14695981039346656037")));
    assertThat(AlertmanagerPayload.fingerprint(Map.of("name", "garland, briggs", "fear", "love is not enough")))
        .isEqualTo(String.format("%016x", Long.parseUnsignedLong("5799056148416392346")));
    assertThat(AlertmanagerPayload.fingerprint(Map.of("first-label", "first-label-value")))
        .isEqualTo(String.format("%016x", Long.parseUnsignedLong("5146282821936882169")));
  }

  @Test
  void theReceiverIsRegexEscapedAsAlertmanagerEscapesIt() throws Exception {
    JsonNode body = JSON.readTree(AlertmanagerPayload.body("xudong.ops (24h)", "https://watchfloor.example", List.of(firing())));

    assertThat(body.get("receiver").asText()).isEqualTo("xudong\\.ops \\(24h\\)");
  }

  @Test
  void timesAreGoRfc3339WithTheFractionTrimmed() {
    assertThat(AlertmanagerPayload.rfc3339(Instant.parse("2026-12-07T02:01:00Z"))).isEqualTo("2026-12-07T02:01:00Z");
    assertThat(AlertmanagerPayload.rfc3339(Instant.parse("2026-12-07T02:01:00.500Z"))).isEqualTo("2026-12-07T02:01:00.5Z");
    assertThat(AlertmanagerPayload.rfc3339(Instant.parse("2026-12-07T02:01:00.000000001Z")))
        .isEqualTo("2026-12-07T02:01:00.000000001Z");
  }

  @Test
  void labelValuesAreQuotedAsGoQuotesThem() {
    assertThat(AlertmanagerPayload.labelSet(Map.of("b", "say \"hi\"\n", "a", "许东镇")))
        .isEqualTo("{a=\"许东镇\", b=\"say \\\"hi\\\"\\n\"}");
  }
}
