// The full-screen notice for what keeps the screen from showing data (no key, wrong key, no server):
// always in Chinese and English, so a kiosk never shows a blank page.
import { t } from './i18n.js';

let root = null;
let shownKind = null;

export function install(el) {
  root = el;
}

/** @param kind 'error' (red) or 'wait' (amber); titleKey/textKey are i18n keys */
export function show(kind, titleKey, textKey, vars) {
  shownKind = titleKey;
  root.className = 'notice' + (kind === 'error' ? ' error' : '');
  root.dataset.notice = titleKey;
  root.querySelector('.notice-title').textContent = t(titleKey, vars);
  root.querySelector('.notice-text').textContent = t(textKey, vars);
  root.hidden = false;
}

export function hide() {
  shownKind = null;
  root.hidden = true;
  delete root.dataset.notice;
}

export function showing() {
  return shownKind;
}
