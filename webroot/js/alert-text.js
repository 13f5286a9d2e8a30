// How an alert reads to a person, on the wall screen and in the duty console alike: its place (the
// site, else the area, from the catalogue) and its title in the page's language. Alerts are shown
// generically, so a new rule or alert kind needs no change here.
import { label } from './i18n.js';
import * as catalog from './catalog.js';

export const SEVERITIES = ['critical', 'warning', 'info'];

/** critical, warning or info; anything else reads as info. */
export function severity(a) {
  return SEVERITIES.includes(a.severity) ? a.severity : 'info';
}

export function place(a) {
  const site = a.site && catalog.site(a.site);
  const area = a.area && catalog.area(a.area);
  return site ? label(site) : area ? label(area) : (a.site || a.area || a.subject || '');
}

export function title(a) {
  return typeof a.title === 'object' && a.title ? label({ label: a.title }) : (a.title || a.rule || '');
}

/** Place and title in one line, e.g. 金盆村信访工作站 · 越级访. */
export function describe(a) {
  const where = place(a);
  const what = title(a);
  return where && what ? where + ' · ' + what : where || what || String(a.id || '');
}
