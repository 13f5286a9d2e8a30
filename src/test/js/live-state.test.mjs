// The wall screen's copy of the live state (webroot/js/live-state.js): what a screen shows after a
// snapshot and the deltas and alert frames that follow it.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as live from '../../../webroot/js/live-state.js';

const snapshot = () => ({
  kpis: { checks: 12, returned: 3 },
  sites: { s1: { lastReportAt: '2026-12-06T08:00:00Z', counts: { a: 1, b: 2 } }, s2: { counts: { a: 5 } } },
  hourly: [1, 2, 3],
  alerts: { a1: { id: 'a1', site: 's1', severity: 'warning', state: 'open', firstSeen: '2026-12-06T07:00:00Z' } },
});

beforeEach(() => {
  live.replace(snapshot());
  live.clearChanged();
});

test('a delta changes only the leaves it carries and keeps their siblings', () => {
  live.applyDelta({ sites: { s1: { counts: { a: 7 } } } });
  const s = live.current();
  assert.deepEqual(s.sites.s1.counts, { a: 7, b: 2 });
  assert.equal(s.sites.s1.lastReportAt, '2026-12-06T08:00:00Z');
  assert.deepEqual(s.sites.s2, { counts: { a: 5 } });
  assert.deepEqual(s.kpis, { checks: 12, returned: 3 });
});

test('deltas carry absolute values: applied in order the newest wins, never a sum', () => {
  live.applyDelta({ kpis: { checks: 13 } });
  live.applyDelta({ kpis: { checks: 15 } });
  assert.equal(live.current().kpis.checks, 15);
  live.applyDelta({ kpis: { checks: 15 } }); // the same delta twice changes nothing more
  assert.equal(live.current().kpis.checks, 15);
});

test('null removes a leaf or a whole branch', () => {
  live.applyDelta({ sites: { s1: { counts: { b: null } }, s2: null } });
  const s = live.current();
  assert.deepEqual(s.sites.s1.counts, { a: 1 });
  assert.equal('s2' in s.sites, false);
});

test('an array is replaced whole, not merged index by index', () => {
  live.applyDelta({ hourly: [9] });
  assert.deepEqual(live.current().hourly, [9]);
});

test('a new branch is copied, so a later delta cannot change the frame it came from', () => {
  const changes = { sites: { s3: { counts: { a: 1 } } } };
  live.applyDelta(changes);
  live.applyDelta({ sites: { s3: { counts: { a: 2 } } } });
  assert.equal(live.current().sites.s3.counts.a, 2);
  assert.equal(changes.sites.s3.counts.a, 1);
});

test('an object replaces a leaf that was a number or an array', () => {
  live.applyDelta({ hourly: { today: [1] }, kpis: { checks: { morning: 4 } } });
  assert.deepEqual(live.current().hourly, { today: [1] });
  assert.deepEqual(live.current().kpis.checks, { morning: 4 });
});

test('a delta before any snapshot is ignored, and a snapshot replaces everything', () => {
  live.replace({ kpis: { checks: 1 } });
  assert.deepEqual(live.current(), { kpis: { checks: 1 }, alerts: {} });
  live.applyDelta(null);
  assert.deepEqual(live.current().kpis, { checks: 1 });
});

test('each delta marks the parts it touched for the next render; a snapshot marks all', () => {
  assert.equal(live.anyChanged(), false);
  live.applyDelta({ kpis: { checks: 20 } });
  assert.equal(live.hasChanged('kpis'), true);
  assert.equal(live.hasChanged('sites'), false);
  live.clearChanged();
  assert.equal(live.hasChanged('kpis'), false);
  live.replace(snapshot());
  assert.equal(live.hasChanged('sites'), true);
  assert.equal(live.hasChanged('anything'), true);
});

test('alerts are kept by id: a newer frame of the same alert replaces it, a resolved or closed one leaves', () => {
  live.applyAlert({ id: 'a1', site: 's1', severity: 'critical', state: 'acknowledged', firstSeen: '2026-12-06T07:00:00Z' });
  assert.equal(Object.keys(live.current().alerts).length, 1);
  assert.equal(live.current().alerts.a1.severity, 'critical');
  assert.equal(live.hasChanged('alerts'), true);
  live.applyAlert({ id: 'a2', site: 's2', severity: 'info', state: 'open' });
  live.applyAlert({ id: 'a1', state: 'resolved' });
  assert.deepEqual(Object.keys(live.current().alerts), ['a2']);
  live.applyAlert({ id: 'a2', state: 'closed' });
  assert.deepEqual(live.current().alerts, {});
});

test('an alert frame without an id, or before a snapshot arrived, changes nothing', () => {
  live.applyAlert({ site: 's1', severity: 'critical', state: 'open' });
  live.applyAlert('garbage');
  assert.deepEqual(Object.keys(live.current().alerts), ['a1']);
});

test('an alert that changed by a delta is patched in place, and a delta removing it removes it', () => {
  live.applyDelta({ alerts: { a1: { state: 'acknowledged' } } });
  assert.equal(live.current().alerts.a1.state, 'acknowledged');
  assert.equal(live.current().alerts.a1.severity, 'warning');
  live.applyDelta({ alerts: { a1: null } });
  assert.deepEqual(live.current().alerts, {});
});

test('a snapshot or delta whose alerts are not a map leaves an empty map, never a broken screen', () => {
  live.replace({ alerts: [1, 2] });
  assert.deepEqual(live.current().alerts, {});
  live.applyDelta({ alerts: [3] });
  assert.deepEqual(live.current().alerts, {});
  live.applyAlert({ id: 'x', state: 'open' });
  assert.deepEqual(Object.keys(live.current().alerts), ['x']);
});

test('a storm of alerts keeps the newest MAX_ALERTS by first seen, whatever order they came in', () => {
  live.replace({});
  const total = live.MAX_ALERTS + 50;
  const at = (i) => new Date(Date.UTC(2026, 11, 6, 0, 0, i)).toISOString();
  // arrive newest first, so insertion order and age disagree
  for (let i = total - 1; i >= 0; i--) live.applyAlert({ id: 'a' + i, state: 'open', firstSeen: at(i) });
  const ids = Object.keys(live.current().alerts);
  assert.equal(ids.length, live.MAX_ALERTS);
  for (let i = 0; i < 50; i++) assert.equal(ids.includes('a' + i), false, 'old alert a' + i + ' kept');
  for (let i = 50; i < total; i++) assert.equal(ids.includes('a' + i), true, 'new alert a' + i + ' dropped');
});

test('merge() on its own: absolute values, null deletes, returns the target', () => {
  const target = { a: { b: 1, c: 2 }, d: [1] };
  assert.equal(live.merge(target, { a: { c: null, e: 3 }, d: [2, 3] }), target);
  assert.deepEqual(target, { a: { b: 1, e: 3 }, d: [2, 3] });
});
