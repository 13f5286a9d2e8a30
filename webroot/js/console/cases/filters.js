// The case queue's narrowing and order, without a page. Overdue and near due are the server's flags
// (set by its deadline clock every few seconds) or, in between, what dueAt and nearDueAt already say
// by the server's clock: the queue never shows a case as on time for a moment after its deadline.
import { OPEN_STATES } from './model.js';

const ms = (text) => {
  if (typeof text !== 'string') return NaN;
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
};

/** {overdue, nearDue} at `now` (epoch ms); a case with no running deadline is neither. */
export function flags(c, now) {
  const due = ms(c.dueAt);
  if (Number.isNaN(due) || c.state === 'parked' || !OPEN_STATES.includes(c.state)) return { overdue: false, nearDue: false };
  const overdue = Boolean(c.overdue) || now >= due;
  const near = ms(c.nearDueAt);
  const nearDue = !overdue && (Boolean(c.nearDue) || (!Number.isNaN(near) && now >= near));
  return { overdue, nearDue };
}

/** The queue's filters, all off: open cases of every kind. */
export const NONE = Object.freeze({ state: 'open', category: '', area: '', unit: '', overdue: false, nearDue: false, supervised: '' });

/**
 * Whether case `c` passes the filters at `now`.
 * @param f       {state: 'open'|'all'|<state>, category, area, unit, overdue, nearDue, supervised: ''|'any'|'yellow'|'red'}
 * @param within  (areaId, ancestorId) → whether areaId lies in ancestorId's subtree
 */
export function matches(c, f, now, within) {
  if (f.state === 'open' ? !OPEN_STATES.includes(c.state) : f.state && f.state !== 'all' && c.state !== f.state) return false;
  if (f.category && c.category !== f.category) return false;
  if (f.unit && c.unit !== f.unit) return false;
  if (f.area && !(c.area && within(c.area, f.area))) return false;
  if (f.supervised === 'any' ? !c.supervision : f.supervised && c.supervision !== f.supervised) return false;
  if (f.overdue || f.nearDue) {
    const now2 = flags(c, now);
    // both ticked: either will do, as "late or about to be"
    if (!((f.overdue && now2.overdue) || (f.nearDue && now2.nearDue))) return false;
  }
  return true;
}

const opened = (c) => {
  const t = ms(c.openedAt);
  return Number.isNaN(t) ? 0 : t;
};

/** Overdue first, then near due, then the rest; newest first within each; the id keeps it stable. */
export function comparator(now) {
  const rank = (c) => {
    const f = flags(c, now);
    return f.overdue ? 0 : f.nearDue ? 1 : 2;
  };
  return (x, y) => rank(x) - rank(y) || opened(y) - opened(x) || String(x.id).localeCompare(String(y.id));
}

/** The cases that pass the filters, in the queue's order. */
export function shown(cases, f, now, within) {
  return cases.filter((c) => matches(c, f, now, within)).sort(comparator(now));
}
