// The task tab's outbox (webroot/js/report/tasks/outbox.js over report/box.js): actions with their photos
// kept on the phone until the server has them, bounded per unit and by bytes.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as outbox from '../../../webroot/js/report/tasks/outbox.js';
import { room } from '../../../webroot/js/report/box.js';
import { FakeIndexedDb, quotaExceeded } from './fake-indexeddb.mjs';

let idb;

beforeEach(async () => {
  idb = new FakeIndexedDb();
  assert.equal(await outbox.open(outbox.WAITING_MAX, idb), true);
});

const photo = (bytes) => ({ blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name: 'p.jpg' });
const action = (id, createdAt, { unit = 'u1', photos = [] } = {}) => ({
  id, unit, createdAt, kind: 'act', caseId: 'c1', action: 'report', title: '垃圾满溢', body: { note: 'ok' }, photos,
});
const ids = (list) => list.map((e) => e.id);

test('an action is stored with its photos\' bytes, and a reload has them', async () => {
  await outbox.add(action('k1', 1, { photos: [photo(1000), photo(2000)] }));
  await outbox.open(outbox.WAITING_MAX, idb); // the page reloaded
  const [kept] = outbox.waiting('u1');
  assert.equal(kept.id, 'k1');
  assert.deepEqual(kept.photos.map((p) => p.blob.size), [1000, 2000]);
  assert.equal(kept.photos[0].blob.type, 'image/jpeg');
  assert.equal(outbox.bytes(), 3000 + JSON.stringify({ note: 'ok' }).length);
});

test('actions go oldest first, ties by id, one unit\'s only', async () => {
  await outbox.add(action('k3', 30));
  await outbox.add(action('k2', 10));
  await outbox.add(action('b', 20));
  await outbox.add(action('a', 20));
  await outbox.add(action('x', 5, { unit: 'u2' }));
  assert.deepEqual(ids(outbox.waiting('u1')), ['k2', 'a', 'b', 'k3']);
  assert.equal(outbox.waitingOfOthers('u1'), 1);
});

test('delivered: filed with the server\'s answer, without its photos (they are on the server)', async () => {
  const a = action('k1', 1, { photos: [photo(500)] });
  await outbox.add(a);
  await outbox.settle(a, 200, 99, { id: 'c1', state: 'reported' });
  assert.deepEqual(outbox.waiting('u1'), []);
  const [sent] = idb.contents('sent');
  assert.equal(sent.photos, undefined);
  assert.equal(sent.photoCount, 1);
  assert.deepEqual(sent.answer, { id: 'c1', state: 'reported' });
  assert.equal(sent.status, 200);
});

test('refused: kept with the server\'s words, the last 20 per unit', async () => {
  for (let i = 0; i < 23; i++) {
    const a = action('r' + i, i);
    await outbox.add(a);
    await outbox.reject(a, 409, { status: 409, title: 'Conflict', detail: 'the case is handling now, not dispatched' }, 100 + i);
  }
  const refused = outbox.rejected('u1');
  assert.equal(refused.length, 20);
  assert.equal(refused[0].id, 'r22');
  assert.equal(refused[0].detail, 'the case is handling now, not dispatched');
  assert.equal(idb.contents('rejected').length, 20);
  const a = action('t', 1);
  await outbox.add(a);
  await outbox.reject(a, 422, { status: 422, title: 'Unprocessable', errors: [{ field: 'reason', message: 'is required' }] }, 200);
  assert.equal(outbox.rejected('u1')[0].detail, 'Unprocessable', 'no detail: the title');
});

test('bounded per unit: the 101st action of one unit is refused with OutboxFull(unit), another unit\'s still fits', async () => {
  for (let i = 0; i < outbox.PER_UNIT; i++) await outbox.add(action('k' + i, i));
  assert.equal(outbox.full('u1'), 'unit');
  assert.equal(outbox.full('u2'), null);
  await assert.rejects(outbox.add(action('over', 999)), (e) => e instanceof outbox.OutboxFull && e.reason === 'unit');
  await outbox.add(action('theirs', 1, { unit: 'u2' }));
  assert.equal(outbox.waiting('u1').length, outbox.PER_UNIT);
});

test('bounded by bytes, all units together', () => {
  const limits = { max: 10, perUnit: 5, maxBytes: 10_000, bytes: (e) => e.size };
  const waiting = [{ unit: 'a', size: 6000 }, { unit: 'b', size: 3000 }];
  assert.equal(room({ unit: 'c', size: 1000 }, waiting, limits), null);
  assert.equal(room({ unit: 'c', size: 1001 }, waiting, limits), 'bytes');
  assert.equal(room({ unit: 'a', size: 1 }, Array(5).fill({ unit: 'a', size: 1 }), limits), 'unit');
  assert.equal(room({ unit: 'z', size: 1 }, Array(10).fill({ unit: 'y', size: 1 }), limits), 'count');
  assert.equal(room({ unit: 'z' }, Array(10).fill({ unit: 'y' }), { max: 11 }), null, 'no bytes counted: no byte bound');
});

test('a full disk says so and keeps nothing half-written', async () => {
  idb.failNext = quotaExceeded();
  await assert.rejects(outbox.add(action('k1', 1, { photos: [photo(10)] })), (e) => e.reason === 'quota');
  assert.deepEqual(outbox.waiting('u1'), []);
  assert.deepEqual(idb.contents('waiting'), []);
});

test('the reports\' outbox and the tasks\' are separate databases', async () => {
  const reports = await import('../../../webroot/js/report/outbox.js');
  const names = [];
  const recording = (fake) => ({ open: (name, version) => names.push(name) && fake.open(name, version) });
  await reports.open(10, recording(new FakeIndexedDb()));
  await outbox.open(10, recording(new FakeIndexedDb()));
  assert.deepEqual(names, ['watchfloor-field', 'watchfloor-field-tasks']);
});
