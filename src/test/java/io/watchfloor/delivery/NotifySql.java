package io.watchfloor.delivery;

import io.watchfloor.TestDatabase;

/** Channels and routes put straight into a test's database, for tests whose subject is the sending. */
final class NotifySql {
  private final String database;

  NotifySql(String database) {
    this.database = database;
  }

  void channel(String id, String type, String url, String secret, String auth, String sms, String scope, String unit,
               int perMinute) {
    TestDatabase.execute(database, "INSERT INTO notify_channel (id, name, type, url, secret, auth, sms, scope, unit,"
        + " per_minute, created_at, created_by) VALUES (" + q(id) + ", " + q("通道 " + id) + ", " + q(type) + ", "
        + q(url) + ", " + q(secret) + ", " + q(auth) + ", " + (sms == null ? "NULL" : q(sms) + "::jsonb") + ", "
        + q(scope) + ", " + q(unit) + ", " + perMinute + ", now(), 'admin')");
  }

  void route(String id, String channel, String scope, String minSeverity, String... events) {
    StringBuilder array = new StringBuilder("ARRAY[");
    for (int i = 0; i < events.length; i++) {
      array.append(i == 0 ? "" : ", ").append(q(events[i]));
    }
    TestDatabase.execute(database, "INSERT INTO notify_route (id, channel, scope, events, min_severity, created_at, created_by)"
        + " VALUES (" + q(id) + ", " + q(channel) + ", " + q(scope) + ", " + array + "]::text[], " + q(minSeverity)
        + ", now(), 'admin')");
  }

  long count(String sql) {
    return TestDatabase.count(database, sql);
  }

  private static String q(String value) {
    return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
  }
}
