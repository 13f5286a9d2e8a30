// The field page's store and forward (webroot/js/report/sender.js over report/outbox.js): every report
// reaches the server exactly once whatever the network does, in the order written, and a report the
// server refuses for good is kept to be shown, not retried for ever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as outbox from '../../../webroot/js/report/outbox.js';
import * as sender from '../../../webroot/js/report/sender.js';
import { fakeClock, settle, settleUntil } from './fake-clock.mjs';
import { FakeIndexedDb } from './fake-indexeddb.mjs';

const UNIT = 'unit-7';

/**
 * The ingest API as the field page sees it: counts each report id once (201 accepted, then 200
 * duplicate), and can be told how to misbehave for the next requests.
 */
class FakeServer {
  constructor() {
    this.counted = new Map(); // id -> body, each id counted once
    this.posts = []; // {path, ids, auth} of every request that arrived
    this.script = []; // what the next requests meet, oldest first; then the normal answer
    this.fetch = (path, init) => this.#handle(path, init);
  }

  async #handle(path, init) {
    const next = this.script.shift();
    if (next && next.offline) throw new TypeError('Failed to fetch'); // never reached the server
    const body = JSON.parse(init.body);
    const reports = path === '/api/v1/reports/batch' ? body.reports : [body];
    this.posts.push({ path, ids: reports.map((r) => r.id), auth: init.headers.Authorization });
    if (next && next.hang) {
      return new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    if (next && next.status) return answer(next.status, next.body, next.headers);
    const results = reports.map((r) => {
      const status = this.counted.has(r.id) ? 'duplicate' : 'accepted';
      this.counted.set(r.id, r);
      return { id: r.id, status };
    });
    if (next && next.answerLost) throw new TypeError('network error'); // counted, but the phone never hears
    if (path === '/api/v1/reports/batch') return answer(200, { results: next && next.results ? next.results(results) : results });
    return answer(results[0].status === 'accepted' ? 201 : 200, results[0]);
  }
}

function answer(status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return { status, headers: { get: (name) => headers[name] ?? null }, text: async () => text };
}

const problem = (status, detail) => ({ type: 'about:blank', status, detail, errors: [{ field: 'counts' }] });

/** The outbox (fresh unless `keep`) with `reports` waiting, a server meeting `script` first, and the sender started. */
async function setUp(t, { reports = 0, capMs, keep = false, script = [] } = {}) {
  const clock = fakeClock(t);
  clock.random([], 0.9999); // every backoff at the top of its range
  if (!keep) await outbox.open(5000, new FakeIndexedDb());
  for (let i = 0; i < reports; i++) await write(i);
  const server = new FakeServer();
  server.script.push(...script);
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const queue = sender.start({
    unit: UNIT, token: 'tok', onChange: () => {}, capMs,
    fetch: server.fetch, window: win, document: doc, navigator: { onLine: true },
  });
  t.after(() => queue.stop());
  await settle();
  return { clock, server, queue, win, doc };
}

/** As setUp with `script` (and `options`), then one report written and the sender kicked; its `id` comes back too. */
async function oneKicked(t, script, options = {}) {
  const setup = await setUp(t, { ...options, script });
  const id = await write(1);
  setup.queue.kick();
  return { ...setup, id };
}

let created = 0; // ids never repeat across tests, and sort as they were written
async function write(i, notes = '') {
  const id = 'r' + String(++created).padStart(6, '0');
  await outbox.add({ id, unit: UNIT, createdAt: created, body: { id, site: 's1', counts: { a: i }, notes } });
  return id;
}

const waitingIds = () => outbox.waiting(UNIT).map((e) => e.id);
const sentIds = () => outbox.sent(UNIT).map((e) => e.id);

test('one report goes to POST /api/v1/reports with the unit\'s token and is filed as delivered', async (t) => {
  const { server, queue } = await setUp(t, { reports: 1 });
  const [id] = server.posts[0].ids;
  assert.deepEqual(server.posts, [{ path: '/api/v1/reports', ids: [id], auth: 'Bearer tok' }]);
  assert.deepEqual(waitingIds(), []);
  assert.deepEqual(outbox.sent(UNIT).map((e) => [e.id, e.status]), [[id, 'accepted']]);
  assert.equal(queue.status().net, 'online');
});

