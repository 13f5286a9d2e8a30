// The daily review's 催报 line (webroot/js/review/urgings.js) as the printed sheet reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line } from '../../../webroot/js/review/urgings.js';

test('count, sites, how many a report followed and the median minutes, in one line', () => {
  assert.equal(line({ count: 3, sites: 2, followed: 2, medianMinutes: 12.5 }), '催报 3 次（2 个站点），其后当日报送 2 次，中位用时 12.5 分钟');
});

test('none followed: no median; none urged: said so; no part: nothing', () => {
  assert.equal(line({ count: 1, sites: 1, followed: 0, medianMinutes: null }), '催报 1 次（1 个站点），其后当日报送 0 次');
  assert.equal(line({ count: 0, sites: 0, followed: 0, medianMinutes: null }), '催报：今日无');
  assert.equal(line(null), '');
});
