// Sends the task tab's waiting actions (docs/pages.md#task-tab), one at a time, oldest first, each
// with the Idempotency-Key made when it was queued, so the server applies each once however often
// it arrives. The retry rules are the reports' (forward.js): a lost connection, a timeout, 408, 429,
// a 5xx or an answer not the server's own waits and goes again after the backoff; 401 waits for the
// unit to sign in again. A 409 (the case moved on: an officer took it back, it was signed already)
// and a 422 (a field refused) are the server's final word: filed with its message, never resent;
// so is any other 4xx of its own (404: not this unit's case any more).
import * as outbox from './outbox.js';
import { loop, send, trouble } from '../forward.js';

/** The first bytes of a request go in 20 s; photos get a second per 20 KB more (2G speeds), to 10 min. */
export function timeoutMs(bytes) {
  return Math.min(600_000, 20_000 + Math.ceil(bytes / 20));
}

/** Where an entry goes: an action on its case, or a new case (上报事件). */
export function pathOf(entry) {
  return entry.kind === 'event' ? '/api/v1/tasks' : `/api/v1/tasks/${encodeURIComponent(entry.caseId)}/${entry.action}`;
}

/**
 * The request's body: JSON, or multipart/form-data when photos go with it (its fields, then each
 * photo as `photo`; with `lat` and `lon` fields, one pair a photo in the photos' order, empty where a
 * photo has no location, when the unit let locations go with them).
 */
export function bodyOf(entry, FormDataClass = FormData) {
  const photos = entry.photos || [];
  if (photos.length === 0) return { json: JSON.stringify(entry.body) };
  const form = new FormDataClass();
  for (const [key, value] of Object.entries(entry.body)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  const located = photos.some((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  photos.forEach((p, i) => {
    if (located) {
      form.append('lat', Number.isFinite(p.lat) ? String(p.lat) : '');
      form.append('lon', Number.isFinite(p.lon) ? String(p.lon) : '');
    }
    form.append('photo', p.blob, p.name || `photo-${i + 1}.jpg`);
  });
  return { form };
}

/** The idempotency store's "this key's first request is still being answered": worth asking again. */
function inFlight(json) {
  const text = [json.type, json.title, json.detail].filter(Boolean).join(' ');
  return /in[ -]flight|in progress|still being/i.test(text);
}

/**
 * What an answer means for the entry:
 * {settled: case JSON} delivered (2xx naming the case), {final: problem} refused for good (a 422
 * naming a photo's location too: the server keeps them, so a refused one is the phone's to show),
 * or {wait: why} (see forward.js's trouble).
 */
export function outcome(entry, answer) {
  const { status, json } = answer;
  const theCase = json && typeof json === 'object' ? (json.case && json.case.id ? json.case : json) : null;
  if ((status === 200 || status === 201) && theCase && theCase.id === entry.caseId) return { settled: theCase };
  if (status === 409 && json && inFlight(json)) return { wait: { kind: 'busy', retryAfterMs: answer.retryAfterMs || 2000 } };
  const why = trouble(answer);
  return why ? { wait: why } : { final: json };
}

/**
 * Starts sending one signed-in unit's actions; stop() when it signs out.
 * @param options.unit, options.token   the unit and its bearer token
 * @param options.onChange    () the status or the outbox changed
 * @param options.onSettled   (entry, case JSON) the server has it: the task list may change
 * @param options.onRefused   (entry, problem) the server refused it for good
 * @param options.capMs, options.fetch, options.window, options.document, options.navigator  as forward.js's loop
 */
export function start(options) {
  const { unit, token } = options;
  const request = options.fetch || ((url, init) => fetch(url, init));
  const onSettled = options.onSettled || (() => {});
  const onRefused = options.onRefused || (() => {});

  async function sendFirst([entry]) {
    const { json, form } = bodyOf(entry);
    const headers = { Authorization: 'Bearer ' + token, 'Idempotency-Key': entry.id };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await send(request, pathOf(entry), { method: 'POST', headers, body: json ?? form },
      timeoutMs(outbox.bytesOf(entry)));
    const result = outcome(entry, answer);
    if (result.settled) {
      await outbox.settle(entry, answer.status, Date.now(), result.settled);
      onSettled(entry, result.settled);
      return null;
    }
    if (result.final !== undefined) {
      await outbox.reject(entry, answer.status, result.final, Date.now());
      onRefused(entry, result.final);
      return null;
    }
    return result.wait;
  }

  return loop({ ...options, pending: () => outbox.waiting(unit), send: sendFirst });
}
