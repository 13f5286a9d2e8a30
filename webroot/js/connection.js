// The one live connection (docs/live-protocol.md). Reconnects by itself with exponential backoff and full jitter
// (capped at 30 s), takes a snapshot on every (re)connect, asks for a resync on a seq gap, and calls
// the screen stale when no frame at all (not even a ping) has come for 30 s.
import * as serverClock from './server-clock.js';

const BASE_MS = 1000;
const CAP_MS = 30_000;
const STALE_MS = 30_000;
const RESYNC_WAIT_MS = 10_000;
const WATCH_EVERY_MS = 1000;
/** The server's close code for a display key revoked while the screen shows it (LiveHub.KEY_REVOKED). */
const KEY_REVOKED = 4401;

/**
 * @param options.url            the ws:// or wss:// URL with the display key
 * @param options.onSnapshot     (state) a whole new state
 * @param options.onDelta        (changes) the changed leaves
 * @param options.onAlert        (alert) an alert fired or changed
 * @param options.onCase         optional (case) a case was opened or changed (a wall gets its wall cut)
 * @param options.onStatus       ({state: connecting|live|reconnecting|stale, lastFrameAt}) on each change
 * @param options.onRefused      () the socket closed before it opened (wrong key? server down?), or its key was revoked
 * @param options.staleAfterMs   optional, for tests only
 * @param options.WebSocket      optional, for tests only: the socket class (the browser's by default)
 */
export function start(options) {
  const staleAfterMs = options.staleAfterMs || STALE_MS;
  const Socket = options.WebSocket || WebSocket;
  let socket = null;
  let opened = false;
  let attempt = 0;
  let retryTimer = 0;
  let expectedSeq = 0;
  let awaitingSnapshot = true;
  let snapshotAskedAt = 0;
  let lastFrameMono = 0;
  let heardMono = 0; // the newest frame or open on the current socket
  let lastFrameAt = null; // server time (epoch ms) of the newest frame
  let everLive = false;
  let reported = '';
  const counters = { snapshots: 0, deltas: 0, alerts: 0, cases: 0, pings: 0, resyncs: 0, connects: 0 };

  function open() {
    retryTimer = 0;
    opened = false;
    awaitingSnapshot = true;
    snapshotAskedAt = performance.now();
    counters.connects++;
    let ws;
    try {
      ws = new Socket(options.url);
    } catch (e) {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (ws === socket) {
        opened = true;
        heardMono = performance.now();
      }
    };
    ws.onmessage = (event) => {
      if (ws === socket) onMessage(event.data);
    };
    ws.onclose = (event) => {
      if (ws !== socket) return;
      // a revoked key: ask at once, so the screen says its key is wrong rather than only reconnecting
      if (event.code === KEY_REVOKED && options.onRefused) options.onRefused();
      lost(false);
    };
    ws.onerror = () => { /* a close event always follows */ };
    report();
  }

  function lost(closeIt) {
    const ws = socket;
    const neverOpened = !opened;
    socket = null;
    if (closeIt && ws) {
      ws.onclose = null;
      ws.onmessage = null;
      try { ws.close(); } catch (e) { /* already closing */ }
    }
    report();
    if (neverOpened && options.onRefused) options.onRefused();
    scheduleRetry();
  }

  function scheduleRetry() {
    if (retryTimer) return;
    const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
    attempt = Math.min(attempt + 1, 16);
    retryTimer = setTimeout(open, Math.random() * ceiling);
  }

  function onMessage(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    lastFrameMono = performance.now();
    heardMono = lastFrameMono;
    if (frame.at) serverClock.observe(frame.at);
    lastFrameAt = serverClock.now();
    if (frame.type === 'ping') {
      counters.pings++;
      report();
      return;
    }
    if (frame.type === 'snapshot') {
      expectedSeq = frame.seq + 1;
      awaitingSnapshot = false;
      snapshotAskedAt = 0;
      attempt = 0;
      everLive = true;
      counters.snapshots++;
      options.onSnapshot(frame.state);
      report();
      return;
    }
    if (awaitingSnapshot || typeof frame.seq !== 'number') return;
    if (frame.seq !== expectedSeq) {
      resync();
      return;
    }
    expectedSeq++;
    if (frame.type === 'delta') {
      counters.deltas++;
      options.onDelta(frame.changes);
    } else if (frame.type === 'alert') {
      counters.alerts++;
      options.onAlert(frame.alert);
    } else if (frame.type === 'case') {
      counters.cases++;
      if (options.onCase) options.onCase(frame.case);
    }
    report();
  }

  function resync() {
    awaitingSnapshot = true;
    snapshotAskedAt = performance.now();
    counters.resyncs++;
    try {
      socket.send('{"type":"resync"}');
    } catch (e) {
      lost(true);
    }
    report();
  }

  function status() {
    if (everLive && performance.now() - lastFrameMono > staleAfterMs) return 'stale';
    if (socket && socket.readyState === Socket.OPEN && !awaitingSnapshot) return 'live';
    return everLive ? 'reconnecting' : 'connecting';
  }

  function report() {
    const state = status();
    const key = state + (state === 'stale' ? lastFrameAt : '');
    if (key !== reported) {
      reported = key;
      options.onStatus({ state, lastFrameAt });
    }
  }

  /** A connection that went silent, or never got going, (half-open TCP, a server that stopped answering) is replaced. */
  function watch() {
    const now = performance.now();
    if (socket && opened && now - heardMono > staleAfterMs) {
      lost(true);
    } else if (socket && awaitingSnapshot && snapshotAskedAt && now - snapshotAskedAt > RESYNC_WAIT_MS) {
      lost(true); // no open, or no snapshot after it: start over
    }
    report();
  }

  /** For good: a socket refused for a reason no retry cures (a scope outside the key's). */
  function stop() {
    clearInterval(watcher);
    clearTimeout(retryTimer);
    retryTimer = -1; // scheduleRetry() never arms again
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      try { ws.close(); } catch (e) { /* already closing */ }
    }
  }

  const watcher = setInterval(watch, WATCH_EVERY_MS);
  open();
  return {
    status,
    counters,
    stop,
  };
}
