// The time tab's logic (webroot/js/admin/time-logic.js): limits as text, month grids from Monday, and a
// year's marked days toggled the way a click does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as time from '../../../webroot/js/admin/time-logic.js';

test('a limit reads and writes as the server does', () => {
  assert.deepEqual(time.parseLimit('30 minutes'), { amount: 30, unit: 'minutes' });
  assert.deepEqual(time.parseLimit(' 1 hour '), { amount: 1, unit: 'hours' });
  assert.deepEqual(time.parseLimit('15 workdays'), { amount: 15, unit: 'workdays' });
  for (const bad of ['', '30', 'minutes', '30 mins', '1.5 hours', '-1 hours', null, undefined]) {
    assert.equal(time.parseLimit(bad), null, String(bad));
  }
  assert.equal(time.formatLimit(1, 'workdays'), '1 workday');
  assert.equal(time.formatLimit('8', 'hours'), '8 hours');
});

test('a month is weeks from Monday, blank before the first and after the last', () => {
  const october = time.monthGrid(2026, 10);
  assert.deepEqual(october[0], [null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'],
    '1 October 2026 is a Thursday');
  assert.equal(october.at(-1).filter(Boolean).at(-1), '2026-10-31');
  assert.ok(october.every((week) => week.length === 7));
  assert.equal(time.monthGrid(2028, 2).flat().filter(Boolean).length, 29, 'a leap February');
  assert.equal(time.weekday('2026-12-07'), 0);
  assert.ok(time.isWeekend('2026-10-10'));
});

test('a click marks a day the other way, and a second click takes the mark away', () => {
  let marks = time.marksOf([{ day: '2026-10-01', working: false, note: '国庆节' }]);
  assert.equal(time.isWorkday(marks, '2026-10-01'), false, 'a Thursday off');
  assert.equal(time.isWorkday(marks, '2026-10-09'), true);
  marks = time.toggle(marks, '2026-10-10', ' 调休 ');
  assert.deepEqual(marks.get('2026-10-10'), { working: true, note: '调休' }, 'a Saturday worked');
  marks = time.toggle(marks, '2026-10-02', '国庆节');
  assert.deepEqual(marks.get('2026-10-02'), { working: false, note: '国庆节' });
  marks = time.toggle(marks, '2026-10-01', '');
  assert.equal(marks.has('2026-10-01'), false);
  assert.equal(time.isWorkday(marks, '2026-10-01'), true, 'back to its weekday');
  assert.deepEqual(time.daysOf(marks).map((d) => d.day), ['2026-10-02', '2026-10-10'], 'by date');
});

test('the keyboard moves by days and weeks within the year', () => {
  assert.equal(time.shift('2026-10-31', 1), '2026-11-01');
  assert.equal(time.shift('2026-03-02', -7), '2026-02-23');
  assert.equal(time.shift('2026-12-31', 1), null);
  assert.equal(time.shift('2026-01-03', -7), null);
});
