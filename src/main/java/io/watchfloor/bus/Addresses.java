package io.watchfloor.bus;

/** Every event-bus address. The bus is the seam that becomes a clustered one when a city runs several nodes. */
public final class Addresses {
  private Addresses() {
  }

  /** Request: {@code AppendRequest}; reply: {@code AppendResult} once committed. */
  public static final String STORE_APPEND = "store.append";
  /** Request: {@code DayRequest}; reply: {@code DayReports}. */
  public static final String STORE_DAY = "store.day";
  /** A live day summed, below a horizon, for the rebuild: {@code DaySumsRequest}, answered with {@code DaySums}. */
  public static final String STORE_DAY_SUMS = "store.day-sums";
  /** Request: {@code RecentRequest}; reply: {@code SiteReports}, the site's newest reports. */
  public static final String STORE_RECENT = "store.recent";
  /** Request: {@code SeriesRequest}; reply: {@code SeriesPoints}. */
  public static final String STORE_SERIES = "store.series";
  /** Request: {@code HourlySumsRequest}; reply: {@code HourlySums}, on the pool the request's kind says. */
  public static final String STORE_HOURLY_SUMS = "store.hourly-sums";
  /** Request: {@code MonthSumsRequest}; reply: {@code MonthSums}. */
  public static final String STORE_MONTH_SUMS = "store.month-sums";
  /** Request: {@code DayStatsRequest}; reply: {@code DayStats}. */
  public static final String STORE_DAY_STATS = "store.day-stats";
  // --- the daily review: a few sums of the store, each one statement ---
  /** Request: {@code SiteDaySumsRequest}; reply: {@code SiteDaySums}. */
  public static final String STORE_SITE_DAY_SUMS = "store.site-day-sums";
  /** Request: {@code DayStatsRangeRequest}; reply: {@code DayStatsRange}. */
  public static final String STORE_DAY_STATS_RANGE = "store.day-stats-range";
  /** Request: {@code AlertMessages.DayRequest}; reply: JsonArray of the alerts live in a scope on a day. */
  public static final String ALERTS_DAY = "alerts.day";
  /** Request: {@code ViewerDayRequest}; reply: {@code DayReports}, read on the viewers' pool. */
  public static final String STORE_VIEWER_DAY = "store.viewer-day";
  // --- end review ---

  /** Request: anything; reply when the store answers, fail with 503 when it does not. */
  public static final String STORE_PING = "store.ping";
  /** Published once the store has opened (and migrated): the live picture can rebuild from it. */
  public static final String STORE_OPENED = "store.opened";
  /** Request, from the live verticle once rebuilt: from now on appends are taken. Reply: the store's description. */
  public static final String STORE_ACCEPTING = "store.accepting";
  /** Published after each commit: {@code AcceptedReports}, the reports newly committed. */
  public static final String REPORTS_ACCEPTED = "reports.accepted";
  /** Request: anything; reply: the current state, freshly computed, as a JsonObject (GET /api/v1/snapshot). */
  public static final String LIVE_SNAPSHOT = "live.snapshot";
  /** Request: anything; reply: {@code LiveMessages.Snapshot}, the state the next delta builds on. */
  public static final String LIVE_SNAPSHOT_FRAME = "live.snapshot.frame";
  /** Published every coalescing interval in which something changed: {@code LiveMessages.Delta}. */
  public static final String LIVE_DELTA = "live.delta";
  /** Published when an alert fires or changes state: {@code LiveMessages.AlertFrame}. */
  public static final String LIVE_ALERT = "live.alert";
  /** Published when a case is opened or changes: {@code LiveMessages.CaseFrame}. */
  public static final String LIVE_CASE = "live.case";

  /** Send: {@code AlertMessages.Firings}, what the rules found; the alert verticle stores them. */
  public static final String ALERTS_FIRE = "alerts.fire";
  /** Request: {@code AlertMessages.ListRequest}; reply: JsonArray of alerts. */
  public static final String ALERTS_LIST = "alerts.list";
  /** Request: {@code AlertMessages.Get}; reply: {alert, history}. Fails 404, or 403 outside the scope. */
  public static final String ALERTS_GET = "alerts.get";
  /** Request: {@code AlertMessages.Act}; reply: the changed alert. Fails 404, 409 or 503. */
  public static final String ALERTS_ACT = "alerts.act";
  /** Request: {@code AlertMessages.HandoverRequest}; reply: the shift's events and what is unresolved. */
  public static final String ALERTS_HANDOVER = "alerts.handover";
  /** Request: {@code AlertMessages.SeenRequest}; reply: JsonArray of {rule, subject}, alerts of a kind seen since. */
  public static final String ALERTS_SEEN = "alerts.seen";
  /** Published after every stored change: the alert as JSON. */
  public static final String ALERTS_CHANGED = "alerts.changed";

