// How the task tab shrinks a photo (webroot/js/report/tasks/shrink.js): every photo ends at most 2 MB and
// 2560 px on its longest side, in few tries, with as much quality and size as fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, firstTry, nextTry, MAX_BYTES, MIN_SIDE, MAX_TRIES } from '../../../webroot/js/report/tasks/shrink.js';

test('the longest side is brought to 2560 px, the aspect kept, a small picture never enlarged', () => {
  assert.deepEqual(fit(4032, 3024), { width: 2560, height: 1920 });
  assert.deepEqual(fit(3024, 4032), { width: 1920, height: 2560 });
  assert.deepEqual(fit(800, 600), { width: 800, height: 600 });
  assert.deepEqual(fit(10000, 10), { width: 2560, height: 3 });
  assert.deepEqual(fit(0, 0), { width: 1, height: 1 });
  assert.deepEqual(firstTry(4000, 3000), { width: 2560, height: 1920, quality: 0.85, n: 1 });
});

test('a try that fits is the one kept', () => {
  assert.deepEqual(nextTry(firstTry(4000, 3000), MAX_BYTES), { done: true });
  assert.deepEqual(nextTry(firstTry(4000, 3000), 100), { done: true });
});

test('a little over: the quality steps down first, 0.85 → 0.75 → 0.65, at the same size', () => {
  const first = firstTry(4000, 3000);
  const second = nextTry(first, MAX_BYTES * 1.3);
  assert.deepEqual(second, { width: 2560, height: 1920, quality: 0.75, n: 2 });
  const third = nextTry(second, MAX_BYTES * 1.1);
  assert.deepEqual(third, { width: 2560, height: 1920, quality: 0.65, n: 3 });
  const fourth = nextTry(third, MAX_BYTES * 1.05);
  assert.equal(fourth.quality, 0.65);
  assert.ok(fourth.width < 2560, 'then the size');
  assert.ok(Math.abs(fourth.width / fourth.height - 4 / 3) < 0.01, 'the aspect kept');
});

test('far over: the size shrinks at once by the square root of the excess, with a margin', () => {
  const next = nextTry(firstTry(4000, 3000), MAX_BYTES * 4);
  assert.equal(next.quality, 0.85, 'the quality is kept');
  assert.equal(next.width, Math.floor(2560 * 0.5 * 0.9));
  assert.ok(Math.abs(next.width / next.height - 4 / 3) < 0.01);
});

test('a shrink is at least 10 % and never below 640 px; at 640 px it gives up', () => {
  const small = { width: 700, height: 500, quality: 0.65, n: 4 };
  assert.equal(nextTry(small, MAX_BYTES + 1).width, MIN_SIDE);
  const big = { width: 2560, height: 1920, quality: 0.65, n: 4 };
  const shrunk = nextTry(big, MAX_BYTES + 1).width;
  assert.ok(shrunk >= 2300 && shrunk <= 2304, `${shrunk} px`);
  assert.deepEqual(nextTry({ width: 640, height: 480, quality: 0.65, n: 5 }, MAX_BYTES + 1), { fail: true });
});

test('stepping ends within the tries allowed for any encoder, fitting when bytes follow the area', () => {
  // an encoder whose bytes are the pixels times a factor of the quality: a photo of every kind of size
  for (const [w, h, perPixel] of [[4032, 3024, 0.6], [8000, 6000, 1.5], [1200, 1600, 4], [640, 480, 20]]) {
    let tried = firstTry(w, h);
    let outcome;
    for (;;) {
      const bytes = tried.width * tried.height * perPixel * tried.quality;
      outcome = nextTry(tried, bytes);
      if (!outcome.width) break;
      assert.ok(Math.max(outcome.width, outcome.height) <= Math.max(tried.width, tried.height));
      tried = outcome;
    }
    assert.ok(tried.n <= MAX_TRIES, `${w}x${h}: ${tried.n} tries`);
    if (perPixel < 10) assert.deepEqual(outcome, { done: true }, `${w}x${h} at ${perPixel} bytes a pixel`);
    else assert.deepEqual(outcome, { fail: true }, 'a file no JPEG of 640 px can hold is refused, not looped on');
  }
});
