// The console's cases without a page (webroot/js/console/cases/store.js, model.js, attempt.js): a
// case never goes back to an older version, the officer gets buttons only for officer actions the
// state allows, an alert reads as a case, each action sends what the contract names, and one click
// keeps one Idempotency-Key across retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as store from '../../../webroot/js/console/cases/store.js';
import { officerActions, levelsFrom, fromAlert, caseOfAlert, unitsForArea, categoryOfKind, photoPlace, dispatchChoices } from '../../../webroot/js/console/cases/model.js';
import * as attempt from '../../../webroot/js/console/cases/attempt.js';
import { bodyOf } from '../../../webroot/js/console/cases/bodies.js';

const kase = (id, version, fields = {}) => ({ id, version, state: 'new', title: id, updatedAt: '2026-12-06T10:00:00Z', ...fields });

test('a case is kept at its newest version whatever order the list, the answer and the frame arrive in', () => {
  const s = store.create();
  assert.equal(s.put(kase('a', 3, { state: 'handling' })), true, 'the live frame');
  assert.equal(s.put(kase('a', 2, { state: 'dispatched' })), false, 'a list read before it');
  assert.equal(s.get('a').state, 'handling');
  assert.equal(s.put(kase('a', 3, { state: 'handling' })), false, 'the same version again changes nothing');
  assert.deepEqual([kase('a', 4, { state: 'reported' }), kase('b', 1)].map(s.put), [true, true], 'the next list');
  assert.equal(s.get('a').state, 'reported');
  assert.equal(s.size(), 2);
});

test('what is not a case is not kept', () => {
  const s = store.create();
  assert.equal(s.put(null), false);
  assert.equal(s.put({ id: 'x' }), false, 'no version');
  assert.equal(s.put({ id: 7, version: 1 }), false, 'an id that is not text');
  assert.equal(s.size(), 0);
});

test('the store is bounded: the closed cases changed longest ago go first', () => {
  const s = store.create(3);
  s.put(kase('open-old', 1, { state: 'handling', updatedAt: '2026-12-01T00:00:00Z' }));
  s.put(kase('closed-old', 1, { state: 'closed', updatedAt: '2026-12-02T00:00:00Z' }));
  s.put(kase('closed-new', 1, { state: 'cancelled', updatedAt: '2026-12-05T00:00:00Z' }));
  s.put(kase('open-new', 1, { state: 'new', updatedAt: '2026-12-06T00:00:00Z' }));
  assert.deepEqual(s.all().map((c) => c.id).sort(), ['closed-new', 'open-new', 'open-old']);
  s.put(kase('open-newer', 1, { state: 'new', updatedAt: '2026-12-07T00:00:00Z' }));
  s.put(kase('open-newest', 1, { state: 'new', updatedAt: '2026-12-08T00:00:00Z' }));
  assert.deepEqual(s.all().map((c) => c.id).sort(), ['open-new', 'open-newer', 'open-newest']);
});

test('buttons only for the officer\'s actions the state allows, in the loop\'s order', () => {
  const dispatched = { state: 'dispatched', allowed: ['accept', 'return', 'extend', 'park', 'cancel', 'supervise', 'urge'] };
  assert.deepEqual(officerActions(dispatched), ['urge', 'supervise', 'park', 'cancel']);
  assert.deepEqual(officerActions({ state: 'new', allowed: ['dispatch', 'park', 'cancel', 'supervise'] }),
    ['dispatch', 'supervise', 'park', 'cancel']);
  assert.deepEqual(officerActions({ state: 'reported', allowed: ['verify', 'supervise', 'urge'] }), ['verify', 'urge', 'supervise']);
  assert.deepEqual(officerActions({ state: 'parked', allowed: ['resume', 'supervise'] }), ['resume', 'supervise']);
  assert.deepEqual(officerActions({ state: 'closed', allowed: [] }), []);
  assert.deepEqual(officerActions({ state: 'closed' }), [], 'no allowed list, no buttons');
});

