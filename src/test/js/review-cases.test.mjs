// The daily review's closed loop (webroot/js/review/cases.js): the day's rows, the summary line and the
// month's 综合评价 with its red and black tags, as the printed sheet reads them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as catalog from '../../../webroot/js/catalog.js';
import '../../../webroot/js/review/texts.js';
import { dayRow, summary, rankRows } from '../../../webroot/js/review/cases.js';

before(() => {
  catalog.setCatalog({
    jurisdiction: { id: 't', timezone: 'Asia/Shanghai' },
    areas: [{ id: 't' }, { id: 'v1', parent: 't', label: { zh: '金盆村' } }],
    siteKinds: [], sites: [], metrics: [],
  });
});

test('a day\'s row: opened, closed, closed on time, reworked, overdue now, then the two rates', () => {
  const row = dayRow('金盆村', { opened: 3, closed: 2, closedOnTime: 1, reworked: 1, overdueNow: 2,
    signedOnTimeRate: 2 / 3, closedOnTimeRate: 0.5 });
  assert.deepEqual(row.map((c) => (typeof c === 'object' ? c.text : c)), ['金盆村', '3', '2', '1', '1', '2', '67%', '50%']);
  assert.equal(row[5].cls, 'bad', 'overdue cases stand out');
  assert.deepEqual(dayRow('x', {}).slice(1), ['—', '—', '—', '—', '—', '—', '—']);
});

test('the summary says what the day opened and closed, or that it opened nothing', () => {
  assert.equal(summary({ total: { opened: 4, closed: 2, closedOnTime: 1, reworked: 1, overdueNow: 3,
    signedOnTimeRate: 0.75, closedOnTimeRate: 0.5 } }),
  '当日立案 4 件，已结案 2 件（按期 1 件），返工 1 件；辖区超期在办 3 件。按时签收率 75%，按期结案率 50%。');
  assert.equal(summary({ total: { opened: 0, overdueNow: 1 } }), '当日无新立案事件；辖区超期在办 1 件。');
  assert.equal(summary(undefined), '当日无新立案事件；辖区超期在办 0 件。');
});

test('the month\'s ranking names the red and black lists; the unjudged have no rank', () => {
  const rows = rankRows({
    ranked: [{ area: 'v1', score: 92.5, opened: 4, rank: 1 }, { area: 'v2', score: 40, opened: 2, rank: 2 },
      { area: 'v3', score: null, opened: 0, rank: null }],
    red: ['v1'], black: ['v2'],
  }, 'area', (id) => (id === 'v1' ? '金盆村' : id));
  assert.deepEqual(rows, [[1, '金盆村 ●红榜', '92.5', '4'], [2, 'v2 ●黑榜', '40.0', '2'], ['—', 'v3', '—', '0']]);
  assert.deepEqual(rankRows(undefined, 'unit', (id) => id), []);
});
