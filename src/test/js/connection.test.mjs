// The wall screen's and the console's live connection (webroot/js/connection.js): reconnecting with
// bounded backoff, a snapshot on every connect, a resync on a gap, stale and silent sockets replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as connection from '../../../webroot/js/connection.js';
import { fakeClock } from './fake-clock.mjs';

/** A stand-in for the browser's WebSocket that the test drives by hand. */
class FakeSocket {
  static OPEN = 1;
  static all = [];
  static clock = null;

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closed = false;
    this.createdAt = FakeSocket.clock.now();
    FakeSocket.all.push(this);
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.closed = true;
    this.readyState = 3;
  }

  // what the server does
  accept() {
    this.readyState = 1;
    this.onopen && this.onopen({});
  }

  frame(obj) {
    this.onmessage && this.onmessage({ data: JSON.stringify(obj) });
  }

  drop(code = 1006) {
    this.readyState = 3;
    this.onclose && this.onclose({ code });
  }
}

function setUp(t, extra = {}) {
  const clock = fakeClock(t);
  FakeSocket.all = [];
  FakeSocket.clock = clock;
  const seen = { snapshots: [], deltas: [], alerts: [], statuses: [], refused: 0 };
  const conn = connection.start({
    url: 'ws://screen/live?key=k',
    WebSocket: FakeSocket,
    onSnapshot: (s) => seen.snapshots.push(s),
    onDelta: (d) => seen.deltas.push(d),
    onAlert: (a) => seen.alerts.push(a),
    onStatus: (s) => seen.statuses.push(s.state),
    onRefused: () => seen.refused++,
    ...extra,
  });
  t.after(() => conn.stop());
  const latest = () => FakeSocket.all[FakeSocket.all.length - 1];
  /** A connect that gets as far as the snapshot at `seq`. */
  const goLive = (seq = 10) => {
    latest().accept();
    latest().frame({ type: 'snapshot', seq, state: { n: seq } });
  };
  /** Drops the newest socket as a refusing server would, and waits (at most 31 s) for the next attempt. */
  const refuseAndWait = () => {
    const before = FakeSocket.all.length;
    latest().drop();
    for (let waited = 0; FakeSocket.all.length === before && waited < 31_000; waited += 5) clock.tick(5);
    assert.equal(FakeSocket.all.length, before + 1, 'one new attempt within 31 s');
    return latest().createdAt - FakeSocket.all[before - 1].createdAt;
  };
  return { clock, conn, seen, latest, goLive, refuseAndWait };
}

test('a server that refuses: attempts back off 1, 2, 4, 8, 16 s, then never more than 30 s apart', (t) => {
  const { clock, seen, refuseAndWait } = setUp(t);
  clock.random([], 0.9999); // the top of every jitter range
  const gaps = [];
  for (let i = 0; i < 9; i++) gaps.push(refuseAndWait());
  const ceilings = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000];
  gaps.forEach((gap, i) => {
    assert.ok(gap <= ceilings[i] + 5 && gap >= ceilings[i] * 0.99, `attempt ${i + 2}: ${gap} ms, ceiling ${ceilings[i]}`);
  });
  assert.equal(seen.refused, 9, 'each socket closed before it opened is reported');
});

test('the wait is drawn from the whole range below the ceiling (full jitter), never above it', (t) => {
  const { clock, refuseAndWait } = setUp(t);
  for (let i = 0; i < 6; i++) refuseAndWait(); // the ceiling is now 30 s
  clock.random([0]);
  assert.ok(refuseAndWait() <= 5, 'a draw of 0 retries at once');
  clock.random([0.5]);
  const half = refuseAndWait();
  assert.ok(half >= 14_990 && half <= 15_005, 'a draw of 0.5 waits half the ceiling: ' + half);
});

test('a snapshot resets the backoff: after a long outage the next drop is retried within 1 s', (t) => {
  const { clock, latest, goLive, seen, refuseAndWait } = setUp(t);
  clock.random([], 0.9999);
  for (let i = 0; i < 7; i++) refuseAndWait();
  goLive();
  assert.equal(seen.snapshots.length, 1);
  const before = FakeSocket.all.length;
  latest().drop();
  clock.tick(1005);
  assert.equal(FakeSocket.all.length, before + 1, 'retried within the first step of the backoff');
});

