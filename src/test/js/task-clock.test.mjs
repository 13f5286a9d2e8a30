// The phone counts its tasks down by the server's clock (report/tasks/clock.js): the server's `now` moves the
// countdown, the skew is kept for a reload in a dead spot, and nonsense is ignored.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
  removeItem: (k) => store.delete(k),
};

const HOUR = 3_600_000;

beforeEach(() => store.clear());

test('with nothing seen, the phone counts by its own clock', async () => {
  const clock = await import('../../../webroot/js/report/tasks/clock.js?fresh=1');
  assert.ok(Math.abs(clock.now() - Date.now()) < 1000);
});

test('a kept skew from an earlier page counts a reloaded page by the server\'s clock', async () => {
  store.set('watchfloor.field.clockSkew', String(-2 * HOUR));
  const clock = await import('../../../webroot/js/report/tasks/clock.js?fresh=2');
  assert.ok(Math.abs(clock.now() - (Date.now() - 2 * HOUR)) < 1000, 'two hours behind the phone');
});

test('a kept skew past a year is ignored', async () => {
  store.set('watchfloor.field.clockSkew', String(400 * 24 * HOUR));
  const clock = await import('../../../webroot/js/report/tasks/clock.js?fresh=3');
  assert.ok(Math.abs(clock.now() - Date.now()) < 1000);
});

test('the server\'s now moves the countdown and is kept; a bad one changes nothing', async () => {
  const clock = await import('../../../webroot/js/report/tasks/clock.js?fresh=4');
  clock.observe('not a time');
  clock.observe(undefined);
  assert.equal(store.size, 0);
  const server = Date.now() + 3 * HOUR;
  clock.observe(new Date(server).toISOString());
  assert.ok(Math.abs(clock.now() - server) < 1000, 'three hours ahead of the phone');
  assert.ok(Math.abs(Number(store.get('watchfloor.field.clockSkew')) - 3 * HOUR) < 1000, 'kept for a reload');
});
