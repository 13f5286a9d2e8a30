// The unit's side of a case (docs/pages.md#task-tab), pure: which of its four actions a task allows
// now, what the task looks like once the actions still waiting on the phone arrive, which trail lines
// are meant for the unit, and the order the list shows. The server decides; this only lets the unit
// go on working in a dead spot (sign, then report back) and see what it has done.

import { countdown } from './countdown.js';

/** The unit's actions, in the order the page offers them. */
export const UNIT_ACTIONS = ['accept', 'report', 'extend', 'return'];

/** What each state allows a unit, when an older server sends no `allowed`. */
const BY_STATE = {
  dispatched: ['accept', 'return', 'extend'],
  handling: ['report', 'return', 'extend'],
};

/** Stages whose clock runs against the unit: signing and handling (verifying is the officers'). */
const UNIT_STAGES = new Set(['sign', 'handle']);

/** Trail lines the unit reads: what was asked of it and what it did; not the officers' own bookkeeping. */
const FOR_UNIT = new Set(['open', 'dispatch', 'accept', 'return', 'report', 'verify', 'extend', 'extension',
  'supervise', 'urge', 'near_due', 'overdue', 'resume']);

/** The unit's actions the task allows: the server's `allowed` (or the state's), one extension asked at a time. */
export function unitActions(task) {
  const allowed = Array.isArray(task.allowed) ? task.allowed : BY_STATE[task.state] || [];
  return UNIT_ACTIONS.filter((a) => allowed.includes(a) && !(a === 'extend' && task.extensionAsked));
}

/** The countdown the unit is shown (countdown.js): its own stages' only, none while officers verify. */
export function unitDue(task, nowMs) {
  return UNIT_STAGES.has(task.stage) ? countdown(task, nowMs) : { key: null, vars: {}, level: 'none' };
}

/** The task as it will be once `pending` (its waiting actions, oldest first) have arrived. */
export function withPending(task, pending) {
  // a new stage's clock starts when the server has the action: until then no deadline is shown
  const clockless = { dueAt: null, nearDueAt: null, nearDue: false, overdue: false };
  let view = { ...task, pending: [] };
  for (const entry of pending) {
    const { action, body } = entry;
    view.pending = [...view.pending, action];
    if (action === 'accept' && view.state === 'dispatched') {
      view = { ...view, state: 'handling', stage: 'handle', ...clockless, allowed: BY_STATE.handling };
    } else if (action === 'report' && view.state === 'handling') {
      view = { ...view, state: 'reported', stage: 'verify', ...clockless, allowed: [] };
    } else if (action === 'return') {
      view = { ...view, state: 'new', stage: null, ...clockless, allowed: [], returned: true };
    } else if (action === 'extend') {
      view = { ...view, extensionAsked: { until: body.until, reason: body.reason, pending: true } };
    }
  }
  return view;
}

/** The trail lines meant for the unit, oldest first. */
export function forUnit(trail) {
  return (trail || []).filter((line) => FOR_UNIT.has(line.action));
}

const URGENCY = { emergency: 0, urgent: 1, normal: 2 };

/**
 * The list's order: what waits for a signature first, then by how soon it is due (no deadline last),
 * then the more urgent, then the newest. The server sends newest first; a unit works by deadline.
 */
export function byDeadline(a, b) {
  const sign = (t) => (t.state === 'dispatched' ? 0 : 1);
  const due = (t) => (t.dueAt ? Date.parse(t.dueAt.replace(/(\.\d{3})\d+/, '$1')) : Infinity);
  return sign(a) - sign(b) || due(a) - due(b)
    || (URGENCY[a.urgency] ?? 3) - (URGENCY[b.urgency] ?? 3)
    || (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0);
}

/**
 * The list the unit sees: the server's open tasks with the phone's waiting actions applied, in
 * deadline order. `pending`: the unit's waiting entries, oldest first (other kinds are ignored).
 */
export function tasksView(tasks, pending) {
  const byCase = new Map();
  for (const entry of pending) {
    if (entry.kind !== 'act') continue;
    byCase.set(entry.caseId, [...(byCase.get(entry.caseId) || []), entry]);
  }
  return tasks.map((t) => withPending(t, byCase.get(t.id) || [])).sort(byDeadline);
}