test('extension only when the unit asked; supervise no more once red', () => {
  const allowed = ['accept', 'extension', 'supervise', 'urge'];
  assert.deepEqual(officerActions({ state: 'handling', allowed, extensionAsked: null }), ['urge', 'supervise']);
  assert.deepEqual(officerActions({ state: 'handling', allowed, extensionAsked: { until: 'x', reason: 'rain' } }),
    ['extension', 'urge', 'supervise']);
  assert.deepEqual(officerActions({ state: 'handling', allowed, supervision: 'red' }), ['urge']);
  assert.deepEqual(levelsFrom(null), ['yellow', 'red']);
  assert.deepEqual(levelsFrom('yellow'), ['yellow', 'red']);
  assert.deepEqual(levelsFrom('red'), ['red']);
});

test('an alert becomes a case form: its title, its site\'s kind as category, its severity as urgency, linked', () => {
  const text = { describe: (a) => '金盆村信访工作站 · ' + a.title, kindOfSite: (s) => ({ 'pd-jinpen': 'community', 'cp-1': 'checkpoint' })[s] };
  const form = fromAlert({ id: 'al-1', site: 'pd-jinpen', area: 'jinpen', severity: 'critical', title: '越级访', detail: '越级访 1 起' }, text);
  assert.deepEqual(form, { title: '金盆村信访工作站 · 越级访', category: 'petition', urgency: 'emergency', site: 'pd-jinpen',
    area: '', alert: 'al-1', description: '越级访 1 起' });
  assert.equal(fromAlert({ id: 'x', site: 'cp-1', severity: 'warning', title: 't' }, text).category, 'checkpoint');
  assert.equal(fromAlert({ id: 'x', site: 'cp-1', severity: 'warning', title: 't' }, text).urgency, 'urgent');
  const areaAlert = fromAlert({ id: 'y', area: 'jinpen', severity: 'info', title: '漏报' }, text);
  assert.deepEqual([areaAlert.category, areaAlert.urgency, areaAlert.site, areaAlert.area], ['other', 'normal', '', 'jinpen']);
  assert.equal(areaAlert.description, '金盆村信访工作站 · 漏报', 'a description is never empty');
  assert.equal(categoryOfKind('inspection'), 'sanitation');
  assert.equal(categoryOfKind('weather'), 'other');
});

test('an alert\'s case: the open one before a closed one, the newest among equals', () => {
  const cases = [
    kase('closed', 5, { alert: 'al-1', state: 'closed', openedAt: '2026-12-06T09:00:00Z' }),
    kase('open', 1, { alert: 'al-1', state: 'new', openedAt: '2026-12-06T08:00:00Z' }),
    kase('other', 1, { alert: 'al-2', state: 'new', openedAt: '2026-12-06T10:00:00Z' }),
  ];
  assert.equal(caseOfAlert(cases, 'al-1').id, 'open');
  assert.equal(caseOfAlert(cases.slice(0, 1), 'al-1').id, 'closed');
  assert.equal(caseOfAlert(cases, 'al-3'), null);
});

test('units offered for dispatch are those with a site in the case\'s area or below it', () => {
  const siteArea = (s) => ({ 's-v1': 'village-1', 's-v2': 'village-2', 's-t2': 'town-2' })[s];
  const parent = { 'village-1': 'town-1', 'village-2': 'town-1' };
  const within = (a, anc) => { for (let x = a; x; x = parent[x]) if (x === anc) return true; return false; };
  const units = [
    { id: 'u-v1', sites: ['s-v1'] },
    { id: 'u-both', sites: ['s-t2', 's-v2'] },
    { id: 'u-t2', sites: ['s-t2'] },
    { id: 'u-off', sites: ['s-v1'], disabled: true },
    { id: 'u-unseen', sites: ['elsewhere'] },
  ];
  assert.deepEqual(unitsForArea(units, 'village-1', siteArea, within).map((u) => u.id), ['u-v1']);
  assert.deepEqual(unitsForArea(units, 'town-1', siteArea, within).map((u) => u.id), ['u-v1', 'u-both']);
});

test('one click keeps its key while the outcome is unknown and takes a new one after an answer', () => {
  let n = 0;
  const a = attempt.create(() => 'key-' + ++n);
  assert.equal(a.key(), 'key-1');
  assert.equal(a.settle(0), 'key-1', 'no answer: the retry is the same request');
  assert.equal(a.settle(503), 'key-1');
  assert.equal(a.settle(504), 'key-1');
  assert.equal(a.settle(422), 'key-2', 'the server answered: the next try is a new request');
  assert.equal(a.settle(409), 'key-3');
  assert.equal(a.key(), 'key-3');
});

