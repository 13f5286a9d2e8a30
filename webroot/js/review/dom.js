// Small table helpers for the review sheet: text only (textContent), so nothing from the server is markup.
import { t, num, lang } from '../i18n.js';

/** Fills a <table> with a head row (i18n keys or texts) and body rows of cells (text or {text, cls}). */
export function table(el, head, rows, empty) {
  el.replaceChildren();
  const thead = el.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement('th');
    th.textContent = h.startsWith('c.') ? t(h) : h;
    thead.appendChild(th);
  }
  const body = el.createTBody();
  if (rows.length === 0 && empty) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = head.length;
    cell.className = 'rv-empty';
    cell.textContent = empty;
  }
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of row) {
      const td = tr.insertCell();
      if (c && typeof c === 'object') {
        td.textContent = c.text;
        if (c.cls) td.className = c.cls;
      } else {
        td.textContent = c === null || c === undefined ? '—' : String(c);
      }
    }
  }
}

/** A relative change, +12% / −8%, from a value and its baseline; — when there is no baseline. */
export function change(value, base) {
  if (typeof value !== 'number' || typeof base !== 'number' || base === 0) return { text: '—', cls: '' };
  const p = Math.round((100 * (value - base)) / Math.abs(base));
  return { text: (p > 0 ? '+' : p < 0 ? '−' : '±') + Math.abs(p) + '%', cls: p > 0 ? 'up' : p < 0 ? 'down' : '' };
}

/** A figure with the metric's digits: counts whole, gauges with one decimal. */
export function figure(value, metric) {
  if (typeof value !== 'number') return '—';
  return metric && metric.kind === 'gauge' ? num(value, 1) : Number.isInteger(value) ? num(value) : num(value, 1);
}

/** Seconds as 12分 / 1时05分 / 40秒. */
export function duration(seconds) {
  if (typeof seconds !== 'number') return '—';
  const s = Math.round(seconds);
  const en = lang === 'en';
  if (s < 60) return s + (en ? ' s' : '秒');
  const m = Math.round(s / 60);
  if (m < 60) return m + (en ? ' min' : '分');
  const h = Math.floor(m / 60);
  return h + (en ? ' h ' : '时') + String(m % 60).padStart(2, '0') + (en ? ' min' : '分');
}

export function rate(r) {
  return typeof r === 'number' ? Math.round(100 * r) + '%' : '—';
}
