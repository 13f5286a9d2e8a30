// Store and forward (docs/pages.md#field-report-page): sends the unit's waiting reports until each one is delivered
// (201 accepted, 200 duplicate) or refused for good (a 4xx from the server). A lost connection, a
// timeout, 503 or 429 (and any answer that is not the server's own) leaves the reports waiting, to be
// sent again with the same ids after a backoff with jitter that honours Retry-After; the server counts
// an id once however often it comes. One report goes to POST /api/v1/reports; more than one (after an
// offline spell) go together to POST /api/v1/reports/batch, at most 500 a request. The loop that
// retries is forward.js's, shared with the task tab's queue.
import * as outbox from './outbox.js';
import { loop, send, trouble, retryAfterMs } from './forward.js';

export { retryAfterMs };

const SINGLE_TIMEOUT_MS = 20_000;
const BATCH_TIMEOUT_MS = 60_000;
export const BATCH_MAX = 500;
/** Under the server's 1 MiB batch body limit, whatever the notes hold. */
const BATCH_BYTES = 900_000;
const DELIVERED = new Set(['accepted', 'duplicate']);

const utf8 = new TextEncoder();

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
 * Starts sending for one signed-in unit; stop() when it signs out.
 * @param options.unit     the unit's id: only its reports are sent
 * @param options.token    its bearer token
 * @param options.onChange () the status or the outbox changed
 * @param options.capMs    the backoff's ceiling (tests shorten it)
 * @param options.fetch, options.window, options.document, options.navigator  for tests only: stand-ins
 *        for the browser's own
 */
export function start(options) {
  const { unit, token } = options;
  const request = options.fetch || ((url, init) => fetch(url, init));
  const counters = { requests: 0, singles: 0, batches: 0 };

  function post(path, body, timeoutMs) {
    counters.requests++;
    return send(request, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify(body),
    }, timeoutMs);
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

  const queue = loop({
    ...options,
    pending: () => outbox.waiting(unit),
    send: (list) => (list.length === 1 ? sendOne(list[0]) : sendBatch(chunk(list))),
  });
  return { ...queue, counters };
}
