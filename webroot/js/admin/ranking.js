// The red and black lists' setting on the rules tab: the floor (percent) below which no town is on the on-time
// board's red list. Only the district's admin changes it; a mistake the server names is shown under the field.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { toast } from '../console/dom.js';
import { paths } from './paths.js';
import { showError } from './ui.js';

const $ = (id) => document.getElementById(id);

function show(setting) {
  const editable = Boolean(setting.editable);
  $('ranking-floor').value = setting.onTimeRedFloor;
  $('ranking-floor').disabled = !editable;
  $('ranking-save').hidden = !editable;
  $('ranking-note').textContent = t(editable ? 'ranking.editable' : 'ranking.readOnly',
    { default: setting.default, floor: setting.onTimeRedFloor });
}

export async function load() {
  showError($('ranking-error'), null);
  try {
    show(await api.get(paths.ranking));
  } catch (e) {
    showError($('ranking-error'), e);
  }
}

export function create() {
  $('ranking-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('ranking-floor').value.trim();
    // sent as typed, so the server names what is wrong with it ("85.5", "", "120") rather than the page guessing
    const floor = text === '' ? null : Number(text);
    $('ranking-save').disabled = true;
    try {
      const saved = await api.call('PUT', paths.ranking, { onTimeRedFloor: Number.isNaN(floor) ? text : floor });
      showError($('ranking-error'), null);
      show(saved);
      toast(t('ranking.saved', { floor: saved.onTimeRedFloor }));
    } catch (e) {
      showError($('ranking-error'), e);
    } finally {
      $('ranking-save').disabled = false;
    }
  });
}
