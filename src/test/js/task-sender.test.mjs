// The task tab's store and forward (webroot/js/report/tasks/sender.js): each action reaches the server
// once whatever the network does, photos included, under the key made when it was queued; the server's
// 409 and 422 are final and shown; 401 keeps everything for the next sign-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as outbox from '../../../webroot/js/report/tasks/outbox.js';
import * as sender from '../../../webroot/js/report/tasks/sender.js';
import { fakeClock, settle } from './fake-clock.mjs';
import { FakeIndexedDb } from './fake-indexeddb.mjs';

const UNIT = 'demo-sanitation';
const TRANSITIONS = { accept: ['dispatched', 'handling'], report: ['handling', 'reported'], return: [null, 'new'], extend: [null, null] };

/**
 * The task API as the page sees it: cases with a state, each Idempotency-Key answered once and
 * replayed after, and a script of misbehaviour for the next requests.
 */
class FakeServer {
  constructor() {
    this.cases = new Map([['c1', { id: 'c1', state: 'dispatched', version: 1 }]]);
    this.keys = new Map(); // key -> {fingerprint, status, body}
    this.applied = []; // [caseId, action, key] of each change made
    this.posts = []; // every request that arrived: {path, key, auth, json?, fields?, photos?}
    this.script = [];
    this.fetch = (path, init) => this.#handle(path, init);
  }

  async #handle(path, init) {
    const next = this.script.shift();
    if (next && next.offline) throw new TypeError('Failed to fetch');
    const post = { path, key: init.headers['Idempotency-Key'], auth: init.headers.Authorization, type: init.headers['Content-Type'] };
    if (typeof init.body === 'string') {
      post.json = JSON.parse(init.body);
    } else {
      post.fields = [...init.body.entries()].filter(([, v]) => typeof v === 'string');
      post.photos = await Promise.all([...init.body.getAll('photo')].map(async (f) => ({ name: f.name, size: f.size, bytes: [...new Uint8Array(await f.arrayBuffer())] })));
    }
    this.posts.push(post);
    if (next && next.status) return answer(next.status, next.body, next.headers);
    const fingerprint = path + JSON.stringify(post.json || post.fields) + JSON.stringify(post.photos || []);
    const seen = this.keys.get(post.key);
    let result;
    if (seen) {
      result = seen.fingerprint === fingerprint ? seen : { status: 422, body: problem(422, 'key reused') };
    } else {
      result = this.#apply(path, post);
      if (result.status < 300) this.keys.set(post.key, { fingerprint, ...result });
    }
    if (next && next.answerLost) throw new TypeError('network error'); // applied, and the phone never hears
    return answer(result.status, result.body);
  }

  #apply(path, post) {
    if (path === '/api/v1/tasks') {
      const id = post.json ? post.json.id : new Map(post.fields).get('id');
      const created = { id, state: 'new', source: 'field', version: 1 };
      this.cases.set(id, created);
      this.applied.push([id, 'open', post.key]);
      return { status: 201, body: created };
    }
    const [, , , , id, action] = path.split('/');
    const found = this.cases.get(id);
    if (!found) return { status: 404, body: problem(404, 'no such task') };
    const [from, to] = TRANSITIONS[action];
    if (from && found.state !== from) return { status: 409, body: { ...problem(409, `cannot ${action} a ${found.state} case`), allowed: [] } };
    if (to) found.state = to;
    found.version++;
    this.applied.push([id, action, post.key]);
    return { status: 200, body: { ...found } };
  }
}

function answer(status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return { status, headers: { get: (name) => headers[name] ?? null }, text: async () => text };
}

const problem = (status, detail, errors) => ({ type: 'about:blank', title: 'Refused', status, detail, ...(errors ? { errors } : {}) });

let made = 0;
/** Queues an action as the page does: the entry's id is its Idempotency-Key. */
async function queue(action, body = {}, { photos = [], caseId = 'c1', kind = 'act' } = {}) {
  const id = 'key-' + String(++made).padStart(5, '0');
  await outbox.add({ id, unit: UNIT, createdAt: made, kind, caseId, action, title: '垃圾满溢', body, photos });
  return id;
}

const jpegBlob = (n) => new Blob([new Uint8Array([0xFF, 0xD8, n, n, 0xFF, 0xD9])], { type: 'image/jpeg' });

async function setUp(t, { script = [], capMs } = {}) {
  const clock = fakeClock(t);
  clock.random([], 0.9999);
  await outbox.open(outbox.WAITING_MAX, new FakeIndexedDb());
  const server = new FakeServer();
  server.script.push(...script);
  const settled = [];
  const refused = [];
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const start = () => {
    const q = sender.start({
      unit: UNIT, token: 'tok', onChange: () => {}, capMs, fetch: server.fetch, window: win, document: doc,
      navigator: { onLine: true }, onSettled: (e, c) => settled.push([e.id, c.state]), onRefused: (e, p) => refused.push([e.id, p.status]),
    });
    t.after(() => q.stop());
    return q;
  };
  return { clock, server, settled, refused, win, start };
}

