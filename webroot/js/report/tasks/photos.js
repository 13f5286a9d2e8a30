// Photos taken with the phone's camera for a report back or a new event (docs/pages.md#task-tab):
// each is re-encoded as JPEG through a canvas, stepping quality and size down (shrink.js) until it
// is at most 2 MB and 2560 px, and held as a Blob to be queued. Re-encoding drops EXIF; where the
// photo was taken is read from the original's EXIF (exif.js) and goes with it only when the unit
// ticks the box, which starts unticked every time. Thumbnails are small data: URLs, as the pages'
// Content-Security-Policy takes images from the server and data: only (no blob:).
import { t } from '../../i18n.js';
import { el } from '../dom.js';
import { firstTry, nextTry } from './shrink.js';
import { gpsFromJpeg, HEAD_BYTES } from './exif.js';

export const MAX_PHOTOS = 6;

/** The picture, upright as the camera meant it (EXIF orientation applied), or null. */
async function decode(file) {
  if (globalThis.createImageBitmap) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch (e) {
      // some browsers refuse the options or the type: the <img> way below
    }
  }
  try {
    const img = new Image();
    img.src = await new Promise((resolve, reject) => {
      const reader = new FileReader(); // a data: URL, as the page's Content-Security-Policy has no blob:
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    await img.decode();
    return img;
  } catch (e) {
    return null;
  }
}

const toBlob = (canvas, quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
const THUMB_SIDE = 240;

/** A small JPEG of the picture as a data: URL, for the form's thumbnails. */
function thumbnail(picture, width, height) {
  const scale = Math.min(1, THUMB_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(picture, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.7);
}

/** {blob: a JPEG of at most 2 MB, width, height, thumb}, or null when the file is not a picture the browser can read. */
export async function shrink(file) {
  const picture = await decode(file);
  if (!picture) return null;
  const width = picture.width;
  const height = picture.height;
  const canvas = document.createElement('canvas');
  let tried = firstTry(width, height);
  try {
    for (;;) {
      canvas.width = tried.width;
      canvas.height = tried.height;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff'; // a transparent PNG would turn black as JPEG
      ctx.fillRect(0, 0, tried.width, tried.height);
      ctx.drawImage(picture, 0, 0, tried.width, tried.height);
      const blob = await toBlob(canvas, tried.quality);
      if (!blob) return null;
      const next = nextTry(tried, blob.size);
      if (next.done) return { blob, width: tried.width, height: tried.height, thumb: thumbnail(picture, width, height) };
      if (next.fail) return null;
      tried = next;
    }
  } finally {
    if (picture.close) picture.close();
    canvas.width = canvas.height = 0; // the canvas's memory goes now, not at the next collection
  }
}

/** Where the original was taken, from its EXIF, or null. */
async function location(file) {
  try {
    return gpsFromJpeg(await file.slice(0, HEAD_BYTES).arrayBuffer());
  } catch (e) {
    return null;
  }
}

/**
 * A photo picker in `container`: the camera button, the shrunk photos as thumbnails (each can be
 * removed), the location box. `prefix` makes its element ids.
 * @return {photos(): [{blob, name, lat?, lon?}] (lat/lon only when allowed), busy(), clear(), relabel()}
 */
export function picker(container, prefix) {
  const items = []; // {blob, thumb, lat, lon}
  let working = 0;
  let generation = 0; // a clear() while photos are being shrunk drops them when they come
  const input = el('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.setAttribute('capture', 'environment');
  input.multiple = true;
  input.id = prefix + '-file';
  input.className = 'photo-input';
  const button = el('label', 'photo-add');
  button.htmlFor = input.id;
  const count = el('span', 'photo-count');
  const thumbs = el('ul', 'photo-thumbs');
  thumbs.id = prefix + '-thumbs';
  const note = el('div', 'hint photo-note');
  note.setAttribute('aria-live', 'polite');
  const allow = el('input');
  allow.type = 'checkbox';
  allow.id = prefix + '-location';
  const allowLabel = el('label', 'photo-location');
  allowLabel.htmlFor = allow.id;
  const allowText = el('span');
  allowLabel.append(allow, allowText);
  const allowHint = el('div', 'hint');
  container.replaceChildren(input, button, thumbs, note, allowLabel, allowHint);

  function relabel() {
    button.replaceChildren(document.createTextNode(t('photos.add') + ' '), count);
    count.textContent = t('photos.count', { n: items.length, max: MAX_PHOTOS });
    allowText.textContent = t('photos.location');
    allowHint.textContent = t('photos.locationHint');
    for (const li of thumbs.children) li.querySelector('button').setAttribute('aria-label', t('photos.remove'));
  }

  function draw() {
    thumbs.replaceChildren(...items.map((item) => {
      const li = el('li', 'photo-thumb');
      const img = el('img');
      img.src = item.thumb;
      img.alt = '';
      const remove = el('button', 'photo-remove', '×');
      remove.type = 'button';
      remove.addEventListener('click', () => {
        items.splice(items.indexOf(item), 1);
        draw();
      });
      li.append(img, remove);
      if (item.lat !== undefined) li.append(el('span', 'photo-located', t('photos.located')));
      return li;
    }));
    input.disabled = items.length >= MAX_PHOTOS;
    button.classList.toggle('disabled', input.disabled);
    relabel();
  }

  input.addEventListener('change', async () => {
    const files = [...input.files];
    input.value = ''; // the same photo may be chosen again after removing it
    const room = MAX_PHOTOS - items.length - working;
    const messages = files.length > room ? [t('photos.max', { max: MAX_PHOTOS })] : [];
    const taken = files.slice(0, Math.max(0, room));
    working += taken.length;
    const mine = generation;
    note.textContent = [t('photos.shrinking'), ...messages].join(' ');
    for (const file of taken) {
      const [small, where] = await Promise.all([shrink(file).catch(() => null), location(file)]);
      if (mine !== generation) continue;
      working--;
      if (!small) {
        messages.push(t('photos.failed', { name: file.name }));
        continue;
      }
      const item = { blob: small.blob, thumb: small.thumb };
      if (where) Object.assign(item, where);
      items.push(item);
      draw();
    }
    if (mine === generation) note.textContent = working ? t('photos.shrinking') : messages.join(' ');
  });

  draw();
  return {
    photos: () => items.map((item, i) => {
      const photo = { blob: item.blob, name: `photo-${i + 1}.jpg` };
      if (allow.checked && item.lat !== undefined) Object.assign(photo, { lat: item.lat, lon: item.lon });
      return photo;
    }),
    busy: () => working > 0,
    clear() {
      generation++;
      working = 0;
      items.length = 0;
      allow.checked = false;
      note.textContent = '';
      draw();
    },
    relabel,
  };
}