test('after an offline spell the reports go in batches of at most 500, oldest first, each counted once', async (t) => {
  const { server } = await setUp(t, { reports: 1203 });
  await settleUntil(() => waitingIds().length === 0);
  assert.deepEqual(server.posts.map((p) => [p.path, p.ids.length]),
    [['/api/v1/reports/batch', 500], ['/api/v1/reports/batch', 500], ['/api/v1/reports/batch', 203]]);
  const order = server.posts.flatMap((p) => p.ids);
  assert.deepEqual(order, [...order].sort(), 'oldest first, across batches');
  assert.equal(new Set(order).size, 1203);
  assert.equal(server.counted.size, 1203);
  assert.deepEqual(waitingIds(), []);
});

test('a batch stays under the server\'s 1 MiB body limit however long the notes are', () => {
  const entries = Array.from({ length: 30 }, (_, i) => ({ id: 'n' + i, body: { id: 'n' + i, notes: '注'.repeat(40_000) } }));
  const first = sender.chunk(entries);
  const bytes = new TextEncoder().encode(JSON.stringify({ reports: first.map((e) => e.body) })).length;
  assert.ok(first.length >= 2 && bytes < 1_048_576, `${first.length} reports, ${bytes} bytes`);
  assert.ok(sender.chunk(entries.slice(first.length)).length >= 1);
  // one report larger than a batch still goes, alone, rather than blocking the queue for ever
  const huge = [{ id: 'h', body: { notes: 'x'.repeat(2_000_000) } }, entries[0]];
  assert.deepEqual(sender.chunk(huge).map((e) => e.id), ['h']);
  assert.equal(sender.chunk(Array.from({ length: 600 }, (_, i) => ({ id: i, body: {} }))).length, sender.BATCH_MAX);
});

test('no network: the report waits, and goes later with the same id and body', async (t) => {
  const { clock, server, queue } = await setUp(t, { reports: 1, script: [{ offline: true }, { offline: true }] });
  const [id] = waitingIds();
  assert.equal(queue.status().net, 'offline');
  assert.deepEqual(waitingIds(), [id]);
  await clock.run(5_000);
  assert.deepEqual(sentIds(), [id]);
  assert.deepEqual(server.posts.map((p) => p.ids), [[id]], 'the failed attempts never reached it');
  assert.deepEqual(server.counted.get(id), { id, site: 's1', counts: { a: 0 }, notes: '' });
});

test('an answer lost after the server counted the report: the retry is a duplicate, counted once, not lost', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t, [{ answerLost: true }]);
  await settle();
  assert.deepEqual(waitingIds(), [id], 'the phone cannot know: it keeps the report');
  await clock.run(2_000);
  assert.deepEqual(server.posts.map((p) => p.ids), [[id], [id]], 'sent again with the same id');
  assert.equal(server.counted.size, 1);
  assert.deepEqual(outbox.sent(UNIT).map((e) => [e.id, e.status]), [[id, 'duplicate']]);
});

test('a lost answer to a batch: the retried batch is all duplicates, every report counted once', async (t) => {
  const { clock, server } = await setUp(t, { reports: 3, script: [{ answerLost: true }] });
  await clock.run(2_000);
  assert.equal(server.posts.length, 2);
  assert.deepEqual(server.posts[0].ids, server.posts[1].ids);
  assert.equal(server.counted.size, 3);
  assert.deepEqual(outbox.sent(UNIT).map((e) => e.status), ['duplicate', 'duplicate', 'duplicate']);
  assert.deepEqual(waitingIds(), []);
});

