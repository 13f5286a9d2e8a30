// How much time a case's running stage has left, or how long it is past due, in words: 剩 2 小时,
// 超期 35 分钟. Whole minutes, rounded down, so a deadline is never shown further off than it is; the
// officer reads minutes under an hour, hours and minutes under ten hours, then hours, then days.
import { t } from '../../i18n.js';
import './texts.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of `span` ms (≥ 0) in words. */
export function duration(span) {
  if (span < MINUTE) return t('due.lessThanMinute');
  if (span < HOUR) return t('dur.m', { n: Math.floor(span / MINUTE) });
  if (span < 10 * HOUR) {
    const h = Math.floor(span / HOUR);
    const m = Math.floor((span % HOUR) / MINUTE);
    return m ? t('dur.hm', { h, m }) : t('dur.h', { n: h });
  }
  if (span < 2 * DAY) return t('dur.h', { n: Math.floor(span / HOUR) });
  const d = Math.floor(span / DAY);
  const h = Math.floor((span % DAY) / HOUR);
  return h ? t('dur.dh', { d, h }) : t('dur.d', { n: d });
}

/**
 * {kind: 'left'|'over'|'none', text} for case `c` at `now` (epoch ms, the server's clock). A case
 * without a running deadline (new, parked, closed, cancelled) has none.
 */
export function countdown(c, now) {
  const due = typeof c.dueAt === 'string' ? Date.parse(c.dueAt.replace(/(\.\d{3})\d+/, '$1')) : NaN;
  if (Number.isNaN(due) || c.state === 'parked' || c.state === 'closed' || c.state === 'cancelled') {
    return { kind: 'none', text: t('due.none') };
  }
  if (now >= due) return { kind: 'over', text: t('due.over', { d: duration(now - due) }) };
  return { kind: 'left', text: t('due.left', { d: duration(due - now) }) };
}
