package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.store.DataRefused;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.watchfloor.delivery.NotifyRows.ids;
import static io.watchfloor.delivery.NotifyRows.utc;

/**
 * Channels, routes, events and the outbox in PostgreSQL (V12__notify.sql), on the node's notify pool
 * ({@link PgPools#NOTIFY}): the sender polls all day, and its queries must never wait behind, nor hold up, an
 * alert firing or a sign-in. Alert and case events are recorded by V12's triggers in their own transaction;
 * {@link #heard} only makes sure.
 */
public final class PgNotifyStore extends PgPoolStore implements NotifyStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final int RETRY_AFTER_SECONDS = 2;

  public PgNotifyStore(PgPools pools) {
    super(pools::notifications);
  }

  // --- channels and routes ---

  @Override
  public Future<Void> addChannel(Channel channel) {
    return pool.preparedQuery(NotifyQueries.INSERT_CHANNEL).execute(NotifyRows.channel(channel)).<Void>mapEmpty()
        .recover(e -> violated(e, UNIQUE_VIOLATION) && NotifyQueries.CHANNEL_NAME_INDEX.equals(((PgException) e).getConstraint())
            ? Future.failedFuture(new NameTaken(channel.name())) : unavailable(e));
  }

  @Override
  public Future<List<Channel>> channels() {
    return list(pool.query(NotifyQueries.CHANNELS).execute(), NotifyRows::channel);
  }

  @Override
  public Future<Optional<Channel>> channel(String id) {
    return list(pool.preparedQuery(NotifyQueries.CHANNEL).execute(Tuple.of(id)), NotifyRows::channel)
        .map(found -> found.stream().findFirst());
  }

  @Override
  public Future<Boolean> deleteChannel(String id) {
    return pool.preparedQuery(NotifyQueries.DELETE_CHANNEL).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0)
        .recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<Void> stopChannel(String id, Instant at, String why) {
    return pool.preparedQuery(NotifyQueries.STOP_CHANNEL).execute(Tuple.of(id, utc(at), why)).<Void>mapEmpty()
        .recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<Boolean> resumeChannel(String id) {
    return pool.preparedQuery(NotifyQueries.RESUME_CHANNEL).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0)
        .recover(PgNotifyStore::unavailable);
  }

  /** The foreign key is the check: a channel deleted a moment before is refused as surely as one never made. */
  @Override
  public Future<Void> addRoute(Route route) {
    return pool.preparedQuery(NotifyQueries.INSERT_ROUTE).execute(NotifyRows.route(route)).<Void>mapEmpty()
        .recover(e -> violated(e, FOREIGN_KEY_VIOLATION)
            ? Future.failedFuture(new ChannelGone(route.channel())) : unavailable(e));
  }

  @Override
  public Future<List<Route>> routes() {
    return list(pool.query(NotifyQueries.ROUTES).execute(), NotifyRows::route);
  }

  @Override
  public Future<Boolean> deleteRoute(String id) {
    return pool.preparedQuery(NotifyQueries.DELETE_ROUTE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0)
        .recover(PgNotifyStore::unavailable);
  }

  // --- the admin's changes with their audit line, in one transaction ---

  @Override
  public boolean auditsItself() {
    return true;
  }

  @Override
  public Future<Void> addChannel(Channel channel, AuditEntry audit) {
    return pool.withTransaction(conn -> conn.preparedQuery(NotifyQueries.INSERT_CHANNEL).execute(NotifyRows.channel(channel))
            .compose(rows -> audit(conn, audit)))
        .recover(e -> violated(e, UNIQUE_VIOLATION) && NotifyQueries.CHANNEL_NAME_INDEX.equals(((PgException) e).getConstraint())
            ? Future.failedFuture(new NameTaken(channel.name())) : unavailable(e));
  }

  @Override
  public Future<Boolean> deleteChannel(String id, AuditEntry audit) {
    return changed(NotifyQueries.DELETE_CHANNEL, id, audit);
  }

  @Override
  public Future<Boolean> resumeChannel(String id, AuditEntry audit) {
    return changed(NotifyQueries.RESUME_CHANNEL, id, audit);
  }

  @Override
  public Future<Void> addRoute(Route route, AuditEntry audit) {
    return pool.withTransaction(conn -> conn.preparedQuery(NotifyQueries.INSERT_ROUTE).execute(NotifyRows.route(route))
            .compose(rows -> audit(conn, audit)))
        .recover(e -> violated(e, FOREIGN_KEY_VIOLATION)
            ? Future.failedFuture(new ChannelGone(route.channel())) : unavailable(e));
  }

  @Override
  public Future<Boolean> deleteRoute(String id, AuditEntry audit) {
    return changed(NotifyQueries.DELETE_ROUTE, id, audit);
  }

  /** A change of the row {@code id}, audited when there was one. */
  private Future<Boolean> changed(String sql, String id, AuditEntry audit) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql).execute(Tuple.of(id))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false) : audit(conn, audit).map(true)))
        .recover(PgNotifyStore::unavailable);
  }

  private static Future<Void> audit(SqlConnection conn, AuditEntry line) {
    return conn.preparedQuery(NotifyQueries.INSERT_AUDIT).execute(Tuple.of(utc(line.at()), line.actor(), line.action(),
        line.target(), line.scope(), line.before(), line.after())).mapEmpty();
  }

  // --- events ---

  @Override
  public Future<Void> heard(Heard event) {
    return pool.preparedQuery(NotifyQueries.HEARD)
        .execute(Tuple.of(event.kind(), event.ref(), event.step(), utc(event.at()), event.detail())).<Void>mapEmpty()
        .recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<List<Heard>> unrouted(int limit) {
    return list(pool.preparedQuery(NotifyQueries.UNROUTED).execute(Tuple.of(limit)), NotifyRows::heard);
  }

  /**
   * The messages and the events' marks commit together: a crash between them would route the events again,
   * which the outbox's unique key makes harmless, but a mark without its messages would lose them.
   */
  @Override
  public Future<Void> routed(List<Heard> events, List<Outgoing> messages) {
    if (events.isEmpty() && messages.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] eventIds = events.stream().map(Heard::id).toArray(Long[]::new);
    return pool.withTransaction(conn -> {
      Future<?> stored = messages.isEmpty() ? Future.succeededFuture()
          : conn.preparedQuery(NotifyQueries.INSERT_MESSAGES).execute(NotifyRows.messages(messages));
      return stored.compose(v -> eventIds.length == 0 ? Future.succeededFuture()
          : conn.preparedQuery(NotifyQueries.MARK_ROUTED).execute(Tuple.of((Object) eventIds)));
    }).<Void>mapEmpty().recover(PgNotifyStore::unavailable);
  }

  // --- the outbox ---

  @Override
  public Future<List<Outgoing>> pending(String channel, int limit) {
    return list(pool.preparedQuery(NotifyQueries.PENDING).execute(Tuple.of(channel, limit)), NotifyRows::outgoing);
  }

  @Override
  public Future<List<String>> channelsWithPending() {
    return list(pool.query(NotifyQueries.CHANNELS_WITH_PENDING).execute(), row -> row.getString("channel"));
  }

  @Override
  public Future<List<Sent>> sentSince(Instant since) {
    return list(pool.preparedQuery(NotifyQueries.SENT_SINCE).execute(Tuple.of(utc(since))),
        row -> new Sent(row.getString("channel"), row.getOffsetDateTime("done_at").toInstant()));
  }

  /** The digest and what it carried are done together, or not at all. */
  @Override
  public Future<Void> sent(long lead, List<Long> merged, Instant at, String answer) {
    return pool.withTransaction(conn -> conn.preparedQuery(NotifyQueries.SENT_LEAD).execute(Tuple.of(lead, utc(at), answer))
            .compose(v -> merged.isEmpty() ? Future.succeededFuture()
                : conn.preparedQuery(NotifyQueries.SENT_MERGED).execute(Tuple.of(ids(merged), lead, utc(at), answer))))
        .<Void>mapEmpty().recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<Void> retry(List<Long> ids, Instant nextAt, String answer) {
    return ids.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(NotifyQueries.RETRY).execute(Tuple.of(ids(ids), utc(nextAt), answer)).<Void>mapEmpty()
            .recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<Void> failed(List<Long> ids, Instant at, String answer) {
    return ids.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(NotifyQueries.FAILED).execute(Tuple.of(ids(ids), utc(at), answer)).<Void>mapEmpty()
            .recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<List<ChannelStatus>> status() {
    return list(pool.query(NotifyQueries.STATUS).execute(), NotifyRows::status);
  }

  @Override
  public Future<Long> prune(Instant before) {
    return pool.preparedQuery(NotifyQueries.PRUNE).execute(Tuple.of(utc(before)))
        .map(rows -> rows.iterator().next().getLong("gone")).recover(PgNotifyStore::unavailable);
  }

  @Override
  public Future<List<Failure>> failures(String channel, int limit) {
    return list(pool.preparedQuery(NotifyQueries.FAILURES).execute(Tuple.of(channel, limit)), NotifyRows::failure);
  }

  private static <T> Future<List<T>> list(Future<RowSet<Row>> rows, Function<Row, T> each) {
    return rows.map(found -> {
      List<T> list = new ArrayList<>(found.size());
      found.forEach(row -> list.add(each.apply(row)));
      return list;
    }).recover(PgNotifyStore::unavailable);
  }

  private static boolean violated(Throwable e, String sqlState) {
    return e instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }

  /** A data error as a 422, anything else as the database not answering: ask again in a moment. */
  private static <T> Future<T> unavailable(Throwable e) {
    return DataRefused.orUnanswered(e, RETRY_AFTER_SECONDS);
  }
}
