// How a place on a red and black list reads (webroot/js/rank-text.js): a tie says so (issue 28: three towns at
// 0 % all read "1", as if each had won).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankText, ordinal } from '../../../webroot/js/rank-text.js';

test('a tie says it is one; a rank alone is its number; the unranked a dash', () => {
  assert.equal(rankText(1, true), '并列第1');
  assert.equal(rankText(3, false), '3');
  assert.equal(rankText(null, false), '—');
  assert.equal(rankText(undefined, true), '—');
});

test('English ordinals, the teens included', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal),
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
});
