// Sound and desktop notifications for alerts that cannot be missed. Browsers play audio only after a
// user gesture, so the officer arms the sound once per shift with one click; the badge says armed or
// not. A short self-test tone every 30 minutes (?selftest=2s for tests) proves the audio still runs:
// an audio clock that stopped advancing (a suspended or blocked context) shows as blocked. Tones are
// generated with WebAudio, never loaded: critical, warning and info each sound different, and an
// alert that escalates sounds again. One escalated up to this officer's level from a desk below keeps
// sounding (?remind=, 30 s by default) until someone at either level acknowledges it.
import { t } from '../i18n.js';
import { describe, severity } from '../alert-text.js';
import * as serverClock from '../server-clock.js';
import * as escalation from './escalation.js';

const SELFTEST_MS = 30 * 60_000;
const REMIND_MS = 30_000;
/** Escalated alerts sounding at once; more would only be the same tone, and the queue shows them all. */
const MAX_SOUNDING = 500;
/** Notes as [frequency in Hz (0: a pause), seconds]. */
const TONES = {
  critical: { wave: 'square', gain: 0.2, notes: [[988, 0.16], [740, 0.16], [988, 0.16], [740, 0.16], [988, 0.16], [740, 0.16]] },
  warning: { wave: 'triangle', gain: 0.35, notes: [[784, 0.2], [0, 0.12], [784, 0.2]] },
  info: { wave: 'sine', gain: 0.3, notes: [[523, 0.35]] },
  selftest: { wave: 'sine', gain: 0.2, notes: [[440, 0.1], [660, 0.1]] },
};

/** Read by the browser tests: nobody can hear a headless browser. */
export const stats = {
  played: { critical: 0, warning: 0, info: 0, selftest: 0 },
  selftests: 0,
  lastSelftestAt: null,
  notified: 0,
  reminders: 0,
  sounding: 0,
};

let els = null;
let audio = null;
let armedAt = null;
let blocked = false;
let lastAudioTime = -1;
let selftestMs = SELFTEST_MS;
let selftestTimer = 0;
let onNotificationClick = null;
const seen = new Map(); // unresolved alert id → where it was escalated to ('' not at all), as this page last saw it
const sounding = new Set(); // open alerts escalated here from below: they sound until acknowledged

/** `?selftest=` as 2s, 90s, 5m or milliseconds; at least a second; `fallback` (30 minutes) when absent or unreadable. */
export function parseInterval(text, fallback = SELFTEST_MS) {
  const m = /^(\d+)(ms|s|m)?$/.exec(text || '');
  if (!m) return fallback;
  const n = Number(m[1]);
  return Math.max(1000, m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n);
}

/** @param options {selftestMs, remindMs, onNotificationClick(alertId)} */
export function create(options) {
  selftestMs = options.selftestMs || SELFTEST_MS;
  setInterval(remind, options.remindMs || REMIND_MS);
  onNotificationClick = options.onNotificationClick;
  els = {
    button: document.getElementById('sound'),
    selftest: document.getElementById('selftest'),
    notify: document.getElementById('notify-state'),
  };
  els.button.addEventListener('click', arm);
  show();
}

/** The click: audio may start now, and the browser may ask about notifications now. */
function arm() {
  try {
    if (!audio) {
      audio = new AudioContext();
      audio.onstatechange = show;
    }
    audio.resume().then(() => {
      armedAt = serverClock.now();
      lastAudioTime = -1;
      selftest();
      clearInterval(selftestTimer);
      selftestTimer = setInterval(selftest, selftestMs);
    }, () => {
      blocked = true;
      show();
    });
  } catch (e) {
    blocked = true;
  }
  if ('Notification' in window && Notification.permission === 'default') {
    Notification.requestPermission().then(show, show);
  }
  show();
}

function selftest() {
  blocked = audio.state !== 'running' || audio.currentTime <= lastAudioTime;
  lastAudioTime = audio.currentTime;
  stats.selftests++;
  if (play('selftest')) stats.lastSelftestAt = serverClock.now();
  show();
}

function play(kind) {
  if (!audio || blocked || audio.state !== 'running') return false;
  const tone = TONES[kind];
  let at = audio.currentTime + 0.02;
  for (const [frequency, seconds] of tone.notes) {
    if (frequency) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = frequency;
      // short ramps at both ends: a tone switched on and off abruptly clicks
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(tone.gain, at + 0.01);
      gain.gain.setValueAtTime(tone.gain, at + seconds - 0.03);
      gain.gain.linearRampToValueAtTime(0, at + seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
    }
    at += seconds;
  }
  stats.played[kind]++;
  els.button.dataset.lastTone = kind;
  return true;
}

/**
 * Alerts as the live feed delivers them. A new unresolved alert sounds its severity's tone and, when
 * allowed, raises a notification; one that escalates sounds the critical tone again. `quiet` takes
 * them in without a sound: those the page found when it opened.
 */
export function review(alerts, quiet) {
  for (const a of alerts) {
    if (!a || a.id === undefined) continue;
    const before = seen.get(a.id);
    if (a.state === 'open' && escalation.cameHere(a)) {
      if (sounding.size < MAX_SOUNDING) sounding.add(a.id);
    } else {
      sounding.delete(a.id);
    }
    stats.sounding = sounding.size;
    if (a.state === 'resolved') {
      seen.delete(a.id);
      continue;
    }
    const now = a.escalated ? a.escalatedTo || '?' : '';
    seen.set(a.id, now);
    if (quiet) continue;
    if (before === undefined && a.state === 'open') ring(a, a.escalated && escalation.cameHere(a));
    else if (before !== undefined && before !== now && a.escalated) ring(a, true);
  }
}

/** Escalated here and still unacknowledged: the critical tone again, until someone takes it. */
function remind() {
  if (sounding.size && play('critical')) stats.reminders++;
}

function ring(a, escalated) {
  play(escalated ? 'critical' : severity(a));
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    const heading = (escalated ? t('escalated') + ' · ' : '') + t('sev.' + severity(a)) + ' · ' + describe(a);
    const notification = new Notification(heading, { body: a.detail || '', tag: a.id, requireInteraction: severity(a) === 'critical' });
    notification.onclick = () => {
      window.focus();
      onNotificationClick(a.id);
      notification.close();
    };
    stats.notified++;
  } catch (e) {
    // some browsers show notifications only from a service worker; the sound and the queue remain
  }
}

function notifyState() {
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

function show() {
  const state = !armedAt ? 'off' : blocked || !audio || audio.state !== 'running' ? 'blocked' : 'armed';
  els.button.dataset.state = state;
  els.button.textContent = t('sound.' + state);
  els.button.title = armedAt ? t('sound.armedAt', { t: serverClock.formatHm(armedAt) }) : '';
  els.selftest.textContent = stats.lastSelftestAt
    ? t('sound.selftest', { t: serverClock.formatTime(stats.lastSelftestAt) }) : t('sound.selftestNever');
  els.selftest.dataset.count = String(stats.selftests);
  els.notify.textContent = t('notify.' + notifyState());
  els.notify.dataset.state = notifyState();
}
