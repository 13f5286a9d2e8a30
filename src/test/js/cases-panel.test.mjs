// The wall's cases panel and ticker (webroot/js/panels/cases.js, panels/ticker.js) and the case frames'
// effect on the screen's state (live-state.js): what a wall shows of the closed loop (事件闭环).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as catalog from '../../../webroot/js/catalog.js';
import * as live from '../../../webroot/js/live-state.js';
import * as serverClock from '../../../webroot/js/server-clock.js';
import { shape, percent, rateLevel } from '../../../webroot/js/panels/cases.js';
import { overdueRows } from '../../../webroot/js/panels/ticker.js';

const CHILDREN = [
  { id: 'v1', parent: 't', label: { zh: '金盆村', en: 'Jinpen' } },
  { id: 'v2', parent: 't', label: { zh: '天井村', en: 'Tianjing' } },
  { id: 'v3', parent: 't', label: { zh: '凉亭村', en: 'Liangting' } },
];

before(() => {
  catalog.setCatalog({
    jurisdiction: { id: 't', timezone: 'Asia/Shanghai' },
    scope: 't',
    areas: [{ id: 't', label: { zh: '许东镇' } }, ...CHILDREN],
    siteKinds: [],
    sites: [],
    metrics: [],
  });
  serverClock.setTimeZone('Asia/Shanghai');
});

const overdueCase = (id, dueAt, extra = {}) => Object.assign(
  { id, title: '垃圾满溢 ' + id, area: 'v1', state: 'handling', stage: 'handle', dueAt, overdue: true, nearDue: false }, extra);

beforeEach(() => {
  live.replace({ alerts: {}, cases: { byArea: {}, overdue: [] } });
  live.clearChanged();
});

test('one row per child area in the catalogue\'s order, with its counts and today\'s rates', () => {
  const shaped = shape({
    byArea: {
      v2: { open: 4, overdue: 1, nearDue: 2, signedOnTime: 0.875, closedOnTime: 0.5 },
      v1: { open: 3, overdue: 0, nearDue: 0, signedOnTime: 1, closedOnTime: null },
    },
    total: { open: 7, overdue: 1, nearDue: 2, signedOnTime: 0.9, closedOnTime: 0.5 },
  }, catalog.children('t'));
  assert.deepEqual(shaped.rows.map((r) => r.id), ['v1', 'v2', 'v3']);
  assert.equal(shaped.rows[0].name, '金盆村');
  assert.deepEqual([shaped.rows[1].open, shaped.rows[1].overdue, shaped.rows[1].nearDue], [4, 1, 2]);
  assert.equal(shaped.rows[1].signedOnTime, '87.5%');
  assert.equal(shaped.rows[1].signedLevel, 'warn');
  assert.equal(shaped.rows[0].closedOnTime, '—', 'nothing closed today: a dash, not 0 %');
  assert.equal(shaped.rows[2].open, 0, 'an area the state does not name shows zeros');
  assert.equal(shaped.total.open, 7);
  assert.equal(shaped.total.signedOnTime, '90%');
});

test('without a total the scope\'s figures are the sum of its rows; junk reads as zero', () => {
  const shaped = shape({ byArea: { v1: { open: 2, overdue: 1 }, v2: { open: 'x', overdue: -3, nearDue: 1 } } },
    catalog.children('t'));
  assert.deepEqual([shaped.total.open, shaped.total.overdue, shaped.total.nearDue], [2, 1, 1]);
});

test('a state without a cases part (an older server, a replayed day) shows dashes, not zeros', () => {
  const shaped = shape(undefined, catalog.children('t'));
  assert.equal(shaped.total.open, null);
  assert.equal(shaped.rows[0].overdue, null);
  assert.equal(shaped.rows[0].signedOnTime, '—');
});

test('rates read as percentages with their colour; no rate is a dash', () => {
  assert.equal(percent(0.9), '90%');
  assert.equal(percent(2 / 3), '66.7%');
  assert.equal(percent(null), '—');
  assert.equal(percent(NaN), '—');
  assert.deepEqual([rateLevel(0.95), rateLevel(0.7), rateLevel(0.2), rateLevel(undefined)], ['good', 'warn', 'bad', 'none']);
});

test('the ticker reads an overdue case as 超期, its supervision, its deadline and where and what', () => {
  const rows = overdueRows({ cases: { overdue: [overdueCase('c1', '2026-12-06T01:30:00Z', { supervision: 'red' })] } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].severity, 'overdue');
  assert.equal(rows[0].tag, '红色督办');
  assert.equal(rows[0].when, '时限 09:30');
  assert.equal(rows[0].what, '金盆村 · 垃圾满溢 c1');
  assert.deepEqual(overdueRows({}), []);
  assert.deepEqual(overdueRows({ cases: { overdue: 'junk' } }), []);
});

test('a case frame that turns overdue joins the ticker\'s list at once, the longest overdue first', () => {
  live.applyCase(overdueCase('late', '2026-12-06T02:00:00Z'));
  live.applyCase(overdueCase('later', '2026-12-06T01:00:00Z'));
  assert.ok(live.hasChanged('cases'));
  assert.deepEqual(live.current().cases.overdue.map((c) => c.id), ['later', 'late']);
});

test('a case frame that is no longer overdue (closed, parked, or its deadline moved) leaves the list', () => {
  live.applyCase(overdueCase('a', '2026-12-06T01:00:00Z'));
  live.applyCase(overdueCase('b', '2026-12-06T01:10:00Z'));
  live.applyCase(overdueCase('c', '2026-12-06T01:20:00Z'));
  live.applyCase(overdueCase('a', '2026-12-06T01:00:00Z', { state: 'closed', stage: null }));
  live.applyCase(overdueCase('b', '2026-12-06T01:10:00Z', { state: 'parked' }));
  live.applyCase(overdueCase('c', '2026-12-07T01:00:00Z', { overdue: false }));
  assert.deepEqual(live.current().cases.overdue, []);
});

test('the list stays as short as the server\'s, and a frame without an id changes nothing', () => {
  for (let i = 0; i < 30; i++) live.applyCase(overdueCase('c' + i, new Date(Date.UTC(2026, 11, 6, 0, i)).toISOString()));
  assert.equal(live.current().cases.overdue.length, live.MAX_OVERDUE);
  assert.equal(live.current().cases.overdue[0].id, 'c0');
  live.clearChanged();
  live.applyCase({ title: 'no id' });
  live.applyCase(null);
  assert.equal(live.hasChanged('cases'), false);
});
