// Daily reports (一日一报告) per town: the share of its sites that reported on time today, with what
// it is made of, and the villages that did worst named, so a leader knows whom to call
// (state.compliance.areas: {town: {expected, reported, onTime, late, missing, rate, worst}}).
import { t, label, lang } from '../i18n.js';
import * as catalog from '../catalog.js';

/** Below this share on time a town reads amber, below the second red. */
export const RATE_WARN = 0.9;
export const RATE_BAD = 0.6;

const rows = [];

export function create(el) {
  const body = el.querySelector('[data-body]');
  for (const town of catalog.children(catalog.scope())) {
    const row = document.createElement('div');
    row.className = 'tc-row';
    row.dataset.area = town.id;
    row.innerHTML = '<div class="tc-name"></div><div class="tc-rate"></div>'
      + '<div class="tc-bar"><i></i></div><div class="tc-counts"></div><div class="tc-worst"></div>';
    row.querySelector('.tc-name').textContent = label(town);
    body.appendChild(row);
    rows.push({
      town, row, shown: '',
      rate: row.querySelector('.tc-rate'),
      bar: row.querySelector('.tc-bar i'),
      counts: row.querySelector('.tc-counts'),
      worst: row.querySelector('.tc-worst'),
    });
  }
}

/** 0.667 → 66.7%, 1 → 100%. */
export function percent(rate) {
  if (typeof rate !== 'number' || Number.isNaN(rate)) return '—';
  const p = Math.round(rate * 1000) / 10;
  return (Number.isInteger(p) ? String(p) : p.toFixed(1)) + '%';
}

export function rateClass(rate) {
  if (typeof rate !== 'number') return 'none';
  return rate < RATE_BAD ? 'bad' : rate < RATE_WARN ? 'warn' : 'good';
}

function worstText(summary) {
  const names = (summary.worst || []).map((id) => label(catalog.area(id)) || id);
  if (names.length === 0) return summary.expected > 0 && summary.onTime === summary.expected ? t('town.allOnTime') : '';
  return t('town.worst') + names.join(lang === 'en' ? ', ' : '、');
}

/** @param data {state} */
export function update(data) {
  const areas = (data.state && data.state.compliance && data.state.compliance.areas) || {};
  for (const r of rows) {
    const s = areas[r.town.id] || {};
    const counts = t('town.counts', {
      expected: s.expected ?? 0, reported: s.reported ?? 0, late: s.late ?? 0, missing: s.missing ?? 0,
    });
    const view = [percent(s.rate), rateClass(s.rate), counts, worstText(s)];
    const key = view.join('|');
    if (key === r.shown) continue;
    r.shown = key;
    r.rate.textContent = view[0];
    r.row.dataset.rate = view[1];
    r.bar.style.width = typeof s.rate === 'number' ? Math.max(0, Math.min(100, s.rate * 100)) + '%' : '0';
    r.counts.textContent = counts;
    r.worst.textContent = view[3];
  }
}
