// The task tab's countdown (webroot/js/report/tasks/countdown.js): what a unit reads of the time left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countdown, span, instant } from '../../../webroot/js/report/tasks/countdown.js';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const at = (ms) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;

test('time left counts whole units down: days and hours, hours and minutes, minutes, under a minute', () => {
  assert.deepEqual(span(2 * 24 * H + 5 * H + 59 * MIN), { unit: 'd', vars: { d: 2, h: 5 } });
  assert.deepEqual(span(24 * H), { unit: 'd', vars: { d: 1, h: 0 } });
  assert.deepEqual(span(47 * H + 59 * MIN), { unit: 'd', vars: { d: 1, h: 23 } }, 'never rounded up');
  assert.deepEqual(span(24 * H - 1), { unit: 'h', vars: { h: 23, m: 59 } });
  assert.deepEqual(span(2 * H + 15 * MIN + 59_999), { unit: 'h', vars: { h: 2, m: 15 } });
  assert.deepEqual(span(H - 1), { unit: 'm', vars: { m: 59 } });
  assert.deepEqual(span(MIN), { unit: 'm', vars: { m: 1 } });
  assert.deepEqual(span(59_999), { unit: 'lt1', vars: {} });
  assert.deepEqual(span(-5), { unit: 'lt1', vars: {} });
});

test('before the deadline: time left, ok until 80 % (nearDueAt), near after it', () => {
  const task = { dueAt: at(2 * H + 15 * MIN), nearDueAt: at(30 * MIN) };
  assert.deepEqual(countdown(task, NOW), { key: 'due.left.h', vars: { h: 2, m: 15 }, level: 'ok' });
  assert.equal(countdown(task, NOW + 30 * MIN).level, 'near');
  assert.deepEqual(countdown(task, NOW + 2 * H + 14 * MIN + 1), { key: 'due.left.lt1', vars: {}, level: 'near' });
});

test('at and after the deadline: overdue, by how long', () => {
  const task = { dueAt: at(0), nearDueAt: at(-H) };
  assert.deepEqual(countdown(task, NOW), { key: 'due.over.lt1', vars: {}, level: 'overdue' });
  assert.deepEqual(countdown(task, NOW + 35 * MIN), { key: 'due.over.m', vars: { m: 35 }, level: 'overdue' });
  assert.deepEqual(countdown(task, NOW + 27 * H), { key: 'due.over.d', vars: { d: 1, h: 3 }, level: 'overdue' });
});

test('the server\'s flags count when the phone\'s clock is behind', () => {
  const task = { dueAt: at(H), nearDueAt: at(30 * MIN) };
  assert.equal(countdown({ ...task, nearDue: true }, NOW).level, 'near');
  assert.equal(countdown({ ...task, overdue: true }, NOW).level, 'overdue');
});

test('no deadline (a stage without one, a garbled time): no countdown', () => {
  assert.deepEqual(countdown({ dueAt: null }, NOW), { key: null, vars: {}, level: 'none' });
  assert.deepEqual(countdown({ dueAt: 'soon' }, NOW), { key: null, vars: {}, level: 'none' });
  assert.deepEqual(countdown(null, NOW).level, 'none');
});

test('instants with nanoseconds, as Java sends them', () => {
  assert.equal(instant('2026-12-07T08:00:00.123456789Z'), NOW + 123);
  assert.ok(Number.isNaN(instant(undefined)));
});