test('a server that accepts and closes without a snapshot keeps backing off (opening alone is no reset)', (t) => {
  const { clock, latest, refuseAndWait } = setUp(t);
  clock.random([], 0.9999);
  for (let i = 0; i < 5; i++) refuseAndWait(); // the ceiling is now 30 s
  const before = FakeSocket.all.length;
  latest().accept();
  latest().drop();
  clock.tick(20_000);
  assert.equal(FakeSocket.all.length, before, 'not retried before the grown ceiling');
  clock.tick(10_100);
  assert.equal(FakeSocket.all.length, before + 1);
});

test('every reconnect starts from a snapshot: frames before it are ignored', (t) => {
  const { clock, latest, goLive, seen } = setUp(t);
  goLive(10);
  latest().frame({ type: 'delta', seq: 11, changes: { a: 1 } });
  latest().drop();
  clock.tick(1005);
  latest().accept();
  latest().frame({ type: 'delta', seq: 12, changes: { a: 2 } });
  assert.deepEqual(seen.deltas, [{ a: 1 }], 'a delta on a new socket before its snapshot is not applied');
  latest().frame({ type: 'snapshot', seq: 40, state: { n: 40 } });
  latest().frame({ type: 'delta', seq: 41, changes: { a: 3 } });
  assert.deepEqual(seen.snapshots, [{ n: 10 }, { n: 40 }]);
  assert.deepEqual(seen.deltas, [{ a: 1 }, { a: 3 }]);
});

test('a gap in the sequence asks for a resync and applies nothing until the new snapshot', (t) => {
  const { latest, goLive, seen, conn } = setUp(t);
  goLive(10);
  latest().frame({ type: 'delta', seq: 11, changes: { a: 1 } });
  latest().frame({ type: 'delta', seq: 13, changes: { a: 3 } }); // 12 was lost
  assert.deepEqual(latest().sent, [{ type: 'resync' }]);
  latest().frame({ type: 'delta', seq: 14, changes: { a: 4 } });
  latest().frame({ type: 'alert', seq: 15, alert: { id: 'x' } });
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.deepEqual(seen.alerts, []);
  latest().frame({ type: 'snapshot', seq: 20, state: { n: 20 } });
  latest().frame({ type: 'alert', seq: 21, alert: { id: 'y' } });
  latest().frame({ type: 'delta', seq: 22, changes: { a: 22 } });
  assert.deepEqual(seen.alerts, [{ id: 'y' }]);
  assert.deepEqual(seen.deltas, [{ a: 1 }, { a: 22 }]);
  assert.equal(conn.counters.resyncs, 1);
});

test('a snapshot is taken whatever its seq, one resync per gap: no loop of resyncs (docs/live-protocol.md)', (t) => {
  const { latest, goLive, seen, conn } = setUp(t);
  goLive(10);
  latest().frame({ type: 'delta', seq: 13, changes: { a: 3 } }); // 11 and 12 lost
  for (const seq of [13, 3, 14]) { // any seq: later than the gap, earlier than the last frame, or next to it
    latest().frame({ type: 'snapshot', seq, state: { n: seq } });
    assert.deepEqual(seen.snapshots.at(-1), { n: seq }, `the snapshot with seq ${seq} replaces the state`);
    assert.equal(conn.status(), 'live');
    latest().frame({ type: 'delta', seq: seq + 1, changes: { a: seq + 1 } });
    assert.deepEqual(seen.deltas.at(-1), { a: seq + 1 }, 'and the frame after it is seq + 1');
  }
  assert.deepEqual(latest().sent, [{ type: 'resync' }], 'one resync, for the one gap');
  assert.equal(conn.counters.resyncs, 1);
});

test('case frames take their turn in the sequence; a client without onCase still counts them', (t) => {
  const cases = [];
  const { latest, goLive, seen, conn } = setUp(t, { onCase: (c) => cases.push(c) });
  goLive(10);
  latest().frame({ type: 'case', seq: 11, case: { id: 'c1', overdue: true } });
  latest().frame({ type: 'delta', seq: 12, changes: { a: 1 } });
  assert.deepEqual(cases, [{ id: 'c1', overdue: true }]);
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.deepEqual(latest().sent, [], 'no resync: the case frame was the next seq');
  assert.equal(conn.counters.cases, 1);
});

test('a client that does not handle case frames keeps its sequence through them', (t) => {
  const { latest, goLive, seen } = setUp(t);
  goLive(10);
  latest().frame({ type: 'case', seq: 11, case: { id: 'c1' } });
  latest().frame({ type: 'alert', seq: 12, alert: { id: 'a' } });
  assert.deepEqual(seen.alerts, [{ id: 'a' }]);
  assert.deepEqual(latest().sent, []);
});

