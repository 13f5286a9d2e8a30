// The field page's outbox (webroot/js/report/outbox.js): a report written on the phone is kept until the
// server has it, survives a reload, and leaves "waiting" only in the write that files it elsewhere.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as outbox from '../../../webroot/js/report/outbox.js';
import { FakeIndexedDb, brokenIndexedDb, quotaExceeded } from './fake-indexeddb.mjs';

let idb;

beforeEach(async () => {
  idb = new FakeIndexedDb();
  assert.equal(await outbox.open(50, idb), true);
});

const report = (id, createdAt, unit = 'u1') => ({ id, unit, createdAt, body: { id, site: 's1', counts: { a: 1 } } });
const ids = (list) => list.map((e) => e.id);

test('a report added is stored before anything else, and a reload still has it', async () => {
  await outbox.add(report('r1', 1));
  assert.deepEqual(ids(idb.contents('waiting')), ['r1']);
  await outbox.open(50, idb); // the page reloaded
  assert.deepEqual(ids(outbox.waiting('u1')), ['r1']);
  assert.equal(outbox.durable(), true);
});

test('waiting reports come oldest first, ties by id, and only the signed-in unit\'s', async () => {
  await outbox.add(report('r3', 30));
  await outbox.add(report('r2', 10));
  await outbox.add(report('b', 20));
  await outbox.add(report('a', 20));
  await outbox.add(report('x1', 5, 'u2'));
  assert.deepEqual(ids(outbox.waiting('u1')), ['r2', 'a', 'b', 'r3']);
  assert.equal(outbox.waitingOfOthers('u1'), 1);
  assert.deepEqual(ids(outbox.waiting('u2')), ['x1']);
});

test('delivered: the report leaves waiting and is filed as sent in the same write', async () => {
  const r = report('r1', 1);
  await outbox.add(r);
  await outbox.settle(r, 'accepted', 100);
  assert.deepEqual(ids(idb.contents('waiting')), []);
  assert.deepEqual(idb.contents('sent').map((e) => [e.id, e.status, e.ackAt]), [['r1', 'accepted', 100]]);
  assert.deepEqual(outbox.waiting('u1'), []);
  assert.deepEqual(outbox.sent('u1').map((e) => e.status), ['accepted']);
});

test('a write that fails changes nothing: the report is still waiting, on disk and on the page', async () => {
  const r = report('r1', 1);
  await outbox.add(r);
  idb.failNext = new Error('disk went away');
  await assert.rejects(outbox.settle(r, 'accepted', 100));
  assert.deepEqual(ids(outbox.waiting('u1')), ['r1']);
  assert.deepEqual(outbox.sent('u1'), []);
  assert.deepEqual(ids(idb.contents('waiting')), ['r1']);
  assert.deepEqual(idb.contents('sent'), []);
  idb.failNext = new Error('again');
  await assert.rejects(outbox.reject(r, 422, { detail: 'no' }, 100));
  assert.deepEqual(ids(outbox.waiting('u1')), ['r1']);
  assert.deepEqual(outbox.rejected('u1'), []);
});

test('a full disk says "outbox full" and keeps nothing half-written', async () => {
  idb.failNext = quotaExceeded();
  await assert.rejects(outbox.add(report('r1', 1)), outbox.OutboxFull);
  assert.deepEqual(outbox.waiting('u1'), []);
  assert.deepEqual(idb.contents('waiting'), []);
});

test('at the limit a new report is refused with OutboxFull, not dropped silently, and the old ones stay', async () => {
  await outbox.open(3, idb);
  for (let i = 0; i < 3; i++) await outbox.add(report('r' + i, i));
  assert.equal(outbox.isFull(), true);
  await assert.rejects(outbox.add(report('r3', 3)), outbox.OutboxFull);
  assert.deepEqual(ids(outbox.waiting('u1')), ['r0', 'r1', 'r2']);
  await outbox.settle(report('r0', 0), 'accepted', 5);
  await outbox.add(report('r3', 3)); // room again once one is delivered
  assert.deepEqual(ids(outbox.waiting('u1')), ['r1', 'r2', 'r3']);
});

test('the last 20 deliveries per unit are kept, newest first; other units\' are untouched', async () => {
  await outbox.add(report('other', 0, 'u2'));
  await outbox.settle(report('other', 0, 'u2'), 'accepted', 1);
  for (let i = 0; i < 25; i++) {
    const r = report('r' + i, i);
    await outbox.add(r);
    await outbox.settle(r, i % 2 ? 'duplicate' : 'accepted', 1000 + i);
  }
  const sent = outbox.sent('u1');
  assert.equal(sent.length, 20);
  assert.equal(sent[0].id, 'r24');
  assert.equal(sent[19].id, 'r5');
  assert.equal(idb.contents('sent').filter((e) => e.unit === 'u1').length, 20);
  assert.deepEqual(ids(outbox.sent('u2')), ['other']);
});

test('refused: kept with the server\'s reasons, never waiting again, until dismissed', async () => {
  const r = report('r1', 1);
  await outbox.add(r);
  await outbox.reject(r, 422, { detail: 'count too large', errors: [{ field: 'counts.a' }] }, 50);
  assert.deepEqual(outbox.waiting('u1'), []);
  const [kept] = outbox.rejected('u1');
  assert.equal(kept.status, 422);
  assert.equal(kept.detail, 'count too large');
  assert.deepEqual(kept.errors, [{ field: 'counts.a' }]);
  assert.deepEqual(kept.body, r.body, 'what was written is still there to read');
  await outbox.open(50, idb);
  assert.equal(outbox.rejected('u1').length, 1);
  await outbox.dismiss('r1');
  assert.deepEqual(outbox.rejected('u1'), []);
  assert.deepEqual(idb.contents('rejected'), []);
});

test('without IndexedDB the outbox still works, in memory, and says it is not durable', async (t) => {
  t.mock.method(console, 'warn', () => {});
  assert.equal(await outbox.open(50, brokenIndexedDb), false);
  assert.equal(outbox.durable(), false);
  const r = report('r1', 1);
  await outbox.add(r);
  assert.deepEqual(ids(outbox.waiting('u1')), ['r1']);
  await outbox.settle(r, 'accepted', 9);
  assert.deepEqual(outbox.waiting('u1'), []);
  assert.equal(outbox.sent('u1').length, 1);
});
