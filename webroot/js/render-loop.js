// The render loop: after frames change the live state, each panel that draws from a changed part is
// marked, then updated within a small budget per animation frame, each at most as often as it allows.
import * as live from './live-state.js';
import * as serverClock from './server-clock.js';

const FRAME_BUDGET_MS = 6;

/**
 * @param panels  [{module: {update(view)}, deps: [state keys], el: name, every: min ms between draws}]
 * @param hooks   {onStore(store)} for the state's store info, which only the header shows
 */
export function create(panels, hooks) {
  const lastDrawn = new Map();
  const dirty = new Set();
  const profile = new URLSearchParams(location.search).get('profile') === '1' ? {} : null;
  let queued = false;
  let laterTimer = 0;

  function schedule() {
    if (!queued) {
      queued = true;
      requestAnimationFrame(render);
    }
  }

  function later() {
    laterTimer = 0;
    schedule();
  }

  function measure(panel, ms) {
    const p = profile[panel.el] || (profile[panel.el] = { calls: 0, ms: 0, max: 0 });
    p.calls++;
    p.ms += ms;
    p.max = Math.max(p.max, ms);
  }

  /**
   * Updates marked panels in order, as many as fit in a few milliseconds of this frame; the rest
   * wait for the next frames. Four deltas a second leave some fifteen frames between them, so no
   * frame has to carry every chart at once.
   */
  function render() {
    queued = false;
    const state = live.current();
    if (!state) return;
    if (live.anyChanged()) {
      for (const panel of panels) {
        if (panel.deps.some(live.hasChanged)) dirty.add(panel);
      }
      if (live.hasChanged('store')) hooks.onStore(state.store);
      live.clearChanged();
    }
    const started = performance.now();
    const view = { state, now: serverClock.now() };
    let waitFor = Infinity;
    for (const panel of panels) {
      if (!dirty.has(panel)) continue;
      const since = started - (lastDrawn.get(panel) ?? -Infinity);
      if (since < panel.every) {
        waitFor = Math.min(waitFor, panel.every - since);
        continue;
      }
      dirty.delete(panel);
      lastDrawn.set(panel, started);
      const t0 = performance.now();
      try {
        panel.module.update(view);
      } catch (e) {
        console.error('panel update failed', panel.el, e);
      }
      if (profile) measure(panel, performance.now() - t0);
      if (performance.now() - started > FRAME_BUDGET_MS) {
        waitFor = 0;
        break;
      }
    }
    if (waitFor === 0) schedule();
    else if (waitFor < Infinity && !laterTimer) laterTimer = setTimeout(later, waitFor);
  }

  return { schedule, profile };
}
