// Store and forward, the part every queue of the field page shares (docs/pages.md#field-report-page):
// one request with a timeout read as {status, json, retryAfterMs}; what an answer that delivered
// nothing means (wait, or refused for good); and the loop that sends what waits until each item is
// settled, backing off from 1 s doubling to a ceiling with jitter, never sooner than Retry-After.
// The browser's online/offline events only hint: a failed request counts as offline whatever
// navigator.onLine says. The reports (sender.js) and the tasks (tasks/sender.js) each run one loop.

const BASE_MS = 1000;
export const CAP_MS = 60_000;

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; 0 without one. */
export function retryAfterMs(header, nowMs = Date.now()) {
  if (!header) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - nowMs);
}

/**
 * What an answer that delivered nothing means for the queue: null when the server refused the item
 * for good (its own problem+json with a 4xx other than 401, 408 and 429), otherwise why to wait:
 * offline, busy (a 5xx, 429, or a page from something between) or refused (401: sign in again).
 */
export function trouble(answer) {
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
 * The wait before the next attempt after `failures` failed ones in a row: full jitter over the upper
 * half of 1 s · 2^(failures-1), capped at `capMs`; at least Retry-After (plus up to 1 s, so that a
 * crowd told the same time does not come back at once).
 */
export function backoffMs(failures, capMs, retryAfter = 0, random = Math.random) {
  const ceiling = Math.min(capMs, BASE_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 16));
  const delay = ceiling / 2 + random() * ceiling / 2;
  return retryAfter ? Math.max(delay, retryAfter + random() * 1000) : delay;
}

/**
 * One request: {status, json, retryAfterMs}; status 0 when no answer came (no network, the
 * connection lost, the timeout): the request may or may not have arrived.
 */
export async function send(fetchFn, path, init, timeoutMs) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchFn(path, { ...init, cache: 'no-store', credentials: 'omit', signal: controller.signal });
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
    return { status: response.status, json, retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
  } catch (e) {
    return { status: 0 };
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * Sends what waits until nothing does, or something must wait; stop() when the unit signs out.
 * @param options.pending  () the items waiting, in the order to send them
 * @param options.send     async (items) sends the first one(s) and files them; null when it got on,
 *                         otherwise why to wait ({kind, retryAfterMs?, unexpected?}, see trouble)
 * @param options.onChange () the status changed
 * @param options.capMs    the backoff's ceiling (tests shorten it)
 * @param options.window, options.document, options.navigator  for tests only
 */
export function loop(options) {
  const { pending, send: sendSome, onChange } = options;
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

  function setNet(state) {
    net = state;
    onChange();
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
        for (let list = pending(); list.length && !stopped; list = pending()) {
          setNet('sending');
          why = await sendSome(list);
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
    if (why.retryAfterMs) holdUntil = Date.now() + why.retryAfterMs;
    const delay = backoffMs(failures, capMs, why.retryAfterMs);
    nextAt = Date.now() + delay;
    timer = setTimeout(flush, delay);
    setNet(why.kind);
  }

  /** Something is worth trying now (a new item, the network is back), unless the server asked to wait. */
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
  };
}