const waitingIds = () => outbox.waiting(UNIT).map((e) => e.id);

test('签收 goes to POST /api/v1/tasks/{id}/accept with the token and the key made when it was queued', async (t) => {
  const { server, settled, start } = await setUp(t);
  const key = await queue('accept', { note: '马上到' });
  const q = start();
  await settle();
  assert.deepEqual(server.posts, [{ path: '/api/v1/tasks/c1/accept', key, auth: 'Bearer tok', type: 'application/json', json: { note: '马上到' } }]);
  assert.deepEqual(settled, [[key, 'handling']]);
  assert.deepEqual(waitingIds(), []);
  assert.deepEqual(outbox.sent(UNIT).map((e) => [e.id, e.status]), [[key, 200]]);
  assert.equal(q.status().net, 'online');
});

test('after a dead spot: signed, then reported back with photos, each sent once, in order, photos and all', async (t) => {
  const { clock, server, start } = await setUp(t, { script: Array(4).fill({ offline: true }) });
  const q = start();
  const accept = await queue('accept');
  q.kick();
  const report = await queue('report', { note: '已清运' }, { photos: [{ blob: jpegBlob(1), name: 'photo-1.jpg' }, { blob: jpegBlob(2), name: 'photo-2.jpg' }] });
  q.kick();
  await settle();
  assert.equal(q.status().net, 'offline');
  assert.deepEqual(waitingIds(), [accept, report]);
  await clock.run(30_000);
  assert.deepEqual(waitingIds(), []);
  assert.deepEqual(server.applied, [['c1', 'accept', accept], ['c1', 'report', report]]);
  const last = server.posts.at(-1);
  assert.equal(last.path, '/api/v1/tasks/c1/report');
  assert.equal(last.key, report);
  assert.equal(last.type, undefined, 'multipart: the browser writes the boundary');
  assert.deepEqual(last.fields, [['note', '已清运']], 'no location unless the unit allowed it');
  assert.deepEqual(last.photos.map((p) => [p.name, p.size, p.bytes[2]]), [['photo-1.jpg', 6, 1], ['photo-2.jpg', 6, 2]]);
  assert.equal(server.cases.get('c1').state, 'reported');
});

test('an answer lost after the server applied it: resent under the same key, applied once, the phone settles it', async (t) => {
  const { clock, server, settled, start } = await setUp(t, { script: [{ answerLost: true }] });
  const key = await queue('report', { note: 'x' }, { photos: [{ blob: jpegBlob(7), name: 'photo-1.jpg' }] });
  server.cases.get('c1').state = 'handling';
  start();
  await settle();
  assert.deepEqual(waitingIds(), [key], 'no answer: the phone cannot know');
  await clock.run(2_000);
  assert.deepEqual(server.posts.map((p) => p.key), [key, key]);
  assert.deepEqual(server.posts[0].photos, server.posts[1].photos, 'the same photo bytes again');
  assert.equal(server.applied.length, 1);
  assert.deepEqual(settled, [[key, 'reported']]);
});

test('409, the case moved on (an officer took it back): final, the server\'s words kept, never resent; the next goes', async (t) => {
  const { clock, server, refused, start } = await setUp(t);
  server.cases.get('c1').state = 'new';
  const bad = await queue('accept');
  const next = await queue('extend', { until: '2026-12-09T00:00:00+08:00', reason: '雨' });
  start();
  await clock.run(120_000, 1_000);
  assert.deepEqual(refused, [[bad, 409]]);
  const [kept] = outbox.rejected(UNIT);
  assert.equal(kept.id, bad);
  assert.equal(kept.detail, 'cannot accept a new case');
  assert.deepEqual(server.posts.map((p) => p.key), [bad, next]);
  assert.deepEqual(waitingIds(), []);
});

test('422 with the fields named: final, the errors kept to show', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 422, body: problem(422, 'invalid', [{ field: 'reason', message: 'is required' }]) }] });
  await queue('return', { reason: '' });
  start();
  await clock.run(60_000, 1_000);
  assert.equal(server.posts.length, 1);
  assert.deepEqual(outbox.rejected(UNIT)[0].errors, [{ field: 'reason', message: 'is required' }]);
});

test('409 "still in flight" (the first try is still being answered) is asked again, not filed as refused', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 409, body: problem(409, 'a request with this Idempotency-Key is in flight') }] });
  const key = await queue('accept');
  start();
  await settle();
  assert.deepEqual(outbox.rejected(UNIT), []);
  assert.deepEqual(waitingIds(), [key]);
  await clock.run(4_000);
  assert.deepEqual(waitingIds(), []);
  assert.equal(server.applied.length, 1);
});

test('401: nothing dropped, nothing retried until the unit signs in again', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 401, body: problem(401, 'token revoked') }] });
  const key = await queue('accept');
  const q = start();
  await clock.run(300_000, 1_000);
  assert.equal(server.posts.length, 1);
  assert.equal(q.status().net, 'refused');
  assert.deepEqual(waitingIds(), [key]);
  assert.deepEqual(outbox.rejected(UNIT), []);
});