test('5xx: kept and retried (never refused), the wait doubling from 1 s up to the ceiling, then reset by a success', async (t) => {
  // the server's own problem+json or a bare page from a proxy: a 5xx is never the report's fault
  const fives = Array.from({ length: 7 },
    (_, i) => (i % 2 ? { status: 502, body: 'Bad Gateway' } : { status: 500, body: problem(500, 'boom') }));
  const { clock, server, queue, id } = await oneKicked(t, fives, { capMs: 16_000 });
  await settle();
  const times = [clock.now()];
  let seen = server.posts.length;
  while (sentIds().length === 0 && clock.now() - times[0] < 120_000) {
    await clock.run(100);
    if (server.posts.length > seen) {
      seen = server.posts.length;
      times.push(clock.now());
    }
  }
  const gaps = times.slice(1).map((at, i) => at - times[i]);
  const expected = [1000, 2000, 4000, 8000, 16_000, 16_000, 16_000];
  gaps.forEach((gap, i) => assert.ok(gap >= expected[i] * 0.99 && gap <= expected[i] + 100, `retry ${i + 1} after ${gap} ms`));
  assert.deepEqual(sentIds(), [id]);
  assert.equal(queue.status().net, 'online');
  assert.equal(server.counted.size, 1);
  // the backoff starts over after a success
  server.script.push({ status: 503, body: '' });
  await write(2);
  queue.kick();
  await settle();
  assert.equal(queue.status().net, 'busy');
  const before = server.posts.length;
  await clock.run(1_100);
  assert.equal(server.posts.length, before + 1);
});

test('the server\'s own 4xx refuses the report for good: kept with its reasons, never sent again, the next one goes', async (t) => {
  const { clock, server, queue, id: bad } = await oneKicked(t, [{ status: 422, body: problem(422, 'counts.a is negative') }]);
  await settle();
  assert.deepEqual(waitingIds(), []);
  const [kept] = outbox.rejected(UNIT);
  assert.equal(kept.id, bad);
  assert.equal(kept.status, 422);
  assert.equal(kept.detail, 'counts.a is negative');
  const good = await write(2);
  queue.kick();
  await clock.run(120_000);
  assert.deepEqual(server.posts.map((p) => p.ids), [[bad], [good]]);
  assert.deepEqual(sentIds(), [good]);
});

test('a 4xx that is not the server\'s own (a captive portal, a proxy) keeps the report waiting', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t,
    [{ status: 403, body: '<html>Please log in to the Wi-Fi</html>' }, { status: 404, body: { status: 'nope' } }]);
  await settle();
  assert.deepEqual(waitingIds(), [id]);
  assert.deepEqual(queue.status().unexpected, 403);
  await clock.run(3_100);
  assert.deepEqual(outbox.rejected(UNIT), []);
  assert.deepEqual(sentIds(), [id]);
});

test('408 Request Timeout is retried, even as the server\'s problem+json', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t, [{ status: 408, body: problem(408, 'slow') }]);
  await clock.run(1_100);
  assert.deepEqual(outbox.rejected(UNIT), []);
  assert.deepEqual(sentIds(), [id]);
});

test('401: nothing is dropped and nothing is retried until the unit signs in again', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t, [{ status: 401, body: problem(401, 'token revoked') }]);
  await clock.run(300_000, 1_000);
  assert.equal(server.posts.length, 1);
  assert.equal(queue.status().net, 'refused');
  assert.deepEqual(waitingIds(), [id]);
  assert.deepEqual(outbox.rejected(UNIT), []);
});

test('429 with Retry-After: nothing is sent before the time the server asked for, even on a kick', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t, [{ status: 429, body: problem(429, 'slow down'), headers: { 'Retry-After': '30' } }]);
  await settle();
  assert.equal(queue.status().net, 'busy');
  assert.equal(queue.status().holdUntil, clock.now() + 30_000);
  await clock.run(10_000);
  queue.kick();
  queue.retryNow();
  await clock.run(19_800);
  assert.equal(server.posts.length, 1, 'held for the 30 s asked');
  assert.deepEqual(waitingIds(), [id]);
  await clock.run(1_300); // plus up to 1 s of jitter
  assert.deepEqual(sentIds(), [id]);
});

test('Retry-After as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-12-06T08:00:00Z');
  assert.equal(sender.retryAfterMs('120', now), 120_000);
  assert.equal(sender.retryAfterMs('Sun, 06 Dec 2026 08:00:45 GMT', now), 45_000);
  assert.equal(sender.retryAfterMs('Sun, 06 Dec 2026 07:00:00 GMT', now), 0);
  assert.equal(sender.retryAfterMs('soon', now), 0);
  assert.equal(sender.retryAfterMs(null, now), 0);
});

