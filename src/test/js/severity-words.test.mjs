// One word for one severity (issue 28: critical read 严重 on the admin's rules tab and 紧急 in the console). The
// words live once, as i18n.js's sev.* keys; every other text that names a severity (notification routes, the
// server's notification messages) must say the same word, no page may spell one out itself, and no severity
// word may also name a case's urgency (紧急 is an urgency: a critical alert becomes a 特急 case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const ROOT = new URL('../../../', import.meta.url);
const LEVELS = ['info', 'warning', 'critical'];
const ENTRY = /'([\w.-]+)':\s*'((?:[^'\\]|\\.)*)'/g;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = dir + '/' + name;
    if (name === 'vendor') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(js|html)$/.test(name)) out.push(path);
  }
  return out;
}

const files = walk(new URL('webroot', ROOT).pathname);
const read = (path) => readFileSync(path, 'utf8');
const i18n = read(new URL('webroot/js/i18n.js', ROOT).pathname);

/** The sev.* words of i18n.js, zh (its first table) and en (its second). */
function words() {
  const found = { zh: {}, en: {} };
  for (const [, key, value] of i18n.matchAll(ENTRY)) {
    const level = key.startsWith('sev.') && key.slice(4);
    if (!LEVELS.includes(level)) continue;
    (found.zh[level] === undefined ? found.zh : found.en)[level] = value;
  }
  return found;
}

const WORDS = words();

test('i18n.js names each severity once in each language, each level its own word', () => {
  for (const lang of ['zh', 'en']) {
    assert.deepEqual(Object.keys(WORDS[lang]).sort(), [...LEVELS].sort(), lang);
    assert.equal(new Set(Object.values(WORDS[lang]).map((w) => w.toLowerCase())).size, LEVELS.length, lang);
  }
  assert.equal(WORDS.zh.critical, '严重', 'critical reads 严重, as the notifications always said');
});

test('every text naming a severity, on every page, says the word of i18n.js', () => {
  const wrong = [];
  for (const path of files) {
    for (const [, key, value] of read(path).matchAll(ENTRY)) {
      const m = key.match(/(?:^|\.)(?:sev|severity)\.(info|warning|critical)$/);
      if (!m) continue;
      const level = m[1];
      const says = value.includes(WORDS.zh[level]) || value.toLowerCase().includes(WORDS.en[level].toLowerCase());
      if (!says) wrong.push(`${path.split('/webroot/')[1]} ${key}: '${value}' (not ${WORDS.zh[level]} / ${WORDS.en[level]})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('no page spells a severity word out of its text tables', () => {
  const zh = Object.values(WORDS.zh);
  const found = [];
  for (const path of files) {
    read(path).split('\n').forEach((line, i) => {
      const code = line.replace(ENTRY, '').replace(/\/\/.*$|^\s*\*.*$|^\s*\/\*.*$/, '');
      for (const word of zh) if (code.includes(word)) found.push(`${path.split('/webroot/')[1]}:${i + 1} ${word}`);
    });
  }
  assert.deepEqual(found, []);
});

test('no severity word also names a case\'s urgency', () => {
  const urgencies = [];
  for (const path of files) {
    for (const [, key, value] of read(path).matchAll(ENTRY)) {
      if (/(?:^|\.)urg(?:ency)?\.(normal|urgent|emergency)$/.test(key)) urgencies.push(value);
    }
  }
  assert.ok(urgencies.includes('紧急'), 'the urgencies were found');
  for (const level of LEVELS) assert.ok(!urgencies.includes(WORDS.zh[level]), `${WORDS.zh[level]} is a severity and an urgency`);
});

test('the server\'s notification messages say the pages\' words', () => {
  const java = read(new URL('src/main/java/io/watchfloor/delivery/NoticeText.java', ROOT).pathname);
  for (const level of LEVELS) assert.match(java, new RegExp(`"${level}", "${WORDS.zh[level]}"`), level);
});
