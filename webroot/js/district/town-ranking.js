// The towns' red and black list (红黑榜), two ways: by their mean sanitation score this month
// (state.ranking) and by today's on-time reporting (state.compliance.ranking). The server ranks both
// (ties share a rank and say so; nobody below the admin's floor is on the on-time red list); this
// module only shows them. The best are praised in red, the worst named in black.
import { t, label, num } from '../i18n.js';
import { rankText } from '../rank-text.js';
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

function draw(board, ranked, format, max) {
  const red = new Set(ranked.red || []);
  const black = new Set(ranked.black || []);
  const rows = (ranked.areas || []).slice(0, MAX_ROWS).map((r) => ({
    area: r.area,
    rank: rankText(r.rank, r.tied),
    tied: Boolean(r.tied),
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
    row.querySelector('.tr-rank').classList.toggle('tr-tied', r.tied);
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
  const onTime = (state.compliance && state.compliance.ranking) || {};
  boards.onTime.note.textContent = typeof onTime.floor === 'number' ? t('rank.floor', { floor: percent(onTime.floor) }) : '';
  draw(boards.onTime, onTime, percent, 1);
}
