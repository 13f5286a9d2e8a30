// A queue kept on the device, in IndexedDB (docs/pages.md#field-report-page): the items waiting to be
// sent, the last few delivered, and those the server refused. An item is written here before any
// attempt to send it, and leaves "waiting" only in the same transaction that files it as delivered or
// refused. The page reads an in-memory copy, updated after each transaction commits. Where IndexedDB
// cannot be opened (some private modes), the copy in memory is all there is, and the page says so.
// The reports (outbox.js) and the task tab's actions (tasks/outbox.js) each keep one, in their own
// database.

const STORES = ['waiting', 'sent', 'rejected'];

/** The queue has no room for the item: why (count, unit, bytes, quota) is in `reason`. */
export class OutboxFull extends Error {
  constructor(reason) {
    super('outbox full: ' + reason);
    this.reason = reason;
  }
}

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/**
 * Whether one more item fits: null, or why not ('count': all units' items, 'unit': this unit's,
 * 'bytes': all items' bytes as `limits.bytes` counts them).
 * @param waiting every waiting item, of every unit
 * @param limits  {max, perUnit?, maxBytes?, bytes?}
 */
export function room(entry, waiting, limits) {
  if (waiting.length >= limits.max) return 'count';
  if (limits.perUnit && waiting.filter((e) => e.unit === entry.unit).length >= limits.perUnit) return 'unit';
  if (limits.maxBytes && limits.bytes) {
    const used = waiting.reduce((sum, e) => sum + limits.bytes(e), 0);
    if (used + limits.bytes(entry) > limits.maxBytes) return 'bytes';
  }
  return null;
}

const byCreation = (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/**
 * @param options.name        the IndexedDB database
 * @param options.max         waiting items at most, all units together (open(limit) may change it)
 * @param options.perUnit     waiting items of one unit at most (none: no such bound)
 * @param options.maxBytes, options.bytes  all waiting items' bytes at most, and how to count an item's
 * @param options.sentKeep    delivered items kept per unit, to show the last ones
 * @param options.rejectedKeep refused items kept per unit (the oldest go first); none: until dismissed
 * @param options.slim        (entry) what of a delivered item to keep (a task action drops its photos)
 */
export function create(options) {
  const { name, sentKeep = 20, rejectedKeep = Infinity, slim = (e) => e } = options;
  let db = null;
  let max = options.max;
  const copy = { waiting: new Map(), sent: new Map(), rejected: new Map() };
  const limits = () => ({ max, perUnit: options.perUnit, maxBytes: options.maxBytes, bytes: options.bytes });

  /**
   * Opens the store and reads it into memory; false if only memory is available.
   * @param idb for tests only: an IndexedDB factory in place of the browser's
   */
  async function open(limit, idb) {
    if (limit > 0) max = limit;
    try {
      const req = (idb || indexedDB).open(name, 1);
      req.onupgradeneeded = () => {
        for (const store of STORES) {
          if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, { keyPath: 'id' });
        }
      };
      db = await request(req);
      const tx = db.transaction(STORES, 'readonly');
      const all = await Promise.all(STORES.map((store) => request(tx.objectStore(store).getAll())));
      STORES.forEach((store, i) => {
        copy[store].clear();
        for (const entry of all[i]) copy[store].set(entry.id, entry);
      });
    } catch (e) {
      console.warn('IndexedDB unavailable; the queue is kept in memory only', e);
      db = null;
    }
    return db !== null;
  }

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

  /** Bytes of all waiting items, as options.bytes counts them. */
  const bytes = () => (options.bytes ? [...copy.waiting.values()].reduce((sum, e) => sum + options.bytes(e), 0) : 0);
  const ofUnit = (store, unit) => [...copy[store].values()].filter((e) => e.unit === unit);
  const sent = (unit) => ofUnit('sent', unit).sort((a, b) => b.ackAt - a.ackAt);
  const rejected = (unit) => ofUnit('rejected', unit).sort((a, b) => b.at - a.at);

  return {
    open,
    durable: () => db !== null,
    limit: () => max,
    /** The unit's waiting items, oldest first (ties by id). */
    waiting: (unit) => ofUnit('waiting', unit).sort(byCreation),
    /** Waiting items of other units (signed out with items still waiting). */
    waitingOfOthers: (unit) => [...copy.waiting.values()].filter((e) => e.unit !== unit).length,
    /** Why there is no room left for `unit` ('count', 'unit', 'bytes'), or null. */
    full(unit) {
      const all = [...copy.waiting.values()];
      if (all.length >= max) return 'count';
      if (options.perUnit && all.filter((e) => e.unit === unit).length >= options.perUnit) return 'unit';
      if (options.maxBytes && bytes() >= options.maxBytes) return 'bytes';
      return null;
    },
    bytes,
    /** The unit's delivered items, newest delivery first. */
    sent,
    rejected,
    /** Keeps a new item, {id, unit, createdAt, …}, until it is delivered or refused. */
    async add(entry) {
      const why = room(entry, [...copy.waiting.values()], limits());
      if (why) throw new OutboxFull(why);
      try {
        await commit([['waiting', 'put', entry]]);
      } catch (e) {
        if (e && e.name === 'QuotaExceededError') throw new OutboxFull('quota');
        throw e;
      }
    },
    /** Delivered: filed under sent with `status` and `ackAt` (and `answer`, what the server said). */
    settle(entry, status, ackAt, answer) {
      const filed = { ...slim(entry), status, ackAt };
      if (answer !== undefined) filed.answer = answer;
      const changes = [['waiting', 'delete', entry.id], ['sent', 'put', filed]];
      for (const old of sent(entry.unit).slice(sentKeep - 1)) changes.push(['sent', 'delete', old.id]);
      return commit(changes);
    },
    /** Refused for good (a 4xx other than 401, 408 and 429): kept to be shown, never sent again. */
    reject(entry, status, problem, at) {
      const changes = [['waiting', 'delete', entry.id], ['rejected', 'put', {
        ...entry, status, at, detail: problem && (problem.detail || problem.title) || '', errors: problem && problem.errors || [],
      }]];
      for (const old of rejected(entry.unit).slice(Math.max(0, rejectedKeep - 1))) changes.push(['rejected', 'delete', old.id]);
      return commit(changes);
    },
    dismiss(id) {
      return commit([['rejected', 'delete', id]]);
    },
  };
}