  /**
   * Published when an operator's session ends (sign-out, expiry, or the operator disabled): the
   * session id as a String. Hubs close every live socket opened with it.
   */
  public static final String SESSION_ENDED = "session.ended";

  // --- flags raised at ingest, read and cleared in the daily review ---
  /** Request: {@code StoreMessages.FlagsRequest}; reply: JsonArray of flags. */
  public static final String STORE_FLAGS = "store.flags";
  /** Request: {@code FlagMessages.ClearRequest}; reply: the cleared flag. Fails 404, 403 or 409. */
  public static final String FLAGS_CLEAR = "flags.clear";
  /** Request: {@code FlagMessages.CountRequest}; reply: {@code FlagMessages.Counts}, uncleared flags by area. */
  public static final String FLAGS_COUNT = "flags.count";
  /**
   * Request, node-local: answered ({@code true}) once the outlier check has read its history, so the live
   * picture lets the store take reports only then and the first reading after a restart is checked as the
   * last one before it was.
   */
  public static final String FLAGS_HISTORY_READ = "flags.history-read";

  // --- several nodes: the commit log every node follows, and the one rule evaluator ---
  /** Request: {@code StoreMessages.HorizonRequest}; reply: {@code Horizon}, where a rebuild stops and the tail starts. */
  public static final String STORE_HORIZON = "store.horizon";
  /** Request: {@code StoreMessages.TailRequest}; reply: {@code TailRows}, the committed rows after a position. */
  public static final String STORE_TAIL = "store.tail";
  /**
   * Published to every node after each commit, with no body: the nodes' tails read the new rows now
   * rather than at their next poll. Losing one (a node dying just after its commit) delays, never loses.
   */
  public static final String REPORTS_COMMITTED = "reports.committed";
  /** Published on this node after the live picture counted reports: {@code LiveMessages.Counted}. */
  public static final String REPORTS_COUNTED = "reports.counted";
  /** Request: anything; reply: Boolean, whether this node evaluates the rules now (readiness shows it). */
  public static final String EVALUATOR_HELD = "alerts.evaluator.held";

  // --- administration: who may do what, changed at run time and applied on every node ---
  /** Request, node-local: {@code AdminMessages.Run}; reply: {@code AdminMessages.Done}. */
  public static final String ADMIN_RUN = "admin.run";
  /** Request, node-local: {@code AuditEntry}; reply once stored. */
  public static final String ADMIN_AUDIT = "admin.audit";
  /** Request, node-local: {@code AdminMessages.CurrentRequest}; reply: the node's {@code AccessView}. */
  public static final String ACCESS_CURRENT = "access.current";
  /** Published on this node: a new {@code AccessView}, every HTTP verticle takes it. */
  public static final String ACCESS_VIEW = "access.view";
  /**
   * Published to every node after each committed change of units, operators or display keys, as JSON
   * {@code {version}}: each node reloads. A lost one is healed by each node's poll of the version.
   */
  public static final String ACCESS_CHANGED = "access.changed";

  // --- alert rules changed at run time ---
  /** Request: anything; reply: {@code {version, rules: [{id, enabled, rule, updatedAt, updatedBy}]}} from the store. */
  public static final String RULES_LIST = "rules.list";
  /** Request: {@code {id, enabled, rule, by}}, the rule already checked; reply: {@code {before, after, version}}. Fails 404. */
  public static final String RULES_UPDATE = "rules.update";
  /**
   * Published to every node after a change, and on one node when its version check finds the store
   * ahead: the whole set as RULES_LIST answers it. The live verticle takes a version newer than its own.
   */
  public static final String RULES_CHANGED = "rules.changed";

