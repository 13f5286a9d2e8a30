// Store and forward (docs/pages.md#field-report-page): sends the unit's waiting reports until each one is delivered
// (201 accepted, 200 duplicate) or refused for good (a 4xx from the server). A lost connection, a
// timeout, 503 or 429 (and any answer that is not the server's own) leaves the reports waiting, to be
// sent again with the same ids after a backoff with jitter that honours Retry-After; the server counts
// an id once however often it comes. One report goes to POST /api/v1/reports; more than one (after an
// offline spell) go together to POST /api/v1/reports/batch, at most 500 a request. The browser's
// online/offline events only hint: a failed request counts as offline whatever navigator.onLine says.
import * as outbox from './outbox.js';

const BASE_MS = 1000;
const CAP_MS = 60_000;
const SINGLE_TIMEOUT_MS = 20_000;
const BATCH_TIMEOUT_MS = 60_000;
export const BATCH_MAX = 500;
/** Under the server's 1 MiB batch body limit, whatever the notes hold. */
const BATCH_BYTES = 900_000;
const DELIVERED = new Set(['accepted', 'duplicate']);

const utf8 = new TextEncoder();

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; 0 without one. */
export function retryAfterMs(header, nowMs = Date.now()) {
  if (!header) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - nowMs);
}

/** The oldest waiting reports that fit one batch request. */
export function chunk(entries) {
  const out = [];
  let bytes = 16;
  for (const e of entries) {
    bytes += utf8.encode(JSON.stringify(e.body)).length + 1;
    if (out.length === BATCH_MAX || (out.length > 0 && bytes > BATCH_BYTES)) break;
    out.push(e);
  }
  return out;
}

/**
 * What an answer that delivered nothing means for the queue: null when the server refused the
 * report for good (its own problem+json with a 4xx other than 401 and 429), otherwise why to wait.
 */
function trouble(answer) {
  const { status, json } = answer;
  if (status === 0) return { kind: 'offline' };
  if (status === 401) return { kind: 'refused' };
  if (status === 429 || status === 503) return { kind: 'busy', retryAfterMs: answer.retryAfterMs };
  const ours = json && typeof json === 'object' && json.status === status;
  if (status >= 400 && status < 500 && status !== 408 && ours) return null;
  // a 5xx, or a page from something between (a captive portal, a proxy): not the server's word
  return { kind: 'busy', retryAfterMs: answer.retryAfterMs, unexpected: status };
}

/**
 * Starts sending for one signed-in unit; stop() when it signs out.
 * @param options.unit     the unit's id: only its reports are sent
 * @param options.token    its bearer token
 * @param options.onChange () the status or the outbox changed
 * @param options.capMs    the backoff's ceiling (tests shorten it)
 * @param options.fetch, options.window, options.document, options.navigator  for tests only: stand-ins
 *        for the browser's own
 */
