// Escalation up the tree as the console shows it (层级上报). An alert that nobody at its own desk
// acknowledged in time climbs to the command centre above: there it is marked 上报 with the desk it
// came from, and it sounds until someone at either level acknowledges it. Elsewhere an escalated alert
// keeps the plain 已升级 mark.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { el } from './dom.js';

let scope = null;

/** The signed-in officer's area: alerts escalated to it are this desk's to answer. */
export function setScope(area) {
  scope = area;
}

export const currentScope = () => scope;

/** Escalated to this officer's level from a desk below: it is here because the desk below left it. */
export function cameHere(a) {
  return Boolean(a && a.escalated && scope && a.escalatedTo === scope && a.desk && a.desk !== scope);
}

/** Whether the alert belongs to the officer's scope: its area is in the catalogue cut to that scope. */
export function inScope(a) {
  return Boolean(a && a.area && catalog.area(a.area));
}

/** The name of the area an escalated alert came from, e.g. 许东镇; its id if the catalogue lacks it. */
export function fromName(a) {
  const desk = catalog.area(a.desk);
  return desk ? label(desk) : String(a.desk || '');
}

/** The tag for a queue row or the detail head, or null for an alert that has not escalated. */
export function tag(a) {
  if (cameHere(a)) {
    const span = el('span', 'tag-escalated tag-up', t('escalatedHere', { from: fromName(a) }));
    span.dataset.from = a.desk;
    return span;
  }
  return a.escalated ? el('span', 'tag-escalated', t('escalated')) : null;
}
