// The 1920x1080 design stage, scaled as a whole to the screen with transform: scale and centred
// (letterboxed when the aspect ratio differs). Charts draw their canvases at stage size times
// chartPixelRatio(), so a 4K wall gets 4K pixels rather than an upscaled 1080p picture.

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;
const RESIZE_DEBOUNCE_MS = 200;

let stageEl = null;
let scale = 1;
let resizeTimer = 0;
const listeners = [];

function fit() {
  const w = window.innerWidth;
  const h = window.innerHeight;
  scale = Math.min(w / STAGE_WIDTH, h / STAGE_HEIGHT) || 1;
  const left = Math.max(0, (w - STAGE_WIDTH * scale) / 2);
  const top = Math.max(0, (h - STAGE_HEIGHT * scale) / 2);
  stageEl.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
}

function onResize() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    fit();
    for (const listener of listeners) listener(scale);
  }, RESIZE_DEBOUNCE_MS);
}

/** Installs the scaling once; later calls are ignored. */
export function install(el) {
  if (stageEl) return;
  stageEl = el;
  fit();
  window.addEventListener('resize', onResize);
}

export function currentScale() {
  return scale;
}

/** Canvas pixels per stage pixel: the stage scale times the screen's own pixel ratio, at least 1. */
export function chartPixelRatio() {
  return Math.max(1, Math.round(scale * (window.devicePixelRatio || 1) * 100) / 100);
}

/** Called after each (debounced) resize with the new scale. Register once per chart, at creation. */
export function onRescale(listener) {
  listeners.push(listener);
}
