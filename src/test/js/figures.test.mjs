// The wall charts' text alternative: one row a category, one column a series, gaps named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowsOf } from '../../../webroot/js/figures.js';

test('each category becomes a row with its value in every series', () => {
  assert.deepEqual(rowsOf(['金盆村', '石桥村'], [[30, 12], [1, 0]]), [['金盆村', 30, 1], ['石桥村', 12, 0]]);
});

test('an hour not yet reached shows as a dash, a zero stays a zero', () => {
  assert.deepEqual(rowsOf(['09:00', '10:00'], [[0, null]]), [['09:00', 0], ['10:00', '—']]);
});

test('no categories, no rows', () => {
  assert.deepEqual(rowsOf([], [[], []]), []);
});
