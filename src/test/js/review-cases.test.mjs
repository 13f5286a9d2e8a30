// The daily review's closed loop (webroot/js/review/cases.js): the day's areas and units in two halves each,
// the rates beside the title, and the month's 红黑榜 of areas and units, as the printed sheet reads them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as catalog from '../../../webroot/js/catalog.js';
import '../../../webroot/js/review/texts.js';
import { dayTables, summary, rankLine, MAX_UNITS } from '../../../webroot/js/review/cases.js';

before(() => {
  catalog.setCatalog({
    jurisdiction: { id: 't', timezone: 'Asia/Shanghai' },
    areas: [{ id: 't' }, { id: 'v1', parent: 't', label: { zh: '金盆村' } }, { id: 'v2', parent: 't', label: { zh: '天井村' } },
      { id: 'v3', parent: 't', label: { zh: '凉亭村' } }],
    siteKinds: [], sites: [], metrics: [],
  });
});

const text = (cell) => (cell && typeof cell === 'object' ? cell.text : cell);

test('the day\'s areas in two halves, then the units in two: opened, closed (on time), reworked, overdue', () => {
  const [a1, a2, u1, u2] = dayTables({
    areas: [{ area: 'v1', opened: 3, closed: 2, closedOnTime: 1, reworked: 1, overdueNow: 2 },
      { area: 'v2', opened: 0, closed: 0, closedOnTime: 0, reworked: 0, overdueNow: 0 },
      { area: 'v3', opened: 1, closed: 1, closedOnTime: 1, reworked: 0, overdueNow: 0 }],
    total: { opened: 4, closed: 3, closedOnTime: 2, reworked: 1, overdueNow: 2 },
    units: [{ unit: 'demo-sanitation', opened: 4, closed: 3, closedOnTime: 2, reworked: 1, overdueNow: 2 },
      { unit: 'demo-petitions', name: '村社区信访专干', opened: 1, closed: 1, closedOnTime: 1, reworked: 0, overdueNow: 0 }],
  });
  assert.deepEqual(a1.map((r) => r.map(text)), [['金盆村', '3', '2 (1)', '1', '2'], ['天井村', '0', '0 (0)', '0', '0']]);
  assert.deepEqual(a2.map((r) => r.map(text)), [['凉亭村', '1', '1 (1)', '0', '0']]);
  assert.equal(a1[0][4].cls, 'bad', 'overdue cases stand out');
  assert.deepEqual(u1.map((r) => r.map(text)), [['demo-sanitation', '4', '3 (2)', '1', '2']], 'a unit without a name: its id');
  assert.deepEqual(u2.map((r) => r.map(text)), [['村社区信访专干', '1', '1 (1)', '0', '0']], 'a unit by its name');
  assert.deepEqual(dayTables(undefined), [[], [], [], []]);
});

test('past MAX_UNITS units, the rest is one line', () => {
  const units = Array.from({ length: MAX_UNITS + 3 }, (_, i) => ({ unit: 'u' + i, opened: 1, closed: 0, closedOnTime: 0, reworked: 0, overdueNow: 0 }));
  const [, , u1, u2] = dayTables({ areas: [], total: {}, units });
  assert.equal(u1.length + u2.length, MAX_UNITS + 1);
  assert.equal(text(u2[u2.length - 1][0]), '另 3 个');
});

test('beside the title: the day\'s totals and its two rates, a dash when there is nothing to share out', () => {
  assert.equal(summary({ total: { opened: 4, closed: 3, closedOnTime: 2, reworked: 1, overdueNow: 2,
    signedOnTimeRate: 0.75, closedOnTimeRate: 0.5 } }),
  '当日立案 4 件，结案 3（按期 2），返工 1；超期在办 2；按时签收率 75%，按期结案率 50%');
  assert.equal(summary(undefined), '当日立案 — 件，结案 —（按期 —），返工 —；超期在办 —；按时签收率 —，按期结案率 —');
});

test('the month\'s 红黑榜 on one line, each name with its score', () => {
  const line = rankLine({
    ranked: [{ area: 'v1', score: 92.5, opened: 4, rank: 1 }, { area: 'v2', score: 40, opened: 2, rank: 2 },
      { area: 'v3', score: null, opened: 0, rank: null }],
    red: ['v1'], black: ['v2'],
  }, 'area', (id) => (id === 'v1' ? '金盆村' : id));
  assert.equal(line, '红榜 金盆村 92.5　黑榜 v2 40.0');
  assert.equal(rankLine({ ranked: [{ area: 'v1', score: 80, rank: 1 }], red: [], black: [] }, 'area', (id) => id),
    '红榜 暂无　黑榜 暂无');
  assert.equal(rankLine(undefined, 'unit', (id) => id), '本月暂无可评价的事件');
});
