// The cases the console knows, by id, each at the newest version seen. Cases come from three places
// that may cross each other (a list read every 30 s, the answer to an action, a frame on the live
// socket): whichever arrives last, a case never goes back to an older version. Bounded: past `max`,
// the closed and cancelled cases that changed longest ago are forgotten first.
import { isOpen } from './model.js';

export const MAX_CASES = 2000;

export function create(max = MAX_CASES) {
  const byId = new Map();

  /** Keeps `c` if it is newer than what is held; true when something changed. */
  function put(c) {
    if (!c || typeof c.id !== 'string' || !Number.isInteger(c.version)) return false;
    const old = byId.get(c.id);
    if (old && old.version >= c.version) return false;
    byId.set(c.id, c);
    if (byId.size > max) trim();
    return true;
  }

  function trim() {
    const oldestDoneFirst = [...byId.values()].sort((x, y) => Number(isOpen(x)) - Number(isOpen(y))
      || String(x.updatedAt).localeCompare(String(y.updatedAt)));
    for (const c of oldestDoneFirst) {
      if (byId.size <= max) break;
      byId.delete(c.id);
    }
  }

  return {
    put,
    get: (id) => byId.get(id) || null,
    /** Forgets a case the server no longer shows this officer (404: gone out of scope). */
    remove: (id) => byId.delete(id),
    all: () => [...byId.values()],
    size: () => byId.size,
  };
}
