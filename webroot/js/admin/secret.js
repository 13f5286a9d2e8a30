// A token or key, shown once: the value with a copy button, and a QR code of the link that uses it (a
// phone's field page signed in with the token; a wall screen opened with the key). Closing the dialog
// forgets it: the server keeps only its hash.
import { t } from '../i18n.js';
import { svg } from './qr.js';

const $ = (id) => document.getElementById(id);

/** The field page with the token in the fragment: never sent to the server, never in its logs. */
export function fieldLink(token) {
  return `${location.origin}/report#token=${encodeURIComponent(token)}`;
}

export function screenLink(key, scope) {
  return `${location.origin}/?key=${encodeURIComponent(key)}` + (scope ? `&scope=${encodeURIComponent(scope)}` : '');
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    // plain http on a LAN is no secure context: the old way still copies a selection
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand && document.execCommand('copy');
    area.remove();
    return Boolean(ok);
  }
}

/** The code as a picture with its words: a screen reader says what it holds (the link, also shown below it). */
function qr(link) {
  const node = svg(link);
  node.setAttribute('aria-label', t('secret.qrAlt', { link }));
  return node;
}

/** Resolves when the admin closes it. */
export function show({ title, secret, link, caption }) {
  const dialog = $('secret');
  $('secret-title').textContent = title;
  $('secret-value').textContent = secret;
  // a password has no link: nothing to scan
  $('secret-qr').replaceChildren(...(link ? [qr(link)] : []));
  $('secret-qr-caption').textContent = caption || '';
  const anchor = $('secret-link');
  if (link) anchor.href = link;
  else anchor.removeAttribute('href');
  anchor.textContent = link || '';
  const button = $('secret-copy');
  button.textContent = t('secret.copy');
  button.onclick = async () => {
    button.textContent = (await copy(secret)) ? t('secret.copied') : t('secret.copyFailed');
  };
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      $('secret-value').textContent = '';
      $('secret-qr').replaceChildren();
      anchor.removeAttribute('href');
      anchor.textContent = '';
      resolve();
    }, { once: true });
    dialog.showModal();
  });
}
