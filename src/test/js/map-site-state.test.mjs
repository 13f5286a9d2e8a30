// A site's colour on the town's map (webroot/js/panels/site-state.js, drawn by panels/map.js): what the
// wall shows for a site as reports, missed daily reports and alerts come and go.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as catalog from '../../../webroot/js/catalog.js';
import * as live from '../../../webroot/js/live-state.js';
import { alertsBySite, siteState } from '../../../webroot/js/panels/site-state.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-06T10:00:00Z');
const iso = (ms) => new Date(ms).toISOString();

const CHECKPOINT = { id: 'cp1', kind: 'checkpoint', area: 'v1', position: [100, 100] };
const COMMUNITY = { id: 'c1', kind: 'community', area: 'v1', position: [200, 200] };
const DESK = { id: 'd1', kind: 'desk', area: 'v1', position: [300, 300] };

before(() => {
  catalog.setCatalog({
    jurisdiction: { id: 't', timezone: 'Asia/Shanghai' },
    areas: [{ id: 't' }, { id: 'v1', parent: 't' }],
    siteKinds: [
      { key: 'checkpoint', expectedEvery: 'PT1H' },
      { key: 'community', expectedEvery: 'P1D' },
      { key: 'desk', expectedEvery: null }, // reports when there is something to report
    ],
    sites: [CHECKPOINT, COMMUNITY, DESK],
    metrics: [],
  });
});

beforeEach(() => {
  live.replace({
    sites: { cp1: { lastReportAt: iso(NOW - 10 * 60_000) }, c1: { lastReportAt: iso(NOW - 2 * HOUR) } },
    compliance: { sites: { cp1: { missing: false }, c1: { missing: false } } },
  });
});

const stateOf = (site, now = NOW) => {
  const state = live.current();
  return siteState(state, site, now, alertsBySite(state.alerts));
};

test('a site that reported within its interval is ok', () => {
  assert.equal(stateOf(CHECKPOINT), 'ok');
  assert.equal(stateOf(COMMUNITY), 'ok');
});

test('a site past its kind\'s interval turns overdue, and back to ok on its next report', () => {
  assert.equal(stateOf(CHECKPOINT, NOW + HOUR - 10 * 60_000), 'ok'); // exactly the interval: not yet
  assert.equal(stateOf(CHECKPOINT, NOW + HOUR), 'overdue');
  live.applyDelta({ sites: { cp1: { lastReportAt: iso(NOW + HOUR - 1000) } } });
  assert.equal(stateOf(CHECKPOINT, NOW + HOUR), 'ok');
});

test('a site that never reported is overdue; a kind without an interval never is', () => {
  live.applyDelta({ sites: { cp1: null } });
  assert.equal(stateOf(CHECKPOINT), 'overdue');
  assert.equal(stateOf(DESK, NOW + 1000 * HOUR), 'ok');
});

test('the server\'s nanosecond timestamps are read', () => {
  live.applyDelta({ sites: { cp1: { lastReportAt: '2026-12-06T08:59:59.123456789Z' } } });
  assert.equal(stateOf(CHECKPOINT), 'overdue');
  live.applyDelta({ sites: { cp1: { lastReportAt: '2026-12-06T09:00:00.000000001Z' } } });
  assert.equal(stateOf(CHECKPOINT), 'ok');
});

test('a missed daily report shows as missing until the report comes', () => {
  live.applyDelta({ compliance: { sites: { c1: { missing: true } } } });
  assert.equal(stateOf(COMMUNITY), 'missing');
  live.applyDelta({ compliance: { sites: { c1: { missing: false } } } });
  assert.equal(stateOf(COMMUNITY), 'ok');
});

test('overdue outranks missing', () => {
  live.applyDelta({ compliance: { sites: { c1: { missing: true } } } });
  assert.equal(stateOf(COMMUNITY, NOW + 23 * HOUR), 'overdue');
});

test('alerts outrank everything, the worst open one wins, and a resolved alert gives the site back', () => {
  live.applyDelta({ compliance: { sites: { cp1: { missing: true } } } });
  const late = NOW + 2 * HOUR; // overdue and missing underneath
  assert.equal(stateOf(CHECKPOINT, late), 'overdue');
  live.applyAlert({ id: 'i', site: 'cp1', severity: 'info', state: 'open' });
  assert.equal(stateOf(CHECKPOINT, late), 'overdue', 'an info alert does not colour the site');
  live.applyAlert({ id: 'w', site: 'cp1', severity: 'warning', state: 'open' });
  assert.equal(stateOf(CHECKPOINT, late), 'warning');
  live.applyAlert({ id: 'c', site: 'cp1', severity: 'critical', state: 'open' });
  assert.equal(stateOf(CHECKPOINT, late), 'critical');
  live.applyAlert({ id: 'w', site: 'cp1', severity: 'warning', state: 'acknowledged' });
  assert.equal(stateOf(CHECKPOINT, late), 'critical', 'a lesser alert changing does not hide the critical one');
  live.applyAlert({ id: 'c', site: 'cp1', state: 'resolved' });
  assert.equal(stateOf(CHECKPOINT, late), 'warning');
  live.applyAlert({ id: 'w', site: 'cp1', state: 'closed' });
  assert.equal(stateOf(CHECKPOINT, late), 'overdue');
  assert.equal(stateOf(COMMUNITY, late), 'ok', 'another site\'s alerts never colour this one');
});

test('alerts of other sites, without a site or of unknown severity change nothing', () => {
  live.applyAlert({ id: 'x', site: 'c1', severity: 'critical', state: 'open' });
  live.applyAlert({ id: 'y', severity: 'critical', state: 'open' });
  live.applyAlert({ id: 'z', site: 'cp1', severity: 'apocalyptic', state: 'open' });
  assert.equal(stateOf(CHECKPOINT), 'ok');
  assert.equal(stateOf(COMMUNITY), 'critical');
});

test('a lesser alert arriving after a critical one does not hide it', () => {
  live.applyAlert({ id: 'c', site: 'cp1', severity: 'critical', state: 'open' });
  live.applyAlert({ id: 'w', site: 'cp1', severity: 'warning', state: 'open' });
  live.applyAlert({ id: 'i', site: 'cp1', severity: 'info', state: 'open' });
  assert.equal(stateOf(CHECKPOINT), 'critical');
});