test('503 with Retry-After: held for the time asked, then sent', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 503, body: problem(503, 'busy'), headers: { 'Retry-After': '20' } }] });
  const key = await queue('accept');
  const q = start();
  await settle();
  assert.equal(q.status().net, 'busy');
  q.retryNow();
  await clock.run(19_800);
  assert.equal(server.posts.length, 1);
  await clock.run(1_300);
  assert.deepEqual(server.applied.map((a) => a[2]), [key]);
});

test('a 200 that does not name the case (a captive portal\'s page) is not a delivery', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 200, body: '<html>登录 Wi-Fi</html>' }, { status: 200, body: { id: 'someone-else' } }] });
  const key = await queue('accept');
  const q = start();
  await settle();
  assert.deepEqual(waitingIds(), [key]);
  assert.equal(q.status().unexpected, 200);
  await clock.run(5_000);
  assert.deepEqual(waitingIds(), []);
  assert.equal(server.posts.length, 3);
});

test('locations allowed: one lat/lon pair a photo, in the photos\' order, empty for a photo without one', async (t) => {
  const { server, start } = await setUp(t);
  server.cases.get('c1').state = 'handling';
  await queue('report', { note: 'n' }, { photos: [
    { blob: jpegBlob(1), name: 'photo-1.jpg', lat: 31.2417, lon: 121.4701 },
    { blob: jpegBlob(2), name: 'photo-2.jpg' }] });
  start();
  await settle();
  assert.deepEqual(server.posts[0].fields, [['note', 'n'], ['lat', '31.2417'], ['lon', '121.4701'], ['lat', ''], ['lon', '']]);
});

test('上报事件: a new case under the page\'s own id, to POST /api/v1/tasks, photos as multipart', async (t) => {
  const { server, settled, start } = await setUp(t);
  const body = { id: 'case-new-1', title: '路灯损坏', category: 'other', urgency: 'normal', site: 'sn-jinpen', description: '三盏不亮' };
  const key = await queue('open', body, { kind: 'event', caseId: 'case-new-1', photos: [{ blob: jpegBlob(3), name: 'photo-1.jpg' }] });
  await queue('open', { ...body, id: 'case-new-2', title: '井盖缺失' }, { kind: 'event', caseId: 'case-new-2' });
  start();
  await settle();
  assert.deepEqual(server.posts.map((p) => p.path), ['/api/v1/tasks', '/api/v1/tasks']);
  assert.deepEqual(server.posts[0].fields, Object.entries(body));
  assert.equal(server.posts[0].photos.length, 1);
  assert.deepEqual(server.posts[1].json, { ...body, id: 'case-new-2', title: '井盖缺失' }, 'no photo: JSON');
  assert.deepEqual(settled, [[key, 'new'], [server.posts[1].key, 'new']]);
});

test('the timeout grows with the photos, for slow networks, to at most 10 minutes', () => {
  assert.equal(sender.timeoutMs(0), 20_000);
  assert.equal(sender.timeoutMs(2_000_000), 120_000);
  assert.equal(sender.timeoutMs(12_600_000), 600_000);
});

test('a 422 naming a photo\'s location is final as any 422: nothing is sent again without it', async (t) => {
  const refuse = { status: 422, body: problem(422, 'invalid', [{ field: 'lat[0]', message: 'must be empty or a decimal number of degrees from -90 to 90' }]) };
  const { clock, server, settled, start } = await setUp(t, { script: [refuse] });
  server.cases.get('c1').state = 'handling';
  const key = await queue('report', { note: 'n' }, { photos: [{ blob: jpegBlob(1), name: 'photo-1.jpg', lat: 31.2, lon: 121.4 }] });
  start();
  await clock.run(5_000, 1_000);
  assert.deepEqual(server.posts.map((p) => [p.key, p.fields.map(([k]) => k).join(',')]), [[key, 'note,lat,lon']]);
  assert.deepEqual(settled, []);
  assert.equal(server.applied.length, 0);
  assert.deepEqual(outbox.rejected(UNIT).map((e) => [e.id, e.status, e.errors.map((x) => x.field)]), [[key, 422, ['lat[0]']]]);
  assert.equal(outbox.rejected(UNIT)[0].photos[0].lat, 31.2, 'kept as sent, location included');
});

test('a 422 naming other fields beside the locations is final as any 422', async (t) => {
  const { clock, server, start } = await setUp(t, { script: [{ status: 422, body: problem(422, 'invalid', [{ field: 'lat', message: 'x' }, { field: 'note', message: 'is required' }]) }] });
  server.cases.get('c1').state = 'handling';
  await queue('report', {}, { photos: [{ blob: jpegBlob(1), name: 'photo-1.jpg', lat: 31.2, lon: 121.4 }] });
  start();
  await clock.run(5_000, 1_000);
  assert.equal(server.posts.length, 1);
  assert.equal(outbox.rejected(UNIT).length, 1);
});
