// The server's clock, as seen through the `at` of each frame: the screen shows the server's time and
// computes every age with it, never with the kiosk's own clock. Offsets are taken against the
// monotonic performance.now(), so the kiosk's wall clock may jump without moving the screen's.
import { lang } from './i18n.js';

const WINDOW = 8;
const offsets = new Float64Array(WINDOW);
let count = 0;
let next = 0;
let offset = null;

/** ISO-8601 instant (the server sends nanoseconds) to epoch milliseconds, or NaN. */
export function parseInstant(text) {
  if (typeof text !== 'string') return NaN;
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

/**
 * A frame stamped `at` by the server just arrived. A frame can only arrive late, never early, so the
 * largest of the last few offsets is the best estimate; the window lets a server clock that moved
 * back take over within a few frames.
 */
export function observe(at) {
  const ms = parseInstant(at);
  if (Number.isNaN(ms)) return;
  offsets[next] = ms - performance.now();
  next = (next + 1) % WINDOW;
  count = Math.min(count + 1, WINDOW);
  let best = -Infinity;
  for (let i = 0; i < count; i++) best = Math.max(best, offsets[i]);
  offset = best;
}

export function known() {
  return offset !== null;
}

let pinned = null;

/** Holds now() at `ms`, or lets it go with null: the review's replay shows a past hour as it stood then. */
export function pin(ms) {
  pinned = ms;
}

/** Now, by the server's clock, in epoch milliseconds. */
export function now() {
  if (pinned !== null) return pinned;
  return offset === null ? Date.now() : performance.now() + offset;
}

let timeFmt = null;
let shortFmt = null;
let dateFmt = null;
let hourFmt = null;
let dayTimeFmt = null;
let partsFmt = null;

/** Formatters in the jurisdiction's time zone (not the kiosk's). */
export function setTimeZone(timeZone) {
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  timeFmt = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  shortFmt = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  dateFmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  dayTimeFmt = new Intl.DateTimeFormat(locale,
    { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  partsFmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

export const formatTime = (ms) => timeFmt.format(ms);
export const formatHm = (ms) => shortFmt.format(ms);
export const formatDate = (ms) => dateFmt.format(ms);
/** Month, day and time, e.g. 11/21 08:15:02: for events that may lie on another day. */
export const formatDayTime = (ms) => dayTimeFmt.format(ms);

function zoneParts(ms) {
  const parts = {};
  for (const { type, value } of partsFmt.formatToParts(ms)) parts[type] = value;
  return parts;
}

/** The jurisdiction's local date at `ms`, as YYYY-MM-DD. */
export function localDate(ms) {
  const p = zoneParts(ms);
  return p.year + '-' + p.month + '-' + p.day;
}

/** How far the jurisdiction's wall clock is ahead of UTC at `ms`. */
function offsetAt(ms) {
  const p = zoneParts(ms);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * `date` (YYYY-MM-DD) at `hm` (HH:MM) on the jurisdiction's wall clock, as ISO-8601 with the offset in
 * force then (taken twice, so a daylight-saving change between the guess and the answer is followed).
 */
export function zonedIso(date, hm) {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = hm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  const offset = offsetAt(wall - offsetAt(wall));
  const minutes = Math.abs(offset) / 60000;
  const pad = (n) => String(Math.floor(n)).padStart(2, '0');
  return new Date(wall).toISOString().slice(0, 19) + (offset < 0 ? '-' : '+') + pad(minutes / 60) + ':' + pad(minutes % 60);
}

/** The local hour (0-23) in the jurisdiction at `ms`. */
export const hourOf = (ms) => Number.parseInt(hourFmt.format(ms), 10) % 24;
