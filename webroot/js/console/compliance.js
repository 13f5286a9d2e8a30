// The console's compliance view (#compliance, 催报): today's sites of the officer's scope that owe their daily
// report and have not sent it, as the wall's compliance panel counts them (GET /api/v1/compliance: a site is
// late once its kind's deadline has passed without a report, "missing"; before the deadline it is only not
// yet reported). The officer ticks sites, adds a note if they like, and urges them
// (POST /api/v1/compliance/urge); each row then says urged, or urged too recently and when it may be again.
// Today's earlier urgings (GET /api/v1/compliance/urgings) show as urged when the view opens.
import './compliance-texts.js';
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { formatHm, parseInstant } from '../server-clock.js';
import * as api from './api.js';
import { el, toast } from './dom.js';

const $ = (id) => document.getElementById(id);
let rows = []; // [{site, kind, area, missing, deadline}]
const picked = new Set();
const results = new Map(); // site → {urged: at} | {until}
let loading = false;

export function create() {
  $('cmp-refresh').addEventListener('click', open);
  $('cmp-all').addEventListener('click', () => {
    rows.filter((r) => r.missing).forEach((r) => picked.add(r.site));
    render();
  });
  $('cmp-urge').addEventListener('click', urge);
}

export async function open() {
  if (loading) return;
  loading = true;
  try {
    const [today, urged] = await Promise.all([api.get('/api/v1/compliance'), api.get('/api/v1/compliance/urgings')]);
    // what was urged today before this page opened (oldest first: the last one of a site stays)
    for (const u of urged.urgings || []) {
      const known = results.get(u.site);
      if (!known || !known.at || known.at < u.at) results.set(u.site, { at: u.at });
    }
    const kinds = today.kinds || {};
    rows = (today.sites || []).filter((s) => !s.reported)
      .map((s) => ({ ...s, deadline: kinds[s.kind] && kinds[s.kind].deadline }))
      .sort((a, b) => Number(b.missing) - Number(a.missing) || a.site.localeCompare(b.site));
    for (const site of [...picked]) if (!rows.some((r) => r.site === site)) picked.delete(site);
    render();
  } catch (e) {
    toast(t('cmpv.failed', { detail: e.message }), 'error');
  } finally {
    loading = false;
  }
}

function statusOf(row) {
  return el('span', 'state ' + (row.missing ? 'state-open' : 'state-acknowledged'),
    t(row.missing ? 'cmpv.missing' : 'cmpv.pending'));
}

function resultOf(site) {
  const r = results.get(site);
  if (!r) return '';
  return r.until ? el('span', 'urge-limited', t('cmpv.limited', { t: formatHm(parseInstant(r.until)) }))
    : el('span', 'urge-done', t('cmpv.urged', { t: formatHm(parseInstant(r.at)) }));
}

function render() {
  const body = $('cmp-body');
  body.replaceChildren(...rows.map((row) => {
    const box = el('input');
    box.type = 'checkbox';
    box.checked = picked.has(row.site);
    box.dataset.site = row.site;
    // the column's head alone names no site: a screen reader says which one the box picks
    box.setAttribute('aria-label', t('cmpv.col.pick') + ' ' + (label(catalog.site(row.site)) || row.site));
    box.addEventListener('change', () => {
      if (box.checked) picked.add(row.site);
      else picked.delete(row.site);
      count();
    });
    const tr = el('tr', row.missing ? 'late' : null, el('td', null, box),
      el('td', 'title', label(catalog.site(row.site)) || row.site),
      el('td', null, label(catalog.area(row.area)) || row.area),
      el('td', null, label(catalog.kind(row.kind)) || row.kind),
      el('td', 'when', row.deadline ? formatHm(parseInstant(row.deadline)) : '—'),
      el('td', null, statusOf(row)),
      el('td', 'urge-result', resultOf(row.site)));
    tr.dataset.site = row.site;
    return tr;
  }));
  $('cmp-empty').hidden = rows.length > 0;
  $('cmp-empty').textContent = t('cmpv.none');
  count();
}

function count() {
  $('cmp-count').textContent = t('cmpv.count', { n: rows.length, s: picked.size });
}

async function urge() {
  const sites = rows.map((r) => r.site).filter((s) => picked.has(s));
  if (sites.length === 0) {
    toast(t('cmpv.pickOne'), 'error');
    return;
  }
  const note = $('cmp-note').value.trim();
  const button = $('cmp-urge');
  button.disabled = true;
  try {
    const answer = await api.post('/api/v1/compliance/urge', note ? { sites, note } : { sites });
    for (const u of answer.urged) results.set(u.site, { at: u.at });
    for (const l of answer.limited) results.set(l.site, { until: l.until });
    picked.clear();
    $('cmp-note').value = '';
    render();
    toast(t('cmpv.done', { n: answer.urged.length, m: answer.limited.length }));
  } catch (e) {
    toast(t('cmpv.failed', { detail: e.message }), 'error');
  } finally {
    button.disabled = false;
  }
}

/** For the browser tests: the rows shown and what each urging came to. */
export const hooks = () => ({
  sites: () => rows.map((r) => ({ site: r.site, missing: r.missing })),
  results: () => Object.fromEntries(results),
});
