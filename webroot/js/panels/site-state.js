// A site's state on the map, from the live state alone (no drawing, so the unit tests run it under Node):
// critical and warning alerts first, then overdue (grey), then a missed daily report, else ok.
import { lastReport, overdue } from '../freshness.js';

const SEVERITY = { info: 1, warning: 2, critical: 3 };

/** The worst open alert severity per site. */
export function alertsBySite(alerts) {
  const worst = new Map();
  for (const a of Object.values(alerts || {})) {
    if (!a || !a.site) continue;
    const level = SEVERITY[a.severity] || 0;
    if (level > (worst.get(a.site) || 0)) worst.set(a.site, level);
  }
  return worst;
}

/** A site's state: critical and warning alerts first, then overdue (grey), then a missed daily report. */
export function siteState(state, site, now, worst) {
  const level = worst.get(site.id) || 0;
  if (level >= SEVERITY.critical) return 'critical';
  if (level >= SEVERITY.warning) return 'warning';
  if (overdue(site.kind, lastReport(state, site.id), now)) return 'overdue';
  const c = state.compliance && state.compliance.sites && state.compliance.sites[site.id];
  if (c && c.missing) return 'missing';
  return 'ok';
}
