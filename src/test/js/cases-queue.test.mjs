// The console's case queue without a page (webroot/js/console/cases/filters.js and countdown.js):
// which cases the officer sees for each filter, in which order, and the deadline in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flags, matches, shown, NONE } from '../../../webroot/js/console/cases/filters.js';
import { countdown, duration } from '../../../webroot/js/console/cases/countdown.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse('2026-12-06T10:00:00Z');
const iso = (ms) => new Date(ms).toISOString();

// village-1 and village-2 lie in town-1; town-2 is beside it
const PARENT = { 'village-1': 'town-1', 'village-2': 'town-1', 'town-1': 'district', 'town-2': 'district' };
function within(area, ancestor) {
  for (let a = area; a; a = PARENT[a]) if (a === ancestor) return true;
  return false;
}

function kase(id, fields = {}) {
  return { id, title: 'case ' + id, category: 'sanitation', urgency: 'normal', area: 'village-1', state: 'dispatched',
    unit: 'demo-sanitation', openedAt: iso(NOW - 5 * HOUR), version: 2, supervision: null,
    dueAt: iso(NOW + 5 * HOUR), nearDueAt: iso(NOW + 3 * HOUR), nearDue: false, overdue: false, ...fields };
}

test('a case past its due time is overdue by the clock before the server\'s deadline clock says so', () => {
  const c = kase('a', { dueAt: iso(NOW - MIN), nearDueAt: iso(NOW - HOUR) });
  assert.deepEqual(flags(c, NOW), { overdue: true, nearDue: false });
  assert.deepEqual(flags(kase('b', { nearDueAt: iso(NOW - MIN) }), NOW), { overdue: false, nearDue: true });
  assert.deepEqual(flags(kase('c', { nearDue: true }), NOW), { overdue: false, nearDue: true }, 'the server\'s flag counts');
  assert.deepEqual(flags(kase('d'), NOW), { overdue: false, nearDue: false });
});

test('a parked, closed or cancelled case has no running deadline: neither overdue nor near due', () => {
  for (const state of ['parked', 'closed', 'cancelled']) {
    assert.deepEqual(flags(kase(state, { state, dueAt: iso(NOW - HOUR), overdue: true }), NOW), { overdue: false, nearDue: false }, state);
  }
  assert.deepEqual(flags(kase('new', { state: 'new', dueAt: null, nearDueAt: null }), NOW), { overdue: false, nearDue: false });
});

test('the queue shows open cases by default, and every state on asking', () => {
  const cases = ['new', 'dispatched', 'handling', 'reported', 'parked', 'closed', 'cancelled'].map((state) => kase(state, { state }));
  assert.deepEqual(shown(cases, NONE, NOW, within).map((c) => c.id).sort(), ['dispatched', 'handling', 'new', 'parked', 'reported']);
  assert.equal(shown(cases, { ...NONE, state: 'all' }, NOW, within).length, 7);
  assert.deepEqual(shown(cases, { ...NONE, state: 'closed' }, NOW, within).map((c) => c.id), ['closed']);
});

test('each filter narrows by its field; an area takes in the villages below it', () => {
  const cases = [
    kase('v1', { area: 'village-1' }),
    kase('v2', { area: 'village-2', category: 'petition', unit: 'demo-petitions' }),
    kase('t2', { area: 'town-2', supervision: 'red' }),
    kase('y', { area: 'village-1', supervision: 'yellow' }),
  ];
  const ids = (f) => shown(cases, { ...NONE, ...f }, NOW, within).map((c) => c.id).sort();
  assert.deepEqual(ids({ area: 'town-1' }), ['v1', 'v2', 'y']);
  assert.deepEqual(ids({ area: 'village-2' }), ['v2']);
  assert.deepEqual(ids({ category: 'petition' }), ['v2']);
  assert.deepEqual(ids({ unit: 'demo-petitions' }), ['v2']);
  assert.deepEqual(ids({ supervised: 'any' }), ['t2', 'y']);
  assert.deepEqual(ids({ supervised: 'red' }), ['t2']);
  assert.deepEqual(ids({ area: 'town-1', supervised: 'any' }), ['y'], 'filters add up');
});

test('overdue and near due filter by the clock; both ticked means either', () => {
  const cases = [kase('late', { dueAt: iso(NOW - MIN) }), kase('soon', { nearDueAt: iso(NOW - MIN) }), kase('fine')];
  const ids = (f) => shown(cases, { ...NONE, ...f }, NOW, within).map((c) => c.id).sort();
  assert.deepEqual(ids({ overdue: true }), ['late']);
  assert.deepEqual(ids({ nearDue: true }), ['soon']);
  assert.deepEqual(ids({ overdue: true, nearDue: true }), ['late', 'soon']);
  assert.equal(matches(cases[2], { ...NONE, overdue: true }, NOW + 6 * HOUR, within), true, 'late once its time has passed');
});

test('overdue first, then near due, then the newest', () => {
  const cases = [
    kase('old', { openedAt: iso(NOW - 9 * HOUR) }),
    kase('newest', { openedAt: iso(NOW - MIN) }),
    kase('soon', { openedAt: iso(NOW - 8 * HOUR), nearDue: true }),
    kase('late-old', { openedAt: iso(NOW - 20 * HOUR), overdue: true, dueAt: iso(NOW - HOUR) }),
    kase('late-new', { openedAt: iso(NOW - 2 * HOUR), dueAt: iso(NOW - MIN) }),
    kase('parked', { state: 'parked', openedAt: iso(NOW - 30 * HOUR), overdue: true, dueAt: iso(NOW - HOUR) }),
  ];
  assert.deepEqual(shown(cases, NONE, NOW, within).map((c) => c.id), ['late-new', 'late-old', 'soon', 'newest', 'old', 'parked']);
});

test('the deadline in words: minutes, hours and minutes, hours, days; rounded down', () => {
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 2 * HOUR) }), NOW).text, '剩 2 小时');
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 2 * HOUR + 59_999) }), NOW).text, '剩 2 小时');
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 2 * HOUR + 5 * MIN) }), NOW).text, '剩 2 小时 5 分');
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 30 * HOUR + 40 * MIN) }), NOW).text, '剩 30 小时');
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 75 * HOUR) }), NOW).text, '剩 3 天 3 小时');
  assert.equal(countdown(kase('a', { dueAt: iso(NOW + 30_000) }), NOW).text, '剩 不到 1 分钟');
  const late = countdown(kase('b', { dueAt: iso(NOW - 35 * MIN - 10_000) }), NOW);
  assert.deepEqual(late, { kind: 'over', text: '超期 35 分钟' });
  assert.equal(countdown(kase('b', { dueAt: iso(NOW) }), NOW).kind, 'over', 'due now is due');
  assert.equal(duration(48 * HOUR), '2 天');
});

test('no countdown without a running deadline; the server\'s nanoseconds parse', () => {
  assert.deepEqual(countdown(kase('n', { state: 'new', dueAt: null }), NOW), { kind: 'none', text: '—' });
  assert.equal(countdown(kase('p', { state: 'parked' }), NOW).kind, 'none');
  assert.equal(countdown(kase('c', { state: 'closed' }), NOW).kind, 'none');
  assert.equal(countdown(kase('x', { dueAt: '2026-12-06T10:35:00.123456789Z' }), NOW).text, '剩 35 分钟');
});