  // --- the closed loop: cases, dispatched, handled, verified and closed ---
  /** Request, node-local: {@code CaseMessages.Open}; reply: {@code CaseMessages.Answer}. */
  public static final String CASES_OPEN = "cases.open";
  /** Request, node-local: {@code CaseMessages.Act}; reply: {@code CaseMessages.Answer}. Fails 404, 409, 422 or 503. */
  public static final String CASES_ACT = "cases.act";
  /** Request, node-local: {@code CaseMessages.ListRequest}; reply: JsonArray of cases. */
  public static final String CASES_LIST = "cases.list";
  /** Request, node-local: {@code CaseMessages.Get}; reply: {case, trail, photos}. Fails 404. */
  public static final String CASES_GET = "cases.get";
  /** Request, node-local: {@code CaseMessages.PhotoRequest}; reply: {@code CaseStore.Photo}. Fails 404. */
  public static final String CASES_PHOTO = "cases.photo";
  /** Request, node-local: {@code CaseMessages.StatsRequest}; reply: the figures as JSON. */
  public static final String CASES_STATS = "cases.stats";
  /** Published to every node after each stored change: the case as JSON (full; screens get it redacted). */
  public static final String CASES_CHANGED = "cases.changed";
  /** Published on this node: {@code CasePicture}, the open cases, after each change it took in. */
  public static final String CASES_PICTURE = "cases.picture";

  // --- the red and black lists' settings, kept in /admin ---
  /** Request, node-local: anything; reply: {@code {onTimeRedFloor, default, version, updatedAt, updatedBy}}. Fails 503. */
  public static final String RANKING_SETTINGS = "ranking.settings";
  /** Request, node-local: JSON {@code {onTimeRedFloor, by, scope}}, checked; reply as RANKING_SETTINGS. Fails 503. */
  public static final String RANKING_SETTINGS_UPDATE = "ranking.settings.update";
  /** Published to every node after a change, as JSON {@code {version}}; a lost one is healed by each node's poll. */
  public static final String RANKING_CHANGED = "ranking.changed";

  // --- the closed loop's time: the time-limit table and the working-day calendar, kept in /admin ---
  /** Request, node-local: anything; reply: {@code {version, rows: [{category, urgency, sign, handle, verify}]}}. */
  public static final String CASES_LIMITS = "cases.limits";
  /** Request, node-local: {@code DeadlineMessages.LimitsUpdate}, checked; reply: {@code {version, rows}}. Fails 503. */
  public static final String CASES_LIMITS_UPDATE = "cases.limits.update";
  /** Request, node-local: {@code DeadlineMessages.CalendarRequest}; reply: {@code {version, year, days: [{day, working, note}]}}. */
  public static final String CASES_CALENDAR = "cases.calendar";
  /** Request, node-local: {@code DeadlineMessages.CalendarUpdate}, checked; reply as CASES_CALENDAR. Fails 503. */
  public static final String CASES_CALENDAR_UPDATE = "cases.calendar.update";
  /**
   * Published to every node after a change of the time-limit table or the calendar, as JSON {@code {version}}:
   * each node reloads both and swaps its deadlines whole. A lost one is healed by each node's poll of the version.
   */
  public static final String CASES_TIME_CHANGED = "cases.time-changed";
  /**
   * Request, node-local: {@code DeadlineMessages.Due}, from the deadline clock to the case verticle; reply:
   * {@code DeadlineMessages.DueCases}, the cases near due, overdue or due a step up. Fails 503.
   */
  public static final String CASES_DUE = "cases.due";

  // --- 催报: urging late sites' units to report (urge/) ---
  /** Request, node-local: {@code UrgeMessages.Run}, the sites checked; reply: {@code UrgeMessages.Outcome} once committed. Fails 503. */
  public static final String URGE_RUN = "urge.run";
  /** Request, node-local: {@code UrgeMessages.Since}; reply: {@code UrgeMessages.Urgings}, newest first. Fails 503. */
  public static final String URGE_SINCE = "urge.since";
  /** Request, node-local: {@code UrgeMessages.Day}, the review's areas and day; reply: {@code UrgeMessages.Urgings}. */
  public static final String URGE_DAY = "urge.day";
  /**
   * Published <b>cluster-wide</b> after an urging's commit, one message per site urged: JSON
   * {@code {id, site, siteName, unit, area, areaName, note, by, at}}. Every node's held field pages of that
   * site's unit answer; the notification sender routes it to the unit's channel.
   */
  public static final String COMPLIANCE_URGED = "compliance.urged";

  // --- notifications (docs/notify.md) ---
  /** Request, node-local: {@code NotifyMessages.Run}, an admin's request for the channels' desk; reply: {@code NotifyMessages.Done}. */
  public static final String NOTIFY_RUN = "notify.run";
  /**
   * Published to every node after an alert, case or urging step a route may send was stored, as JSON
   * {@code {kind, ref, step, at, detail?}} ({@code NotifyEvents.heard}): the sending node records it and routes
   * it at once. PostgreSQL's triggers record alert and case steps in their own transaction, so a lost publish
   * only waits for the sender's next round.
   */
  public static final String NOTIFY_HEARD = "notify.heard";
}
