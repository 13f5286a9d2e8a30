// The review's 催报 line (review.urgings, docs/pages.md): how many times the area's late sites were urged this
// day, how many of those a report of the site followed the same day, and the median minutes to it. One line
// under compliance, so the sheet stays one page. A plain function the node tests may call.
import { t, addTexts } from '../i18n.js';

addTexts({
  zh: {
    'rvu.none': '催报：今日无',
    'rvu.line': '催报 {count} 次（{sites} 个站点），其后当日报送 {followed} 次{median}',
    'rvu.median': '，中位用时 {m} 分钟',
  },
  en: {
    'rvu.none': 'Urged to report: none today',
    'rvu.line': 'Urged to report {count} times ({sites} sites); a report followed {followed}{median}',
    'rvu.median': ', median {m} min',
  },
});

/** The line's text, or '' when the review came without its 催报 part. */
export function line(u) {
  if (!u) return '';
  if (!u.count) return t('rvu.none');
  const median = typeof u.medianMinutes === 'number' ? t('rvu.median', { m: u.medianMinutes }) : '';
  return t('rvu.line', { count: u.count, sites: u.sites, followed: u.followed, median });
}

export function render(el, u) {
  if (!el) return;
  el.textContent = line(u);
  el.hidden = !u;
}