test('what each action sends; a missing unit, note or time is named before anything is sent', () => {
  assert.deepEqual(bodyOf('dispatch', { unit: ' demo-sanitation ', note: '' }), { body: { unit: 'demo-sanitation' } });
  assert.deepEqual(bodyOf('dispatch', { unit: '', note: 'x' }), { error: 'dlg.needUnit' });
  assert.deepEqual(bodyOf('verify', { passed: true, note: '' }), { error: 'dlg.noteRequired' }, 'a verification says what was found');
  assert.deepEqual(bodyOf('verify', { passed: false, note: '  ' }), { error: 'dlg.noteRequired' }, 'a rework says what is wrong');
  assert.deepEqual(bodyOf('verify', { passed: true, note: '已清运' }), { body: { passed: true, note: '已清运' } });
  assert.deepEqual(bodyOf('verify', { passed: false, note: '垃圾未清运' }), { body: { passed: false, note: '垃圾未清运' } });
  assert.deepEqual(bodyOf('extension', { granted: true, until: '' }), { error: 'dlg.needUntil' });
  assert.deepEqual(bodyOf('extension', { granted: true, until: '2026-12-08T18:00:00+08:00', note: 'ok' }),
    { body: { granted: true, until: '2026-12-08T18:00:00+08:00', note: 'ok' } });
  assert.deepEqual(bodyOf('extension', { granted: false, until: '' }), { body: { granted: false } });
  assert.deepEqual(bodyOf('park', { note: '' }), { error: 'dlg.noteRequired' });
  assert.deepEqual(bodyOf('cancel', { note: '重复登记' }), { body: { note: '重复登记' } });
  assert.deepEqual(bodyOf('supervise', { level: 'red' }), { body: { level: 'red' } });
  assert.deepEqual(bodyOf('urge', { note: '' }), { body: {} });
  assert.deepEqual(bodyOf('resume', { note: '恢复' }), { body: { note: '恢复' } });
});

test('ids are v4 UUIDs with or without crypto.randomUUID (plain http on a LAN has none)', () => {
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(attempt.newId(), v4);
  const insecure = { getRandomValues: (bytes) => bytes.fill(0xff) };
  assert.equal(attempt.newId(insecure), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  const ids = new Set(Array.from({ length: 100 }, () => attempt.newId({ getRandomValues: (b) => globalThis.crypto.getRandomValues(b) })));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.match(id, v4);
});

test('a photo\'s place reads to four places of degrees, and only when the unit sent one', () => {
  assert.deepEqual(photoPlace({ id: 'p', lat: 31.23041234, lon: 121.4737 }), { lat: '31.2304', lon: '121.4737' });
  assert.deepEqual(photoPlace({ lat: -33.86885, lon: -70.6693 }), { lat: '-33.8689', lon: '-70.6693' });
  assert.equal(photoPlace({ id: 'p' }), null, 'none sent');
  assert.equal(photoPlace({ lat: 31.2 }), null, 'half of one is none');
  assert.equal(photoPlace({ lat: '31.2', lon: '121.4' }), null, 'never text');
});

test('the dispatch list keeps the server\'s order, names a unit by its id when it has no name, and refuses what is no list', () => {
  const answer = { area: 'jinpen', units: [
    { id: 'demo-sanitation', name: '环境卫生检查组', sites: ['sn-jinpen'], kinds: ['inspection'], match: true },
    { id: 'demo-checkpoints', name: '卡口值守组', sites: ['cp-highway-exit'], kinds: ['checkpoint'], match: false },
    { id: 'nameless', sites: ['pd-jinpen'] },
    { name: 'no id' }, null] };
  assert.deepEqual(dispatchChoices(answer), [
    { id: 'demo-sanitation', name: '环境卫生检查组', match: true },
    { id: 'demo-checkpoints', name: '卡口值守组', match: false },
    { id: 'nameless', name: 'nameless', match: false }]);
  assert.deepEqual(dispatchChoices({ area: 'jinpen', units: [] }), [], 'no unit works there: an empty list, not a failure');
  assert.equal(dispatchChoices(null), null);
  assert.equal(dispatchChoices({ type: 'about:blank', status: 404 }), null, 'a problem is no list');
  assert.equal(dispatchChoices('<html>'), null, 'a captive portal\'s page is no list');
});
