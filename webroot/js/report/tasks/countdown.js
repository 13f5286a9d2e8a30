// How long a task has left in its stage (签收, 处置), as the unit reads it at a glance: "剩 2 小时 15 分",
// "超期 35 分", and whether it is near due (临期: 80 % of the stage gone, docs/pages.md#task-tab) or
// overdue. Pure: times in, an i18n key with its variables and a level out. The phone's clock is
// taken as right (phones keep network time); the server's nearDue and overdue flags count too, so a
// phone whose clock is behind still shows what the server decided.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An ISO-8601 instant (the server may send nanoseconds) to epoch milliseconds, or NaN. */
export function instant(text) {
  if (typeof text !== 'string') return NaN;
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

/**
 * A span as days and hours, hours and minutes, or minutes, whole units counted down (a task with
 * 59 s left has "under a minute", never "1 minute").
 * @return {unit: 'd'|'h'|'m'|'lt1', vars}
 */
export function span(ms) {
  const whole = Math.max(0, ms);
  if (whole >= DAY) return { unit: 'd', vars: { d: Math.floor(whole / DAY), h: Math.floor((whole % DAY) / HOUR) } };
  if (whole >= HOUR) return { unit: 'h', vars: { h: Math.floor(whole / HOUR), m: Math.floor((whole % HOUR) / MINUTE) } };
  if (whole >= MINUTE) return { unit: 'm', vars: { m: Math.floor(whole / MINUTE) } };
  return { unit: 'lt1', vars: {} };
}

/**
 * The countdown of a task at `nowMs`.
 * @param task {dueAt, nearDueAt?, nearDue?, overdue?} as the API sends them
 * @return {key, vars, level: 'none'|'ok'|'near'|'overdue'}; key null when the stage has no deadline
 */
export function countdown(task, nowMs) {
  const due = instant(task && task.dueAt);
  if (Number.isNaN(due)) return { key: null, vars: {}, level: 'none' };
  const nearAt = instant(task.nearDueAt);
  if (nowMs >= due) {
    const s = span(nowMs - due);
    return { key: 'due.over.' + s.unit, vars: s.vars, level: 'overdue' };
  }
  const s = span(due - nowMs);
  const level = task.overdue ? 'overdue' : task.nearDue || nowMs >= nearAt ? 'near' : 'ok';
  return { key: 'due.left.' + s.unit, vars: s.vars, level };
}