test('a request with no answer is given up after 20 s and retried, not waited on for ever', async (t) => {
  const { clock, server, queue, id } = await oneKicked(t, [{ hang: true }]);
  await clock.run(19_900);
  assert.equal(queue.status().net, 'sending');
  await clock.run(1_300);
  assert.deepEqual(server.posts.length, 2);
  assert.deepEqual(sentIds(), [id]);
});

test('a batch answer settles only the reports it names; the others wait and go again', async (t) => {
  // the second result names another id, the third is refused, the fourth is neither delivered nor refused
  const { clock, server } = await setUp(t, { reports: 4, script: [{ results: (rs) => [rs[0],
    { id: 'someone-else', status: 'accepted' }, { id: rs[2].id, status: 'rejected', errors: [{ field: 'site' }] },
    { id: rs[3].id, status: 'pending' }] }] });
  const ids = server.posts[0].ids;
  await clock.run(1_000);
  assert.deepEqual(server.posts.map((p) => p.ids), [ids, [ids[1], ids[3]]]);
  assert.deepEqual(outbox.rejected(UNIT).map((e) => e.id), [ids[2]]);
  assert.deepEqual(new Set(sentIds()), new Set([ids[0], ids[1], ids[3]]));
  assert.deepEqual(waitingIds(), []);
});

test('a batch refused as a whole by the server falls back to one request per report', async (t) => {
  const { clock, server } = await setUp(t, { reports: 2, script: [{ status: 400, body: problem(400, 'batch not supported') }] });
  const ids = server.posts[0].ids;
  await clock.run(100);
  assert.deepEqual(server.posts.map((p) => [p.path, p.ids]),
    [['/api/v1/reports/batch', ids], ['/api/v1/reports', [ids[0]]], ['/api/v1/reports', [ids[1]]]]);
  assert.deepEqual(waitingIds(), []);
  assert.deepEqual(outbox.rejected(UNIT), []);
});

test('a report written while another is on its way is sent right after, in order', async (t) => {
  const { server, queue } = await setUp(t);
  const first = await write(1);
  queue.kick(); // starts the request; the next write lands while it is in flight
  const second = await write(2);
  queue.kick();
  await settle();
  assert.deepEqual(server.posts.map((p) => p.ids), [[first], [second]]);
  assert.deepEqual(waitingIds(), []);
});

test('the network coming back sends at once and starts the backoff over; going offline shows', async (t) => {
  const { clock, server, queue, win, id } = await oneKicked(t, Array(6).fill({ offline: true }));
  await clock.run(40_000); // six failures: the next wait would be 32 s or more
  assert.equal(server.posts.length, 0);
  win.dispatchEvent(new Event('offline'));
  assert.equal(queue.status().net, 'offline');
  server.script.length = 0;
  server.script.push({ offline: true }); // the first try after the event still fails
  win.dispatchEvent(new Event('online'));
  await settle();
  assert.deepEqual(waitingIds(), [id]);
  await clock.run(1_100);
  assert.deepEqual(sentIds(), [id], 'retried within the first step of the backoff, not 32 s later');
});

test('a page shown again retries what is waiting at once', async (t) => {
  const { server, queue, doc, id } = await oneKicked(t, [{ offline: true }]);
  await settle();
  assert.deepEqual(waitingIds(), [id]);
  doc.dispatchEvent(new Event('visibilitychange'));
  await settle();
  assert.deepEqual(sentIds(), [id]);
});

test('after stop() (the unit signed out) nothing more is sent, and its reports stay', async (t) => {
  const { clock, server, queue, win, id } = await oneKicked(t, [{ offline: true }]);
  await settle();
  queue.stop();
  win.dispatchEvent(new Event('online'));
  await clock.run(120_000, 1_000);
  assert.equal(server.posts.length, 0);
  assert.deepEqual(waitingIds(), [id]);
});

test('only the signed-in unit\'s reports are sent', async (t) => {
  await outbox.open(50, new FakeIndexedDb());
  await outbox.add({ id: 'theirs', unit: 'other', createdAt: 0, body: { id: 'theirs' } });
  const { server, queue } = await setUp(t, { keep: true });
  const mine = await write(1);
  queue.kick();
  await settle();
  assert.deepEqual(server.posts.flatMap((p) => p.ids), [mine]);
  assert.equal(outbox.waitingOfOthers(UNIT), 1, 'theirs waits for its own unit');
});
