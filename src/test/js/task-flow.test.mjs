// The unit's side of a case (webroot/js/report/tasks/flow.js): what it may do, what it sees while its
// actions wait on the phone, which trail lines are for it, and the order of its list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unitActions, withPending, forUnit, tasksView, unitDue } from '../../../webroot/js/report/tasks/flow.js';

const task = (over = {}) => ({
  id: 'c1', title: '垃圾满溢', state: 'dispatched', stage: 'sign', urgency: 'normal', openedAt: '2026-12-07T01:00:00Z',
  dueAt: '2026-12-07T02:00:00Z', nearDueAt: '2026-12-07T01:48:00Z', nearDue: true, overdue: false, extensionAsked: null,
  allowed: ['accept', 'return', 'extend', 'park', 'cancel', 'supervise', 'urge'], ...over,
});
const act = (action, body = {}, caseId = 'c1') => ({ kind: 'act', caseId, action, body });

test('a unit is offered only its own actions that the state allows, never the officers\'', () => {
  assert.deepEqual(unitActions(task()), ['accept', 'extend', 'return']);
  assert.deepEqual(unitActions(task({ state: 'handling', allowed: ['report', 'return', 'extend', 'park', 'urge'] })),
    ['report', 'extend', 'return']);
  assert.deepEqual(unitActions(task({ state: 'reported', allowed: ['verify', 'urge'] })), []);
});

test('one extension asked at a time', () => {
  assert.deepEqual(unitActions(task({ extensionAsked: { until: '2026-12-08T00:00:00Z' } })), ['accept', 'return']);
});

test('without the server\'s allowed list, the state decides', () => {
  const { allowed, ...bare } = task({ state: 'handling' });
  assert.deepEqual(unitActions(bare), ['report', 'extend', 'return']);
  assert.deepEqual(unitActions({ ...bare, state: 'closed' }), []);
});

test('signed on the phone and reported back: the task shows as reported, its deadline gone until the server starts the next', () => {
  const signed = withPending(task(), [act('accept')]);
  assert.equal(signed.state, 'handling');
  assert.deepEqual(signed.pending, ['accept']);
  assert.deepEqual(unitActions(signed), ['report', 'extend', 'return']);
  assert.equal(signed.dueAt, null);
  assert.equal(signed.nearDue, false);
  const reported = withPending(task(), [act('accept'), act('report', { note: 'done' })]);
  assert.equal(reported.state, 'reported');
  assert.deepEqual(unitActions(reported), []);
  assert.deepEqual(reported.pending, ['accept', 'report']);
});

test('an extension asked on the phone is shown as asked, and no second one is offered', () => {
  const view = withPending(task(), [act('extend', { until: '2026-12-09T00:00:00+08:00', reason: '雨' })]);
  assert.deepEqual(view.extensionAsked, { until: '2026-12-09T00:00:00+08:00', reason: '雨', pending: true });
  assert.equal(view.state, 'dispatched');
  assert.equal(view.dueAt, task().dueAt, 'the deadline still runs');
  assert.deepEqual(unitActions(view), ['accept', 'return']);
});

test('handed back on the phone: marked returned, nothing more to do', () => {
  const view = withPending(task(), [act('return', { reason: '不归我管' })]);
  assert.equal(view.returned, true);
  assert.deepEqual(unitActions(view), []);
});

test('an action the state did not allow changes nothing on the phone: the server will say', () => {
  const view = withPending(task({ state: 'reported', allowed: [] }), [act('accept')]);
  assert.equal(view.state, 'reported');
  assert.deepEqual(view.pending, ['accept']);
});

test('the trail shows the unit what was asked of it and what it did, not officers\' bookkeeping', () => {
  const trail = ['open', 'dispatch', 'urge', 'park', 'resume', 'supervise', 'accept', 'escalate', 'report', 'verify', 'cancel']
    .map((action, seq) => ({ seq, action }));
  assert.deepEqual(forUnit(trail).map((l) => l.action), ['open', 'dispatch', 'urge', 'resume', 'supervise', 'accept', 'report', 'verify']);
  assert.deepEqual(forUnit(undefined), []);
});

test('the list: to be signed first, then the soonest due, then the most urgent, then the newest', () => {
  const tasks = [
    task({ id: 'h-late', state: 'handling', dueAt: '2026-12-09T00:00:00Z' }),
    task({ id: 'h-soon', state: 'handling', dueAt: '2026-12-07T03:00:00.000000001Z' }),
    task({ id: 'd-none', dueAt: null }),
    task({ id: 'd-soon', dueAt: '2026-12-07T02:00:00Z' }),
    task({ id: 'r-normal', state: 'reported', dueAt: null, urgency: 'normal', openedAt: '2026-12-07T05:00:00Z' }),
    task({ id: 'r-emerg', state: 'reported', dueAt: null, urgency: 'emergency', openedAt: '2026-12-07T01:00:00Z' }),
    task({ id: 'r-normal-old', state: 'reported', dueAt: null, urgency: 'normal', openedAt: '2026-12-06T05:00:00Z' }),
  ];
  assert.deepEqual(tasksView(tasks, []).map((t) => t.id),
    ['d-soon', 'd-none', 'h-soon', 'h-late', 'r-emerg', 'r-normal', 'r-normal-old']);
});

test('the list applies each task\'s own waiting actions, and ignores new events', () => {
  const view = tasksView([task({ id: 'a' }), task({ id: 'b' })],
    [act('accept', {}, 'b'), { kind: 'event', caseId: 'new-1', action: 'open', body: {} }]);
  assert.deepEqual(view.map((t) => [t.id, t.state]), [['a', 'dispatched'], ['b', 'handling']]);
});

test('the unit is shown the clock of its own stages only: signing and handling, not the officers\' verifying', () => {
  const now = Date.parse('2026-12-07T01:00:00Z');
  assert.deepEqual(unitDue(task({ stage: 'sign' }), now), { key: 'due.left.h', vars: { h: 1, m: 0 }, level: 'near' });
  assert.equal(unitDue(task({ state: 'handling', stage: 'handle' }), now).key, 'due.left.h');
  assert.deepEqual(unitDue(task({ state: 'reported', stage: 'verify' }), now), { key: null, vars: {}, level: 'none' });
  assert.equal(unitDue(task({ state: 'new', stage: null }), now).key, null);
});
