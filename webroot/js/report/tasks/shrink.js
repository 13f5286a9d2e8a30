// How a photo is made small enough to send (docs/pages.md#task-tab): the server takes at most 2 MB a
// photo, and a phone's camera makes 3–12 MB at 4000 px and more. The page re-encodes each one as
// JPEG through a canvas: first at most 2560 px on its longest side at quality 0.85; while the result
// is over the limit, the quality steps down to 0.65, then the size shrinks by what the last result
// says it must (with a margin), to no less than 640 px. Pure: sizes in, the next try out; the
// canvas work is photos.js's.

export const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_SIDE = 2560;
export const MIN_SIDE = 640;
export const QUALITIES = [0.85, 0.75, 0.65];
/** Tries at most per photo: three qualities and a few shrinks always reach the floor before this. */
export const MAX_TRIES = 10;

/** The size to draw at: the longest side at most `maxSide`, the aspect kept, never enlarged. */
export function fit(width, height, maxSide = MAX_SIDE) {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const scale = Math.min(1, maxSide / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** The first try for a picture of this size. */
export function firstTry(width, height) {
  return { ...fit(width, height), quality: QUALITIES[0], n: 1 };
}

/**
 * What to do after a try made `bytes`: {done: true} when it fits, the next try {width, height,
 * quality, n}, or {fail: true} when even the smallest allowed picture is too big (it never is for a
 * photo; a hostile file could be).
 */
export function nextTry(tried, bytes, maxBytes = MAX_BYTES) {
  if (bytes <= maxBytes) return { done: true };
  if (tried.n >= MAX_TRIES) return { fail: true };
  const q = QUALITIES.indexOf(tried.quality);
  // far over the limit, quality alone will not do it: shrink at once
  if (q >= 0 && q < QUALITIES.length - 1 && bytes <= maxBytes * 1.6) {
    return { width: tried.width, height: tried.height, quality: QUALITIES[q + 1], n: tried.n + 1 };
  }
  const longest = Math.max(tried.width, tried.height);
  if (longest <= MIN_SIDE) return { fail: true };
  // bytes grow with the area: the side shrinks by the square root of the excess, and 10 % more
  const scale = Math.min(0.9, Math.sqrt(maxBytes / bytes) * 0.9);
  const side = Math.max(MIN_SIDE, Math.floor(longest * scale));
  return { ...fit(tried.width, tried.height, side), quality: tried.quality, n: tried.n + 1 };
}
