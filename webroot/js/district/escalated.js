// The district's ticker: only the alerts a town left unacknowledged and escalated to the district
// (escalatedTo is the scope), each tagged 上报 with the town whose duty desk owned it. The towns' own
// alerts stay on the towns' screens; nothing else falls in here.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';

/** The town an alert came up from: its owning desk, else the scope's child above its area. */
function fromTown(a) {
  const desk = a.desk && catalog.area(a.desk);
  if (desk && desk.id !== catalog.scope()) return label(desk);
  const town = a.area && catalog.childToward(a.area);
  return town ? label(catalog.area(town)) : '';
}

export const tickerOptions = {
  filter: (a) => a.escalatedTo === catalog.scope(),
  tag: (a) => t('tag.escalated', { from: fromTown(a) }),
  empty: 'alerts.noEscalated',
};

/** The ticker's label says what it carries here. */
export function relabel(ticker) {
  ticker.querySelector('.ticker-label').dataset.i18n = 'panel.escalated';
}
