// Sites picked from the tree of areas: each area of the admin's scope with its own sites as
// checkboxes, and a box per area that ticks its whole subtree. The picker holds only site ids.
import { label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { el } from '../console/dom.js';

function siteBox(site) {
  const box = el('input');
  box.type = 'checkbox';
  box.value = site.id;
  box.dataset.site = site.id;
  const kind = catalog.kind(site.kind);
  return el('label', 'tree-site', box, label(site), kind ? el('span', 'muted small', ' · ' + label(kind)) : null);
}

function areaNode(area, depth) {
  const own = catalog.sites().filter((s) => s.area === area.id);
  const children = catalog.children(area.id);
  const all = el('input');
  all.type = 'checkbox';
  all.dataset.area = area.id;
  const node = el('div', 'tree-area', el('label', 'tree-area-name', all, label(area)));
  node.style.setProperty('--depth', depth);
  const body = el('div', 'tree-children', ...own.map(siteBox), ...children.map((c) => areaNode(c, depth + 1)));
  node.append(body);
  all.addEventListener('change', () => {
    for (const box of body.querySelectorAll('input[type=checkbox]')) box.checked = all.checked;
  });
  return node;
}

/** Draws the picker into `root`, empty. */
export function draw(root) {
  const scope = catalog.area(catalog.scope()) || catalog.jurisdiction();
  root.replaceChildren(areaNode(scope, 0));
}

/** The ticked sites, in the catalogue's order. */
export function picked(root) {
  return [...root.querySelectorAll('input[data-site]:checked')].map((b) => b.value);
}

export function clear(root) {
  for (const box of root.querySelectorAll('input[type=checkbox]')) box.checked = false;
}