export function start(options) {
  const { unit, token, onChange } = options;
  const request = options.fetch || ((url, init) => fetch(url, init));
  const win = options.window || window;
  const doc = options.document || document;
  const nav = options.navigator || navigator;
  const capMs = options.capMs || CAP_MS;
  let stopped = false;
  let busy = false;
  let again = false;
  let failures = 0;
  let timer = 0;
  let nextAt = 0;
  let holdUntil = 0;
  let net = nav.onLine === false ? 'offline' : 'online';
  let unexpected = 0;
  const counters = { requests: 0, singles: 0, batches: 0 };

  function setNet(state) {
    net = state;
    onChange();
  }

  async function post(path, body, timeoutMs) {
    counters.requests++;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
      });
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch (e) {
        json = null;
      }
      return { status: response.status, json, retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
    } catch (e) {
      return { status: 0 }; // no network, connection lost, timed out: the report may or may not have arrived
    } finally {
      clearTimeout(timeout);
    }
  }

  /** @return null when the report was delivered or refused; otherwise why it still waits */
  async function sendOne(entry) {
    counters.singles++;
    const answer = await post('/api/v1/reports', entry.body, SINGLE_TIMEOUT_MS);
    const json = answer.json;
    if ((answer.status === 201 || answer.status === 200) && json && json.id === entry.id && DELIVERED.has(json.status)) {
      await outbox.settle(entry, json.status, Date.now());
      return null;
    }
    const why = trouble(answer);
    if (!why) await outbox.reject(entry, answer.status, json, Date.now());
    return why;
  }

  async function sendBatch(entries) {
    counters.batches++;
    const answer = await post('/api/v1/reports/batch', { reports: entries.map((e) => e.body) }, BATCH_TIMEOUT_MS);
    const results = answer.status === 200 && answer.json && Array.isArray(answer.json.results) ? answer.json.results : null;
    if (results && results.length === entries.length) {
      let settled = 0;
      for (let i = 0; i < entries.length; i++) {
        const result = results[i];
        if (!result || result.id !== entries[i].id) continue; // not an answer for this one: it keeps waiting
        if (DELIVERED.has(result.status)) {
          await outbox.settle(entries[i], result.status, Date.now());
          settled++;
        } else if (result.status === 'rejected') {
          await outbox.reject(entries[i], null, { errors: result.errors || [] }, Date.now());
          settled++;
        }
      }
      return settled > 0 ? null : { kind: 'busy', unexpected: answer.status };
    }
    const why = trouble(answer);
    if (why) return why;
    // the batch as a whole was refused (it should never be): each report gets its own answer
    for (const entry of entries) {
      const single = await sendOne(entry);
      if (single) return single;
    }
    return null;
  }

  async function flush() {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = 0;
    nextAt = 0;
    busy = true;
    let why = null;
    try {
      do {
        again = false;
        for (let list = outbox.waiting(unit); list.length && !stopped; list = outbox.waiting(unit)) {
          setNet('sending');
          why = list.length === 1 ? await sendOne(list[0]) : await sendBatch(chunk(list));
          if (why) break;
        }
      } while (again && !why && !stopped);
    } catch (e) {
      console.error('sending failed', e); // the outbox could not be written: try again later
      why = { kind: 'busy' };
    } finally {
      busy = false;
    }
    if (stopped) return;
    if (!why) {
      failures = 0;
      holdUntil = 0;
      unexpected = 0;
      setNet('online');
      return;
    }
    if (why.kind === 'refused') {
      setNet('refused'); // waits for the unit to sign in again; nothing is dropped
      return;
    }
    failures++;
    unexpected = why.unexpected || 0;
    const ceiling = Math.min(capMs, BASE_MS * 2 ** Math.min(failures - 1, 16));
    let delay = ceiling / 2 + Math.random() * ceiling / 2;
    if (why.retryAfterMs) {
      holdUntil = Date.now() + why.retryAfterMs;
      delay = Math.max(delay, why.retryAfterMs + Math.random() * 1000);
    }
    nextAt = Date.now() + delay;
    timer = setTimeout(flush, delay);
    setNet(why.kind);
  }

  /** Something is worth trying now (a new report, the network is back), unless the server asked to wait. */
  function kick() {
    if (Date.now() >= holdUntil) flush();
  }

  function onOnline() {
    failures = 0;
    kick();
  }

  function onOffline() {
    if (!busy) setNet('offline');
  }

  function onVisible() {
    if (doc.visibilityState === 'visible' && timer) kick();
  }

  win.addEventListener('online', onOnline);
  win.addEventListener('offline', onOffline);
  doc.addEventListener('visibilitychange', onVisible);
  flush();

  return {
    kick,
    /** The user asked: try now, from the start of the backoff (Retry-After still holds). */
    retryNow() {
      failures = 0;
      kick();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      win.removeEventListener('online', onOnline);
      win.removeEventListener('offline', onOffline);
      doc.removeEventListener('visibilitychange', onVisible);
    },
    /** online | sending | offline | busy | refused, and when the next attempt is due */
    status: () => ({ net, nextAt, holdUntil, unexpected }),
    counters,
  };
}
