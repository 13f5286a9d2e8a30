// The reports on this device, in IndexedDB: those waiting to be sent, the last few delivered, and
// those the server refused. A report is written here before any attempt to send it, and leaves
// "waiting" only in the same transaction that files it as delivered or refused. The page reads an
// in-memory copy, updated after each transaction commits. Where IndexedDB cannot be opened (some
// private modes), the copy in memory is all there is, and the page says so.

const DB_NAME = 'watchfloor-field';
const DB_VERSION = 1;
const STORES = ['waiting', 'sent', 'rejected'];
/** Delivered reports kept per unit, to show the last ones. */
const SENT_KEEP = 20;
/** Waiting reports at most: days of reports of a busy unit, well past the server's late window. */
export const WAITING_MAX = 1000;

let db = null;
let max = WAITING_MAX;
const copy = { waiting: new Map(), sent: new Map(), rejected: new Map() };

export class OutboxFull extends Error {}

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/**
 * Opens the store and reads it into memory; false if only memory is available.
 * @param idb for tests only: an IndexedDB factory in place of the browser's
 */
export async function open(limit, idb) {
  if (limit > 0) max = limit;
  try {
    const req = (idb || indexedDB).open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: 'id' });
      }
    };
    db = await request(req);
    const tx = db.transaction(STORES, 'readonly');
    const all = await Promise.all(STORES.map((name) => request(tx.objectStore(name).getAll())));
    STORES.forEach((name, i) => {
      copy[name].clear();
      for (const entry of all[i]) copy[name].set(entry.id, entry);
    });
  } catch (e) {
    console.warn('IndexedDB unavailable; reports are kept in memory only', e);
    db = null;
  }
  return db !== null;
}

export const durable = () => db !== null;
export const limit = () => max;

/**
 * Applies changes, [store, 'put', entry] or [store, 'delete', id], in one transaction, and to the
 * copy in memory once it has committed. Rejects (and changes nothing) if the transaction fails.
 */
function commit(changes) {
  const apply = () => {
    for (const [store, op, value] of changes) {
      if (op === 'put') copy[store].set(value.id, value);
      else copy[store].delete(value);
    }
  };
  if (!db) {
    apply();
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const names = [...new Set(changes.map((c) => c[0]))];
    const tx = db.transaction(names, 'readwrite', { durability: 'strict' });
    for (const [store, op, value] of changes) {
      if (op === 'put') tx.objectStore(store).put(value);
      else tx.objectStore(store).delete(value);
    }
    tx.oncomplete = () => {
      apply();
      resolve();
    };
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  });
}

const ofUnit = (store, unit) => [...copy[store].values()].filter((e) => e.unit === unit);
const byCreation = (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/** The unit's waiting reports, oldest first. */
export const waiting = (unit) => ofUnit('waiting', unit).sort(byCreation);
/** Waiting reports of other units (signed out with reports still waiting). */
export const waitingOfOthers = (unit) => [...copy.waiting.values()].filter((e) => e.unit !== unit).length;
export const isFull = () => copy.waiting.size >= max;
/** The unit's delivered reports, newest delivery first. */
export const sent = (unit) => ofUnit('sent', unit).sort((a, b) => b.ackAt - a.ackAt);
export const rejected = (unit) => ofUnit('rejected', unit).sort((a, b) => b.at - a.at);

/** Keeps a new report, {id, unit, body, createdAt}, until it is delivered or refused. */
export async function add(entry) {
  if (isFull()) throw new OutboxFull();
  try {
    await commit([['waiting', 'put', entry]]);
  } catch (e) {
    if (e && e.name === 'QuotaExceededError') throw new OutboxFull();
    throw e;
  }
}

/** Delivered: the server answered 201 accepted or 200 duplicate. */
export function settle(entry, status, ackAt) {
  const changes = [['waiting', 'delete', entry.id], ['sent', 'put', { ...entry, status, ackAt }]];
  for (const old of sent(entry.unit).slice(SENT_KEEP - 1)) changes.push(['sent', 'delete', old.id]);
  return commit(changes);
}

/** Refused for good (a 4xx other than 401 and 429): kept to be shown, never sent again. */
export function reject(entry, status, problem, at) {
  return commit([['waiting', 'delete', entry.id], ['rejected', 'put', {
    ...entry, status, at, detail: problem && problem.detail || '', errors: problem && problem.errors || [],
  }]]);
}

export function dismiss(id) {
  return commit([['rejected', 'delete', id]]);
}