test('a repeated or older frame is a gap too, never applied twice', (t) => {
  const { latest, goLive, seen } = setUp(t);
  goLive(10);
  latest().frame({ type: 'delta', seq: 11, changes: { a: 1 } });
  latest().frame({ type: 'delta', seq: 11, changes: { a: 1 } });
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.deepEqual(latest().sent, [{ type: 'resync' }]);
});

test('a case frame goes to onCase in its place in the sequence; a page without onCase only counts it', (t) => {
  const cases = [];
  const { latest, goLive, seen, conn } = setUp(t, { onCase: (c) => cases.push(c) });
  goLive(10);
  latest().frame({ type: 'case', seq: 11, case: { id: 'c1', version: 2 } });
  latest().frame({ type: 'delta', seq: 12, changes: { a: 1 } });
  assert.deepEqual(cases, [{ id: 'c1', version: 2 }]);
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.equal(conn.counters.cases, 1);
  assert.deepEqual(latest().sent, [], 'no gap');
});

test('a page without onCase (a screen without a case panel) counts a case frame\'s seq and applies what follows', (t) => {
  const { latest, goLive, seen } = setUp(t);
  goLive(10);
  latest().frame({ type: 'case', seq: 11, case: { id: 'c1', version: 2 } });
  latest().frame({ type: 'delta', seq: 12, changes: { a: 1 } });
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.deepEqual(latest().sent, []);
});

test('frames that are not JSON objects, or without a seq, are ignored', (t) => {
  const { latest, goLive, seen } = setUp(t);
  goLive(10);
  latest().onmessage({ data: '{not json' });
  latest().onmessage({ data: '42' });
  latest().frame({ type: 'delta', changes: { a: 0 } });
  latest().frame({ type: 'delta', seq: 11, changes: { a: 1 } });
  assert.deepEqual(seen.deltas, [{ a: 1 }]);
  assert.deepEqual(latest().sent, []);
});

test('a silent socket (not even a ping) is called stale after 30 s and replaced; pings keep it', (t) => {
  const { clock, latest, goLive, seen } = setUp(t);
  goLive(10);
  const first = latest();
  for (let i = 0; i < 5; i++) {
    clock.tick(20_000);
    first.frame({ type: 'ping' });
  }
  assert.equal(FakeSocket.all.length, 1, 'pings every 20 s keep the socket');
  assert.equal(seen.statuses.at(-1), 'live');
  clock.tick(31_005);
  assert.equal(seen.statuses.includes('stale'), true);
  assert.equal(first.closed, true, 'the silent socket is closed');
  clock.tick(1_000);
  assert.equal(FakeSocket.all.length, 2, 'and a new one opened within the first backoff step');
});

test('a socket that opens but sends no snapshot within 10 s is replaced', (t) => {
  const { clock, latest } = setUp(t);
  latest().accept();
  clock.tick(9_000);
  assert.equal(latest().closed, false);
  clock.tick(3_000);
  assert.equal(FakeSocket.all[0].closed, true);
  clock.tick(2_000);
  assert.equal(FakeSocket.all.length, 2);
});

test('status: connecting, then live, then reconnecting after a drop, then live again', (t) => {
  const { clock, latest, goLive, seen } = setUp(t);
  assert.equal(seen.statuses[0], 'connecting');
  goLive(1);
  assert.equal(seen.statuses.at(-1), 'live');
  latest().drop();
  assert.equal(seen.statuses.at(-1), 'reconnecting');
  clock.tick(1_005);
  goLive(50);
  assert.equal(seen.statuses.at(-1), 'live');
});

test('a revoked display key (close 4401) is reported at once', (t) => {
  const { latest, goLive, seen } = setUp(t);
  goLive(1);
  latest().drop(4401);
  assert.equal(seen.refused, 1);
});

test('stop() closes the socket and nothing reconnects afterwards', (t) => {
  const { clock, latest, goLive, conn } = setUp(t);
  goLive(1);
  const ws = latest();
  conn.stop();
  assert.equal(ws.closed, true);
  clock.tick(120_000);
  assert.equal(FakeSocket.all.length, 1);
});

test('stop() called from onRefused (a key refused for good) stops the retry that would follow', (t) => {
  const screen = {};
  const { clock, latest, conn } = setUp(t, { onRefused: () => screen.conn.stop() }); // as main.js does
  screen.conn = conn;
  latest().drop(); // closed before it opened: refused
  clock.tick(120_000);
  assert.equal(FakeSocket.all.length, 1, 'no attempt after the stop');
});
