// Daily report compliance (一日一报告): for each kind with a daily deadline, who has reported today
// and who has not (state.compliance).
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { formatHm, parseInstant } from '../server-clock.js';

const groups = [];

export function create(el) {
  const body = el.querySelector('[data-body]');
  for (const kind of catalog.kinds()) {
    if (!kind.dailyDeadline) continue;
    const box = document.createElement('div');
    box.className = 'cmp-kind';
    box.dataset.kind = kind.key;
    box.innerHTML = '<div class="cmp-head"><span class="cmp-name"></span><span class="cmp-count"></span>'
      + '<span class="cmp-deadline"></span></div><div class="cmp-grid"></div>';
    box.querySelector('.cmp-name').textContent = label(kind);
    const grid = box.querySelector('.cmp-grid');
    const chips = catalog.sitesOfKind(kind.key).map((site) => {
      const chip = document.createElement('div');
      chip.className = 'cmp-chip pending';
      chip.dataset.site = site.id;
      chip.innerHTML = '<b></b><small></small>';
      chip.querySelector('b').textContent = label(catalog.area(site.area)) || label(site);
      grid.appendChild(chip);
      return { site, chip, small: chip.querySelector('small'), shown: '' };
    });
    body.appendChild(box);
    groups.push({
      kind, chips, shown: '',
      count: box.querySelector('.cmp-count'),
      deadline: box.querySelector('.cmp-deadline'),
    });
  }
}

function chipState(c) {
  if (!c) return 'pending';
  if (c.missing) return 'missing';
  if (c.reported) return c.late ? 'late' : 'ok';
  return 'pending';
}

/** @param data {state} */
export function update(data) {
  const compliance = (data.state && data.state.compliance) || {};
  const kinds = compliance.kinds || {};
  const sites = compliance.sites || {};
  for (const g of groups) {
    const k = kinds[g.kind.key] || {};
    const deadlineMs = parseInstant(k.deadline);
    const head = (k.reported ?? 0) + '/' + (k.expected ?? g.chips.length) + '|'
      + (Number.isNaN(deadlineMs) ? g.kind.dailyDeadline : formatHm(deadlineMs)) + '|' + (k.missing > 0);
    if (head !== g.shown) {
      g.shown = head;
      const [count, deadline] = head.split('|');
      g.count.textContent = count;
      g.count.classList.toggle('bad', k.missing > 0);
      g.deadline.textContent = t('cmp.deadline', { t: deadline });
    }
    for (const c of g.chips) {
      const s = sites[c.site.id];
      const st = chipState(s);
      const first = s && parseInstant(s.firstReportAt);
      const text = st === 'ok' || st === 'late'
        ? t('cmp.' + st) + (first && !Number.isNaN(first) ? ' ' + formatHm(first) : '')
        : t('cmp.' + st);
      const key = st + text;
      if (key === c.shown) continue;
      c.shown = key;
      c.chip.className = 'cmp-chip ' + st;
      c.chip.dataset.state = st;
      c.small.textContent = text;
    }
  }
}
