// The logic of the time tab, apart from the page so node tests can run it: a limit's text ("30 minutes"),
// the month grids of a year (weeks from Monday, as Chinese calendars print them), and the year's marked
// days (holidays off, 调休 days worked) as a map the page edits and sends back whole.

export const UNITS = ['minutes', 'hours', 'workdays'];
export const URGENCIES = ['normal', 'urgent', 'emergency'];
export const ANY = '*';

/** "30 minutes" → {amount: 30, unit: 'minutes'}; "1 hour" too; anything else → null. */
export function parseLimit(text) {
  const m = /^\s*(\d{1,6})\s+([a-z]+)\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  const unit = UNITS.find((u) => u === m[2] || u === m[2] + 's');
  return unit ? { amount: Number(m[1]), unit } : null;
}

/** {amount, unit} → "30 minutes", "1 hour", as the server writes it. */
export function formatLimit(amount, unit) {
  const n = Number(amount);
  return n + ' ' + (n === 1 ? unit.slice(0, -1) : unit);
}

const pad = (n) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of a year, a month (1–12) and a day. */
export function isoDay(year, month, day) {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 0 Monday … 6 Sunday, of an ISO day (computed in UTC, so no time zone can move it). */
export function weekday(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function isWeekend(iso) {
  return weekday(iso) >= 5;
}

/** A month as weeks of seven cells from Monday: an ISO day, or null before the first and after the last. */
export function monthGrid(year, month) {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells = Array(weekday(isoDay(year, month, 1))).fill(null);
  for (let d = 1; d <= days; d++) cells.push(isoDay(year, month, d));
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The server's list of marked days as a Map day → {working, note}. */
export function marksOf(days) {
  return new Map((days || []).map((d) => [d.day, { working: Boolean(d.working), note: d.note || '' }]));
}

/** Whether a day is worked: its mark, else Monday to Friday. */
export function isWorkday(marks, iso) {
  const mark = marks.get(iso);
  return mark ? mark.working : !isWeekend(iso);
}

/**
 * A click on a day: a marked day goes back to what its weekday says (the mark is removed); an unmarked one
 * is marked the other way (a weekday off, a weekend day worked), with the note given. Returns a new map.
 */
export function toggle(marks, iso, note) {
  const next = new Map(marks);
  if (next.has(iso)) next.delete(iso);
  else next.set(iso, { working: isWeekend(iso), note: String(note || '').trim() });
  return next;
}

/** The marks as the server takes them, by date. */
export function daysOf(marks) {
  return [...marks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, m]) => ({ day, working: m.working, note: m.note }));
}

/** The day `by` days from an ISO day (keyboard moves in the grid), or null out of the year. */
export function shift(iso, by) {
  const [y, m, d] = iso.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + by));
  if (next.getUTCFullYear() !== y) return null;
  return isoDay(y, next.getUTCMonth() + 1, next.getUTCDate());
}
