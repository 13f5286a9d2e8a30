// The audit list: every change with who, when, what and its before and after, newest first, for the
// days asked, a page at a time (the server says when the list goes on); everything, the changes only or
// the failed sign-ins only, each of which counts its tries; the same as CSV from the server. Only the
// fields that changed are shown.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import * as serverClock from '../server-clock.js';
import { el, table, dayTime } from '../console/dom.js';
import { paths, listOf } from './paths.js';

const $ = (id) => document.getElementById(id);
const DAY_MS = 86_400_000;

/** {a: {b: 1}} as {'a.b': 1}, two levels deep; arrays and deeper objects as JSON text. */
function flat(object, prefix = '', depth = 0, out = {}) {
  for (const [key, value] of Object.entries(object || {})) {
    const name = prefix ? prefix + '.' + key : key;
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < 1) flat(value, name, depth + 1, out);
    else out[name] = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
  }
  return out;
}

const show = (value) => (value === undefined || value === null ? '∅' : String(value));

/** The change as lines "field: before → after"; a creation or removal says so and lists what there is. */
export function changeLines(before, after) {
  const b = flat(before);
  const a = flat(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'updatedAt');
  const lines = [];
  if (!before && after) lines.push(el('div', 'muted', t('audit.created')));
  if (before && !after) lines.push(el('div', 'muted', t('audit.removed')));
  for (const key of keys) {
    if (before && after && show(b[key]) === show(a[key])) continue;
    lines.push(el('div', 'change', el('span', 'change-key', key + ': '),
      before ? el('span', 'change-before', show(b[key])) : null, before && after ? ' → ' : null,
      after ? el('span', 'change-after', show(a[key])) : null));
  }
  return lines;
}

/** A failed sign-in's line counts its tries; any other line shows its change. */
function change(entry) {
  const tries = entry.action === 'sign-in.failed' && entry.after && entry.after.attempts;
  if (tries) return [el('div', 'change', t('audit.attempts', { n: tries, last: dayTime(entry.after.lastAt) }))];
  return changeLines(entry.before, entry.after);
}

function row(entry) {
  const tr = el('tr', null, el('td', 'when', dayTime(entry.at)), el('td', 'mono', entry.actor), el('td', 'mono', entry.action),
    el('td', 'mono', entry.target), el('td', 'audit-change', ...change(entry)));
  tr.dataset.action = entry.action;
  return tr;
}

function period() {
  const from = $('audit-from').value;
  const to = $('audit-to').value;
  const next = serverClock.localDate(Date.parse(to + 'T12:00:00Z') + DAY_MS);
  return [serverClock.zonedIso(from, '00:00'), serverClock.zonedIso(next, '00:00')];
}

const FILTERS = { all: '', changes: 'exclude=sign-in.failed', 'sign-ins': 'action=sign-in.failed' };

// The list on show: its query, the lines so far and where the next page starts (null: none).
let shown = null;

function render() {
  const list = $('audit-list');
  list.replaceChildren(shown.entries.length ? table('admin-grid audit-grid', ['audit.col.at', 'audit.col.actor',
    'audit.col.action', 'audit.col.target', 'audit.col.change'], shown.entries.map(row)) : el('div', 'empty', t('audit.none')));
  $('audit-cut').hidden = !shown.next;
  $('audit-more').hidden = !shown.next;
}

/** One page after what is shown; the server says whether the list goes on. */
async function page() {
  const answer = await api.get(paths.audit(shown.from, shown.to, shown.filter, shown.next));
  shown.entries.push(...listOf(answer, 'entries', 'audit', 'changes'));
  shown.next = answer && answer.truncated ? answer.next : null;
  render();
}

export async function load() {
  const [from, to] = period();
  const filter = FILTERS[$('audit-kind').value] ?? '';
  $('audit-csv').href = paths.auditCsv(from, to, filter);
  shown = { from, to, filter, entries: [], next: null };
  try {
    await page();
  } catch (e) {
    $('audit-list').replaceChildren(el('div', 'form-error', e.message));
  }
}

async function more() {
  $('audit-more').disabled = true;
  try {
    await page();
  } catch (e) {
    $('audit-list').append(el('div', 'form-error', e.message));
  } finally {
    $('audit-more').disabled = false;
  }
}

export function create() {
  const today = serverClock.localDate(Date.now());
  $('audit-from').value = serverClock.localDate(Date.now() - 6 * DAY_MS);
  $('audit-to').value = today;
  $('audit-load').addEventListener('click', load);
  $('audit-kind').addEventListener('change', load);
  $('audit-more').addEventListener('click', more);
}
