// How a case's parts read on the page, shared by the queue and the detail: its state, its supervision
// badge, its overdue and near-due marks, its place and who did what.
import { t, label } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import { el } from '../dom.js';
import * as units from './units.js';
import { flags } from './filters.js';
import { countdown } from './countdown.js';

export const stateTag = (c) => el('span', 'cstate cstate-' + c.state, t('cstate.' + c.state));

export function supervisionBadge(c) {
  if (c.supervision !== 'yellow' && c.supervision !== 'red') return null;
  const badge = el('span', 'sup sup-' + c.supervision, t('sup.' + c.supervision));
  badge.dataset.level = c.supervision;
  return badge;
}

/** 超期 / 临期 marks by the server's clock; null when on time. */
export function dueMark(c, now) {
  const f = flags(c, now);
  if (f.overdue) return el('span', 'mark mark-overdue', t('mark.overdue'));
  if (f.nearDue) return el('span', 'mark mark-near', t('mark.nearDue'));
  return null;
}

/** The countdown as a span whose class says late or not. */
export function dueText(c, now) {
  const d = countdown(c, now);
  return el('span', 'due due-' + d.kind, d.text);
}

export function areaName(id) {
  const a = id && catalog.area(id);
  return a ? label(a) : (id || '—');
}

/** The site's name when it has one, else the area's. */
export function where(c) {
  const s = c.site && catalog.site(c.site);
  if (s) return label(s) + (c.area && c.area !== s.area ? '' : ' · ' + areaName(s.area));
  return areaName(c.area);
}

/** A trail's principal as a person reads it: 值班员 alice, the unit's name, 系统. */
export function who(ref) {
  if (ref === 'system' || !ref) return t('who.system');
  const [kind, ...rest] = String(ref).split(':');
  const id = rest.join(':');
  if (kind === 'operator') return t('who.operator', { id });
  if (kind === 'unit') return t('who.unit', { name: units.name(id) });
  return String(ref);
}

export const stateName = (s) => (s ? t('cstate.' + s) : '');
