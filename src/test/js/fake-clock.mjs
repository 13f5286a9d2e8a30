// One fake clock for a test: setTimeout, setInterval and their clear functions, Date.now() and
// performance.now() all follow it, and Math.random() answers from a list so jitter is known. Each
// timer fires at exactly its due time, in order. Not node:test's mock.timers: on Debian 12's Node
// (18.20) a mocked setInterval fires on every tick, and no version's mock moves performance.now().
const TIMER_APIS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

export function fakeClock(t, startMs = Date.parse('2026-12-06T08:00:00Z')) {
  let now = startMs;
  const mono = startMs - 1_000_000_000; // performance.now() counts from the page's start, not 1970
  const timers = new Map(); // id -> {at, fn, args, every}
  let nextId = 1; // never 0: the modules treat 0 as "no timer"

  const arm = (fn, ms, args, every) => {
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), fn, args, every });
    return id;
  };
  const fake = {
    setTimeout: (fn, ms, ...args) => arm(fn, ms, args, 0),
    setInterval: (fn, ms, ...args) => arm(fn, ms, args, Math.max(1, Number(ms) || 0)),
    clearTimeout: (id) => timers.delete(id),
    clearInterval: (id) => timers.delete(id),
  };
  const real = Object.fromEntries(TIMER_APIS.map((name) => [name, globalThis[name]]));
  Object.assign(globalThis, fake);
  t.after(() => Object.assign(globalThis, real));

  t.mock.method(Date, 'now', () => now);
  t.mock.method(performance, 'now', () => now - mono);
  let randoms = [];
  let fallback = 0.5;
  t.mock.method(Math, 'random', () => (randoms.length ? randoms.shift() : fallback));

  /** The timer due first (the oldest of equals) at or before `until`, or null. */
  const due = (until) => {
    let first = null;
    for (const [id, timer] of timers) {
      if (timer.at <= until && (first === null || timer.at < first[1].at)) first = [id, timer];
    }
    return first;
  };

  return {
    now: () => now,
    /** Moves time on by ms, firing each due timer at its own time, in order. */
    tick(ms) {
      const until = now + ms;
      for (let next = due(until); next; next = due(until)) {
        const [id, timer] = next;
        now = Math.max(now, timer.at);
        if (timer.every) timer.at += timer.every;
        else timers.delete(id);
        timer.fn(...timer.args);
      }
      now = until;
    },
    /**
     * The same for code that awaits between timers (requests, stored writes): lets every pending
     * promise and IndexedDB event run after each step of `stepMs`.
     */
    async run(ms, stepMs = 100) {
      await settle();
      for (let left = ms; left > 0; left -= stepMs) {
        this.tick(Math.min(stepMs, left));
        await settle();
      }
    },
    /** The next Math.random() answers, then `then` for every later one. */
    random(values, then = fallback) {
      randoms = [...values];
      fallback = then;
    },
  };
}

/** Lets promise chains and setImmediate callbacks (never faked here) run to their next timer. */
export async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Settles until `done()` holds, for work of many steps (hundreds of stored writes); fails after `rounds`. */
export async function settleUntil(done, rounds = 5000) {
  for (let i = 0; i < rounds && !done(); i++) await settle();
  if (!done()) throw new Error('never settled');
}
