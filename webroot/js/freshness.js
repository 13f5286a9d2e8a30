// Freshness by the server's clock: how old each site's newest report is, and whether that is past
// its kind's expected reporting interval (then it greys out on the screen).
import * as catalog from './catalog.js';
import { parseInstant } from './server-clock.js';

/** Epoch ms of the site's newest report (today's, or yesterday's last), or null. */
export function lastReport(state, siteId) {
  const s = state && state.sites && state.sites[siteId];
  const ms = s ? parseInstant(s.lastReportAt) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms of the newest report from any site of the kind, or null. */
export function newestOfKind(state, kindKey) {
  let newest = null;
  for (const site of catalog.sitesOfKind(kindKey)) {
    const ms = lastReport(state, site.id);
    if (ms !== null && (newest === null || ms > newest)) newest = ms;
  }
  return newest;
}

/** Past the kind's expected interval (or never reported); kinds without an interval never are. */
export function overdue(kindKey, lastMs, now) {
  const kind = catalog.kind(kindKey);
  if (!kind || !kind.everyMs) return false;
  return lastMs === null || now - lastMs > kind.everyMs;
}
