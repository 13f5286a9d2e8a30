package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.delivery.NotifyStore.ChannelStatus;
import io.watchfloor.delivery.NotifyStore.Failure;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.EventKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link PgNotifyStore}'s records to parameters and rows to records: every key as the admin API spells it. */
final class NotifyRows {
  private NotifyRows() {
  }

  static Tuple channel(Channel c) {
    return Tuple.wrap(Arrays.asList(c.id(), c.name(), c.type().key(), c.url(), c.secret(), c.auth().key(), sms(c.sms()),
        c.scope(), c.unit(), c.perMinute(), utc(c.stoppedAt()), c.stoppedWhy(), utc(c.createdAt()), c.createdBy()));
  }

  static Channel channel(Row row) {
    return new Channel(row.getString("id"), row.getString("name"), upper(ChannelType.class, row.getString("type")),
        row.getString("url"), row.getString("secret"), upper(Channel.Auth.class, row.getString("auth")),
        sms(row.getValue("sms")), row.getString("scope"), row.getString("unit"), row.getInteger("per_minute"),
        instant(row, "stopped_at"), row.getString("stopped_why"), instant(row, "created_at"), row.getString("created_by"));
  }

  /** The events sorted, so that a route's row reads the same however its set was built. */
  static Tuple route(Route r) {
    String[] events = r.events().stream().map(EventKind::key).sorted().toArray(String[]::new);
    return Tuple.wrap(Arrays.asList(r.id(), r.channel(), r.scope(), events,
        r.minSeverity() == null ? null : r.minSeverity().key(), utc(r.createdAt()), r.createdBy()));
  }

  /** A kind this version does not know (written by a newer node) is left out rather than failing every read. */
  static Route route(Row row) {
    Set<EventKind> events = Arrays.stream(row.getArrayOfStrings("events")).map(EventKind::of)
        .flatMap(Optional::stream).collect(Collectors.toSet());
    String min = row.getString("min_severity");
    return new Route(row.getString("id"), row.getString("channel"), row.getString("scope"), events,
        min == null ? null : upper(Severity.class, min), instant(row, "created_at"), row.getString("created_by"));
  }

  static Heard heard(Row row) {
    Object detail = row.getValue("detail");
    return new Heard(row.getLong("id"), row.getString("kind"), row.getString("ref"), row.getString("step"),
        instant(row, "at"), detail == null ? null : json(detail));
  }

  /** The messages as INSERT_MESSAGES's arrays, one per column, in the order given. */
  static Tuple messages(List<Outgoing> messages) {
    int n = messages.size();
    String[] channels = new String[n];
    String[] keys = new String[n];
    String[] kinds = new String[n];
    String[] notices = new String[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    Integer[] attempts = new Integer[n];
    OffsetDateTime[] next = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Outgoing m = messages.get(i);
      channels[i] = m.channel();
      keys[i] = m.key();
      kinds[i] = m.kind();
      notices[i] = m.notice().encode();
      created[i] = utc(m.createdAt());
      attempts[i] = m.attempts();
      next[i] = utc(m.nextAt());
    }
    return Tuple.of(channels, keys, kinds, notices, created, attempts, next);
  }

  static Outgoing outgoing(Row row) {
    return new Outgoing(row.getLong("id"), row.getString("channel"), row.getString("key"), row.getString("kind"),
        json(row.getValue("notice")), instant(row, "created_at"), row.getInteger("attempts"), instant(row, "next_at"));
  }

  static ChannelStatus status(Row row) {
    return new ChannelStatus(row.getString("id"), row.getLong("pending"), row.getLong("sent"), row.getLong("merged"),
        row.getLong("failed"), instant(row, "last_done"), row.getString("last_answer"));
  }

  static Failure failure(Row row) {
    return new Failure(row.getLong("id"), row.getString("key"), row.getString("kind"), instant(row, "created_at"),
        instant(row, "done_at"), row.getInteger("attempts"), row.getString("answer"));
  }

  static Long[] ids(List<Long> ids) {
    return ids.toArray(new Long[0]);
  }

  /** An SMS gateway as its jsonb: {@code {method, contentType, headers, body, phones}}. */
  private static JsonObject sms(Channel.Sms sms) {
    if (sms == null) {
      return null;
    }
    return new JsonObject().put("method", sms.method()).put("contentType", sms.contentType())
        .put("headers", new JsonObject(new LinkedHashMap<>(sms.headers()))).put("body", sms.body())
        .put("phones", new JsonArray(List.copyOf(sms.phones())));
  }

  private static Channel.Sms sms(Object value) {
    if (value == null) {
      return null;
    }
    JsonObject sms = json(value);
    Map<String, String> headers = new LinkedHashMap<>();
    sms.getJsonObject("headers", new JsonObject()).forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
    List<String> phones = sms.getJsonArray("phones", new JsonArray()).stream().map(String::valueOf).toList();
    return new Channel.Sms(sms.getString("method"), sms.getString("contentType"), headers, sms.getString("body"), phones);
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
  }

  private static <E extends Enum<E>> E upper(Class<E> type, String key) {
    return Enum.valueOf(type, key.toUpperCase(Locale.ROOT));
  }

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }
}
