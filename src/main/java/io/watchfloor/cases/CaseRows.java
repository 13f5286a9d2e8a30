package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseFile.Clock;
import io.watchfloor.domain.CaseFile.ExtensionAsk;
import io.watchfloor.domain.CaseFile.Subject;
import io.watchfloor.domain.CaseFile.Tally;
import io.watchfloor.domain.CaseStage;
import io.watchfloor.domain.CaseState;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** A case, its trail lines and photos as {@link CaseQueries}' parameters and rows, column for column. */
final class CaseRows {
  private CaseRows() {
  }

  /** {@link CaseQueries#INSERT}'s parameters. */
  static Tuple insert(CaseFile f) {
    Subject s = f.subject();
    List<Object> values = new ArrayList<>(Arrays.asList(f.id(), s.title(), s.category(), s.urgency(), s.site(),
        s.area(), s.alert(), s.description(), s.source(), s.openedBy(), utc(s.openedAt())));
    values.addAll(standing(f));
    return Tuple.wrap(values);
  }

  /** {@link CaseQueries#UPDATE}'s parameters: the case after the step, written over {@code overVersion}. */
  static Tuple update(CaseFile f, int overVersion) {
    List<Object> values = new ArrayList<>();
    values.add(f.id());
    values.addAll(standing(f));
    values.add(overVersion);
    return Tuple.wrap(values);
  }

  private static List<Object> standing(CaseFile f) {
    Clock c = f.clock();
    ExtensionAsk ask = f.extensionAsked();
    Tally t = f.tally();
    return Arrays.asList(f.state().key(), f.unit(), c.stage() == null ? null : c.stage().key(), utc(c.startedAt()),
        utc(c.dueAt()), utc(c.nearDueAt()), c.nearDue(), c.overdue(), c.escalatedTo(), utc(c.escalatedAt()),
        f.supervision(), ask == null ? null : utc(ask.until()), ask == null ? null : ask.reason(),
        ask == null ? null : ask.by(), ask == null ? null : utc(ask.at()),
        f.parkedFrom() == null ? null : f.parkedFrom().key(), f.reportedBy(), utc(f.closedAt()), t.urges(), t.reworks(),
        t.extensions(), t.returns(), t.signedOnTime(), t.handledOnTime(), t.everOverdue(), f.version(),
        utc(f.updatedAt()));
  }

  static List<CaseFile> files(RowSet<Row> rows) {
    List<CaseFile> files = new ArrayList<>();
    rows.forEach(r -> files.add(file(r)));
    return files;
  }

  static CaseFile file(Row r) {
    Subject subject = new Subject(r.getString("title"), r.getString("category"), r.getString("urgency"),
        r.getString("site"), r.getString("area"), r.getUUID("alert"), r.getString("description"), r.getString("source"),
        r.getString("opened_by"), instant(r, "opened_at"));
    String stage = r.getString("stage");
    Clock clock = new Clock(stage == null ? null : CaseStage.valueOf(stage.toUpperCase(Locale.ROOT)),
        instant(r, "stage_started_at"), instant(r, "due_at"), r.getBoolean("near_due"), r.getBoolean("overdue"),
        r.getString("escalated_to"), instant(r, "escalated_at"));
    ExtensionAsk ask = r.getString("ext_by") == null ? null
        : new ExtensionAsk(instant(r, "ext_until"), r.getString("ext_reason"), r.getString("ext_by"), instant(r, "ext_at"));
    Tally tally = new Tally(r.getInteger("urges"), r.getInteger("reworks"), r.getInteger("extensions"),
        r.getInteger("returns"), r.getBoolean("signed_on_time"), r.getBoolean("handled_on_time"),
        r.getBoolean("ever_overdue"));
    return new CaseFile(r.getUUID("id"), subject, state(r.getString("state")), r.getString("unit"), clock,
        r.getString("supervision"), ask, state(r.getString("parked_from")), r.getString("reported_by"),
        instant(r, "closed_at"), tally, r.getInteger("version"), instant(r, "updated_at"));
  }

  static Tuple event(CaseEvent e) {
    return Tuple.wrap(Arrays.asList(e.caseId(), e.seq(), e.action().key(), e.by(), utc(e.at()),
        e.from() == null ? null : e.from().key(), e.to().key(), e.note(), new JsonObject(e.detail())));
  }

  static List<CaseEvent> events(RowSet<Row> rows) {
    List<CaseEvent> events = new ArrayList<>();
    rows.forEach(r -> events.add(new CaseEvent(r.getUUID("case_id"), r.getInteger("seq"),
        CaseAction.of(r.getString("action")).orElseThrow(), r.getString("by"), instant(r, "at"),
        state(r.getString("from_state")), state(r.getString("to_state")), r.getString("note"),
        r.getJsonObject("detail").getMap())));
    return events;
  }

  /** The photos of a trail line, in the order sent. */
  static List<Tuple> photos(CaseEvent line, List<CaseStore.Photo> photos) {
    List<Tuple> tuples = new ArrayList<>();
    for (int n = 0; n < photos.size(); n++) {
      CaseStore.Photo p = photos.get(n);
      tuples.add(Tuple.wrap(Arrays.asList(p.id(), line.caseId(), line.seq(), (short) n, p.mediaType(), p.bytes().length,
          sha256(p.bytes()), Buffer.buffer(p.bytes()), utc(line.at()))));
    }
    return tuples;
  }

  static List<CaseStore.PhotoInfo> photoInfos(RowSet<Row> rows) {
    List<CaseStore.PhotoInfo> infos = new ArrayList<>();
    rows.forEach(r -> infos.add(new CaseStore.PhotoInfo(r.getUUID("id"), r.getInteger("seq"), r.getString("media_type"),
        r.getInteger("size"), instant(r, "at"))));
    return infos;
  }

  static CaseStore.Photo photo(Row r) {
    return new CaseStore.Photo(r.getUUID("id"), r.getUUID("case_id"), r.getInteger("seq"), r.getString("media_type"),
        r.getBuffer("bytes").getBytes(), instant(r, "at"));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static CaseState state(String key) {
    return key == null ? null : CaseState.of(key).orElseThrow();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime value = r.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static String[] texts(java.util.Collection<String> values) {
    return values == null ? null : values.toArray(new String[0]);
  }
}
