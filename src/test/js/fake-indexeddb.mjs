// Just enough of IndexedDB for webroot/js/report/outbox.js: one database of key-path stores, whose
// transactions commit all their writes or, when told to fail, none of them. Events fire after the
// caller has set its handlers, as in a browser.
const later = (fn) => setImmediate(fn);

export class FakeIndexedDb {
  constructor() {
    this.stores = null; // name -> Map(id -> value), once created
    this.failNext = null; // the error the next read-write transaction aborts with
  }

  open() {
    const req = {};
    later(() => {
      const upgrading = this.stores === null;
      if (upgrading) this.stores = new Map();
      const db = this.#connection();
      req.result = db;
      if (upgrading && req.onupgradeneeded) req.onupgradeneeded();
      req.onsuccess && req.onsuccess();
    });
    return req;
  }

  /** What is stored, as a reload of the page would read it. */
  contents(name) {
    return [...(this.stores.get(name) || new Map()).values()].map((v) => structuredClone(v));
  }

  #connection() {
    const fake = this;
    return {
      objectStoreNames: { contains: (name) => fake.stores.has(name) },
      createObjectStore(name) {
        fake.stores.set(name, new Map());
      },
      transaction(names, mode) {
        const writes = [];
        const tx = {
          objectStore(name) {
            if (!names.includes(name)) throw new Error('store not in the transaction: ' + name);
            const store = fake.stores.get(name);
            return {
              put: (value) => writes.push(() => store.set(value.id, structuredClone(value))),
              delete: (id) => writes.push(() => store.delete(id)),
              getAll() {
                const req = {};
                later(() => {
                  req.result = [...store.values()].map((v) => structuredClone(v));
                  req.onsuccess && req.onsuccess();
                });
                return req;
              },
            };
          },
        };
        later(() => {
          if (mode === 'readwrite' && fake.failNext) {
            tx.error = fake.failNext;
            fake.failNext = null;
            tx.onabort && tx.onabort();
            return;
          }
          for (const write of writes) write();
          tx.oncomplete && tx.oncomplete();
        });
        return tx;
      },
    };
  }
}

/** A factory whose open() throws, as in some private browsing modes. */
export const brokenIndexedDb = { open() { throw new Error('IndexedDB disabled'); } };

export function quotaExceeded() {
  const e = new Error('quota exceeded');
  e.name = 'QuotaExceededError';
  return e;
}
