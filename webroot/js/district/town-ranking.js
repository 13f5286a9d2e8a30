// The towns' red and black list (红黑榜), two ways: by their mean sanitation score this month
// (state.ranking, ranked by the server) and by today's on-time reporting (state.compliance.areas,
// ranked here by rate; equal rates share a rank). The best are praised in red, the worst named in black.
import { t, label, num } from '../i18n.js';
import * as catalog from '../catalog.js';
import { percent } from './town-compliance.js';

const MAX_ROWS = 10;
const boards = {};

export function create(el) {
  for (const which of ['score', 'onTime']) {
    const panel = el.querySelector('[data-board="' + which + '"]');
    boards[which] = { list: panel.querySelector('[data-rows]'), note: panel.querySelector('[data-month]'), shown: '' };
  }
}

const nameOf = (id) => label(catalog.area(id)) || id;

/** Ranks by value, best first, ties sharing a rank (1, 2, 2, 4); red the top, black the bottom, never both. */
export function rankRates(areas, redSize, blackSize) {
  const rows = Object.entries(areas || {})
    .filter(([, s]) => s && typeof s.rate === 'number')
    .map(([area, s]) => ({ area, value: s.rate }))
    .sort((a, b) => b.value - a.value || nameOf(a.area).localeCompare(nameOf(b.area)));
  rows.forEach((r, i) => { r.rank = i > 0 && rows[i - 1].value === r.value ? rows[i - 1].rank : i + 1; });
  const half = Math.floor(rows.length / 2);
  const red = rows.filter((r) => r.rank <= Math.min(redSize, half)).map((r) => r.area);
  const black = rows.filter((r) => rows.filter((o) => o.value < r.value).length < Math.min(blackSize, half)
    && !red.includes(r.area)).map((r) => r.area);
  return { areas: rows, red, black };
}

function draw(board, ranked, format, max) {
  const red = new Set(ranked.red || []);
  const black = new Set(ranked.black || []);
  const rows = (ranked.areas || []).slice(0, MAX_ROWS).map((r) => ({
    area: r.area,
    rank: r.rank || '—',
    value: typeof r.value === 'number' ? r.value : null,
    list: red.has(r.area) ? 'red' : black.has(r.area) ? 'black' : '',
  }));
  const key = JSON.stringify(rows);
  if (key === board.shown) return;
  board.shown = key;
  board.list.replaceChildren(...rows.map((r) => {
    const row = document.createElement('div');
    row.className = 'tr-row' + (r.list ? ' tr-' + r.list : '');
    row.dataset.area = r.area;
    row.innerHTML = '<b class="tr-rank"></b><span class="tr-name"></span><span class="tr-bar"><i></i></span>'
      + '<span class="tr-value"></span><span class="tr-tag"></span>';
    row.querySelector('.tr-rank').textContent = r.rank;
    row.querySelector('.tr-name').textContent = nameOf(r.area);
    row.querySelector('.tr-bar i').style.width = r.value === null ? '0' : Math.max(0, Math.min(100, (100 * r.value) / max)) + '%';
    row.querySelector('.tr-value').textContent = r.value === null ? t('rank.none') : format(r.value);
    row.querySelector('.tr-tag').textContent = r.list ? t('rank.' + r.list) : '';
    return row;
  }));
}

/** @param data {state} */
export function update(data) {
  const state = data.state || {};
  const ranking = state.ranking || {};
  boards.score.note.textContent = ranking.month ? t('rank.month', { month: ranking.month }) : '';
  draw(boards.score, ranking, (v) => num(v, 1), 100);
  const areas = (state.compliance && state.compliance.areas) || {};
  const sizes = [(ranking.red || []).length || 1, (ranking.black || []).length || 1];
  draw(boards.onTime, rankRates(areas, sizes[0], sizes[1]), percent, 1);
}
