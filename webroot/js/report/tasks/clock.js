// The server's time on the phone: deadlines are the server's, and a phone's own clock may be minutes or
// days off, so every countdown, "overdue" and the earliest time an extension may ask for go by the server's
// clock as seen in the task list's `now`. The last skew is kept on the device, so a page reloaded in a dead
// spot still counts by the server's clock; with nothing seen yet, the phone's own.
import * as serverClock from '../../server-clock.js';

const KEY = 'watchfloor.field.clockSkew';
/** A skew past a year is not a clock that is off but an answer that is wrong: ignored. */
const MAX_SKEW_MS = 366 * 86_400_000;

/** The server said it is `iso` now (GET /api/v1/tasks's `now`). */
export function observe(iso) {
  if (typeof iso !== 'string' || Number.isNaN(serverClock.parseInstant(iso))) return;
  serverClock.observe(iso);
  try {
    localStorage.setItem(KEY, String(Math.round(serverClock.now() - Date.now())));
  } catch (e) {
    // not kept: this page still counts by the server's clock; a reload offline uses the phone's
  }
}

function keptSkew() {
  try {
    const skew = Number(localStorage.getItem(KEY));
    return Number.isFinite(skew) && Math.abs(skew) <= MAX_SKEW_MS ? skew : 0;
  } catch (e) {
    return 0;
  }
}

/** Now by the server's clock, in epoch milliseconds. */
export function now() {
  return serverClock.known() ? serverClock.now() : Date.now() + keptSkew();
}
