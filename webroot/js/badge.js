// The connection badge every page shows (实时 / 重连中 / 连接中 / 数据已过时 自 HH:MM), from the
// status the live connection reports.
import { t } from './i18n.js';
import { formatHm } from './server-clock.js';

/** Shows `status` ({state, lastFrameAt}) on `el`; returns the stale banner's text, or '' when not stale. */
export function show(el, status) {
  const since = status.lastFrameAt ? formatHm(status.lastFrameAt) : '--:--';
  const stale = status.state === 'stale';
  el.className = 'badge badge-' + status.state;
  el.textContent = stale ? t('badge.stale', { t: since }) : t('badge.' + status.state);
  el.dataset.state = status.state;
  return stale ? t('stale.banner', { t: since }) : '';
}
