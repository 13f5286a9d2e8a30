// Wall-clock time in the jurisdiction's time zone (from the catalogue), whatever zone the phone is
// set to: a report's time is entered and shown as the town's local time and sent with its offset,
// e.g. 2026-11-21T08:15:00+08:00.

const partsFormats = new Map();

function partsFormat(timeZone) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock at instant `ms` in `timeZone`: {year, month, day, hour, minute, second}. */
function wallParts(ms, timeZone) {
  const parts = {};
  for (const p of partsFormat(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  parts.hour %= 24;
  return parts;
}

/** The zone's offset from UTC at instant `ms`, in minutes (480 for Asia/Shanghai). */
export function offsetMinutes(ms, timeZone) {
  const p = wallParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** +08:00 */
export function offsetText(minutes) {
  return (minutes < 0 ? '-' : '+') + pad(Math.floor(Math.abs(minutes) / 60)) + ':' + pad(Math.abs(minutes) % 60);
}

/** The value of a datetime-local input for instant `ms`: 2026-11-21T08:15 (minutes only). */
export function toWallInput(ms, timeZone) {
  const p = wallParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a datetime-local value (2026-11-21T08:15[:ss]) means in `timeZone`; NaN if it is not one. */
export function fromWallInput(text, timeZone) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(text || '');
  if (!m) return NaN;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  // the offset at the guess, then again at the result: right on either side of a DST change
  const guess = asUtc - offsetMinutes(asUtc, timeZone) * 60000;
  return asUtc - offsetMinutes(guess, timeZone) * 60000;
}

/** ISO-8601 with the zone's offset, to the second: 2026-11-21T08:15:00+08:00. */
export function isoWithOffset(ms, timeZone) {
  const p = wallParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
    + offsetText(offsetMinutes(ms, timeZone));
}

/** Short local time for lists: 11-21 08:15, or 08:15:30 with seconds. */
export function shortText(ms, timeZone, seconds = false) {
  const p = wallParts(ms, timeZone);
  return seconds
    ? `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
    : `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
