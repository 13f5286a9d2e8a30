// What the server says about the unit's tasks (GET /api/v1/tasks, GET /api/v1/tasks/{id}, their
// photos), and the last answers kept on the device per unit, so a unit in a dead spot still sees
// what it was given and can act on it. Bounded: the list as the server sent it (at most 500), and
// the details of the last 30 tasks opened.
import { getJson } from '../session.js';
import * as clock from './clock.js';

const KEY = 'watchfloor.field.tasks.';
const DETAILS_KEPT = 30;
const PHOTO_TIMEOUT_MS = 30_000;

/** {tasks: [...], fetchedAt, details: {id: {detail, at}}} as kept for `unit`. */
export function cached(unit) {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY + unit));
    if (kept && Array.isArray(kept.tasks)) return { details: {}, ...kept };
  } catch (e) {
    // nothing kept, or not readable: as if nothing
  }
  return { tasks: [], fetchedAt: 0, details: {} };
}

function keep(unit, value) {
  try {
    localStorage.setItem(KEY + unit, JSON.stringify(value));
  } catch (e) {
    console.warn('the task list could not be kept on the device', e); // full: the page still works online
  }
}

/** Forgets what was kept for `unit` (it signed out). */
export function forget(unit) {
  localStorage.removeItem(KEY + unit);
}

/** The unit's open tasks from the server: {status, tasks?}; kept on success. */
export async function fetchList(unit, token) {
  const answer = await getJson('/api/v1/tasks', token);
  if (answer.json && Array.isArray(answer.json.tasks)) {
    clock.observe(answer.json.now);
    const kept = cached(unit);
    const open = new Set(answer.json.tasks.map((task) => task.id));
    const details = Object.fromEntries(Object.entries(kept.details).filter(([id]) => open.has(id)));
    keep(unit, { tasks: answer.json.tasks, fetchedAt: Date.now(), details });
    return { status: answer.status, tasks: answer.json.tasks };
  }
  return { status: answer.status };
}

/** One task's detail {case, trail, photos} from the server: {status, detail?}; kept on success. */
export async function fetchDetail(unit, token, id) {
  const answer = await getJson('/api/v1/tasks/' + encodeURIComponent(id), token);
  const kept = cached(unit);
  if (answer.json && answer.json.case) {
    kept.details[id] = { detail: answer.json, at: Date.now() };
    const newest = Object.entries(kept.details).sort((a, b) => b[1].at - a[1].at).slice(0, DETAILS_KEPT);
    kept.details = Object.fromEntries(newest);
    kept.tasks = kept.tasks.map((task) => (task.id === id ? answer.json.case : task));
    keep(unit, kept);
    return { status: answer.status, detail: answer.json };
  }
  if (answer.status === 404) {
    delete kept.details[id];
    kept.tasks = kept.tasks.filter((task) => task.id !== id);
    keep(unit, kept);
  }
  return { status: answer.status };
}

/** Puts a case the server answered an action with into the kept list (it leaves when no longer open). */
export function remember(unit, theCase) {
  const kept = cached(unit);
  const open = !['closed', 'cancelled', 'new'].includes(theCase.state) && theCase.unit === unit;
  const others = kept.tasks.filter((task) => task.id !== theCase.id);
  kept.tasks = open ? [theCase, ...others] : others;
  keep(unit, kept);
}

const asDataUrl = (blob) => new Promise((resolve) => {
  const reader = new FileReader();
  reader.onload = () => resolve(reader.result);
  reader.onerror = () => resolve(null);
  reader.readAsDataURL(blob);
});

/**
 * A photo of a task as a data: URL, or null: the server wants the token, which an <img src> cannot
 * send, and the pages' Content-Security-Policy takes images from data: but not blob:.
 */
export async function photoData(token, url) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), PHOTO_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit', signal: controller.signal,
    });
    return response.ok ? await asDataUrl(await response.blob()) : null;
  } catch (e) {
    return null;
  } finally {
    clearTimeout(timeout);
  }
}
