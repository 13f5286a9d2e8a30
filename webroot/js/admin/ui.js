// What every tab of /admin shares: error texts that name the field, a confirm dialog with an optional
// input, the scopes an admin may pick, and a state tag. Server text is always put in as text.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { el, option } from '../console/dom.js';

/** A failed call as one line: the field and what is wrong with it when the server named one. */
export function errorText(e) {
  const errors = e && e.problem && Array.isArray(e.problem.errors) ? e.problem.errors : [];
  if (errors.length) return errors.map((x) => t('error.field', { field: x.field, message: x.message })).join('；');
  if (e && e.status === 403) return t('error.forbidden') + (e.message ? ' · ' + e.message : '');
  return t('error.failed', { detail: (e && e.message) || String(e) });
}

export function showError(node, e) {
  node.hidden = !e;
  node.textContent = e ? (typeof e === 'string' ? e : errorText(e)) : '';
}

/** The areas this admin may give: their scope's subtree, the tree's order, indented by depth. */
export function fillScopes(select, selected) {
  select.replaceChildren();
  const root = catalog.scope();
  const walk = (id, depth) => {
    const area = catalog.area(id) || (id === catalog.jurisdiction().id ? catalog.jurisdiction() : null);
    if (!area) return;
    select.append(option(id, '\u3000'.repeat(depth) + label(area)));
    for (const child of catalog.children(id)) walk(child.id, depth + 1);
  };
  walk(root, 0);
  select.value = selected || root;
}

export function areaName(id) {
  if (!id) return '—';
  const area = catalog.area(id) || (id === catalog.jurisdiction().id ? catalog.jurisdiction() : null);
  return area ? label(area) : id;
}

export function stateTag(key) {
  return el('span', 'admin-state admin-state-' + key, t('state.' + key));
}

let askEls = null;

/**
 * A confirm dialog. `body` is a node (e.g. an input); `run()` does the work and may throw an ApiError,
 * which the dialog shows, staying open. Resolves with run's answer, or null when cancelled.
 */
export function ask(title, body, run) {
  if (!askEls) {
    askEls = { dialog: document.getElementById('ask'), title: document.getElementById('ask-title'),
      body: document.getElementById('ask-body'), error: document.getElementById('ask-error'),
      form: document.getElementById('ask-form'), cancel: document.getElementById('ask-cancel'),
      confirm: document.getElementById('ask-confirm') };
  }
  const { dialog, form, cancel, confirm } = askEls;
  askEls.title.textContent = title;
  askEls.body.replaceChildren(body);
  showError(askEls.error, null);
  return new Promise((resolve) => {
    const done = (value) => {
      form.onsubmit = null;
      cancel.onclick = null;
      dialog.close();
      resolve(value);
    };
    cancel.onclick = () => done(null);
    form.onsubmit = async (event) => {
      event.preventDefault();
      confirm.disabled = true;
      try {
        done(await run());
      } catch (e) {
        showError(askEls.error, e);
      } finally {
        confirm.disabled = false;
      }
    };
    dialog.showModal();
  });
}

/** An "actions" cell of buttons; each button calls its handler with the row's item. */
export function actions(item, buttons) {
  const cell = el('div', 'actions');
  for (const [key, handler, className] of buttons) {
    const b = el('button', className || null, t(key));
    b.type = 'button';
    b.addEventListener('click', () => handler(item));
    cell.append(b);
  }
  return cell;
}
