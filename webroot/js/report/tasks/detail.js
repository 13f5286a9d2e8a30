// One task opened on the task tab (docs/pages.md#task-tab): its fields and marks, the unit's actions
// the state allows (each opens the action form), its photos and the trail lines meant for the unit.
// Shown at once from what the phone kept, then from GET /api/v1/tasks/{id} when the network answers.
import { t } from '../../i18n.js';
import { el } from '../dom.js';
import * as api from './api.js';
import * as clock from './clock.js';
import * as view from './view.js';
import * as outbox from './outbox.js';
import { unitActions } from './flow.js';

const $ = (id) => document.getElementById(id);
let els = null;
let ctx = null;
let openId = null;
let detail = null; // {case, trail, photos}, fetched or kept
let photoRound = 0; // a newer loadPhotos() stops an older one

/**
 * @param context.unit(), context.token()  the signed-in unit
 * @param context.views()   the tasks as the list shows them (waiting actions applied)
 * @param context.changed() the kept list changed (a detail fetched, a task gone)
 * @param context.gone()    the open task is no longer the unit's
 * @param context.acts      the action form
 */
export function create(context) {
  ctx = context;
  els = {
    detail: $('task-detail'), body: $('task-detail-body'), actions: $('task-actions'), trail: $('task-trail'),
    photos: $('task-photos'), note: $('task-detail-note'),
  };
}

export const openTask = () => openId;

export function open(task) {
  openId = task.id;
  const kept = api.cached(ctx.unit()).details[task.id];
  detail = kept ? kept.detail : null;
  els.detail.hidden = false;
  ctx.acts.close();
  render(false);
  loadPhotos();
  window.scrollTo(0, 0);
  load(task.id);
}

export function close() {
  openId = null;
  if (els) delete els.detail.dataset.sig;
  detail = null;
  photoRound++;
  if (ctx) ctx.acts.close();
  if (els) els.detail.hidden = true;
}

/** Asks the server for the open task again (after the list was refreshed, an action delivered). */
export function reload() {
  if (openId) load(openId);
}

async function load(id) {
  const answer = await api.fetchDetail(ctx.unit(), ctx.token(), id);
  if (openId !== id) return;
  if (answer.detail) {
    const hadPhotos = detail ? detail.photos.length : -1;
    detail = answer.detail;
    ctx.changed();
    if (detail.photos.length !== hadPhotos) loadPhotos();
  } else if (answer.status === 404 && !outbox.waiting(ctx.unit()).some((e) => e.caseId === id)) {
    close();
    ctx.gone();
  } else if (answer.status === 0) {
    els.note.textContent = t('tasks.detailOffline');
  }
}

/** The task's photos, fetched with the unit's token one after the other. */
export async function loadPhotos() {
  const round = ++photoRound;
  const list = detail ? detail.photos : [];
  els.photos.replaceChildren();
  if (list.length === 0) return;
  els.photos.append(el('h3', null, t('detail.photos')));
  const grid = el('div', 'photo-thumbs');
  els.photos.append(grid);
  const id = openId;
  for (const photo of list) {
    const url = await api.photoData(ctx.token(), `/api/v1/tasks/${encodeURIComponent(id)}/photos/${encodeURIComponent(photo.id)}`);
    if (openId !== id || round !== photoRound) return;
    if (!url) {
      grid.append(el('span', 'hint', t('tasks.photosOffline')));
      return;
    }
    const img = el('img', 'photo-shown');
    img.src = url;
    img.alt = t('detail.photos');
    img.dataset.photo = photo.id;
    grid.append(img);
  }
}

/** The open task as it stands; `offline`: the list could not be fetched, say what is shown. */
export function render(offline) {
  if (!openId) return;
  const task = ctx.views().find((v) => v.id === openId) || (detail && detail.case);
  els.note.textContent = offline ? t('tasks.detailOffline') : '';
  if (!task || view.unchanged(els.detail, [task, detail && detail.trail])) return;
  view.renderDetail(els.body, task, clock.now());
  els.actions.replaceChildren(...unitActions(task).map((action) => {
    const button = el('button', action === 'accept' || action === 'report' ? 'primary act-button' : 'secondary act-button',
      t('act.' + action));
    button.type = 'button';
    button.dataset.action = action;
    button.addEventListener('click', () => ctx.acts.open(action, task));
    return button;
  }));
  view.renderTrail(els.trail, detail ? detail.trail : [], ctx.unit());
}
