// One fake clock for a test: node:test's mock timers for setTimeout and setInterval, with Date.now()
// and performance.now() moved along with them (the mock timers of Node 18 and early 20 leave both
// alone), and Math.random() answering from a list so jitter is known.
const STEP_MS = 5;

export function fakeClock(t, startMs = Date.parse('2026-12-06T08:00:00Z')) {
  const apis = ['setTimeout', 'setInterval'];
  try {
    t.mock.timers.enable({ apis });
  } catch (e) {
    t.mock.timers.enable(apis); // Node 18.19 to 20.10 take the list itself
  }
  let now = startMs;
  const mono = startMs - 1_000_000_000; // performance.now() counts from the page's start, not 1970
  t.mock.method(Date, 'now', () => now);
  t.mock.method(performance, 'now', () => now - mono);
  let randoms = [];
  let fallback = 0.5;
  t.mock.method(Math, 'random', () => (randoms.length ? randoms.shift() : fallback));
  return {
    now: () => now,
    /** Moves time on by ms, firing due timers in order, each seeing the time it was due at (to 5 ms). */
    tick(ms) {
      for (let left = ms; left > 0; left -= STEP_MS) {
        const step = Math.min(STEP_MS, left);
        now += step;
        t.mock.timers.tick(step);
      }
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
