// The replay: the wall screen's own stage (taken from index.html, so its markup is not copied) with its
// own panels, fed from GET /api/v1/review/replay instead of the socket: hour 0's state, then each hour's
// changes through js/live-state.js, as the socket's deltas are. The clock is pinned to the end of the
// hour shown, so the tiles' ages and the trend read as they did then.
import { t, applyStatic } from '../i18n.js';
import * as live from '../live-state.js';
import * as serverClock from '../server-clock.js';
import * as renderLoop from '../render-loop.js';
import * as layouts from '../layouts.js';
import * as catalog from '../catalog.js';
import * as header from '../panels/header.js';

const HOUR_MS = 3_600_000;
const PLAY_EVERY_MS = 1000;

let hours = [];
let shown = -1;
let loop = null;
let playing = 0;
let date = '';
let els = null;

/** Builds the stage in `frame` and shows hour 0. @param data {date, hours: [{hour, state}|{hour, changes}]} */
export async function start(frame, controls, data) {
  els = controls;
  date = data.date;
  hours = data.hours || [];
  const page = await fetch('/index.html', { cache: 'no-store' }).then((r) => r.text());
  const stage = new DOMParser().parseFromString(page, 'text/html').getElementById('stage');
  // the screen's start-up notice belongs to the live page; a replay has its data already
  stage.querySelector('#notice').remove();
  frame.replaceChildren(document.adoptNode(stage));
  const layout = layouts.mount(catalog.layout(), document);
  stage.dataset.layout = catalog.layout();
  applyStatic(stage);
  loop = renderLoop.create(layout.panels, { onStore: () => {} });
  header.create(stage);
  for (const panel of layout.panels) panel.module.create(stage.querySelector(panel.el), panel.options);
  fit(frame, stage);
  window.addEventListener('resize', () => fit(frame, stage));
  els.slider.addEventListener('input', () => {
    stop();
    show(Number(els.slider.value));
  });
  els.play.addEventListener('click', () => (playing ? stop() : play()));
  show(0);
}

/** The 1920x1080 stage scaled to the frame's width. */
function fit(frame, stage) {
  const scale = frame.clientWidth / 1920;
  stage.style.transform = `scale(${scale})`;
  frame.style.height = Math.round(1080 * scale) + 'px';
}

/** The picture at the end of hour h: from hour 0's state forward through the changes, as the socket would. */
export function show(h) {
  if (hours.length === 0) return;
  h = Math.max(0, Math.min(hours.length - 1, h));
  if (h < shown || shown < 0) {
    live.replace(structuredClone(hours[0].state));
    shown = 0;
  }
  for (let i = shown + 1; i <= h; i++) live.applyDelta(hours[i].changes);
  shown = h;
  const end = Date.parse(serverClock.zonedIso(date, String(h).padStart(2, '0') + ':00')) + HOUR_MS - 1;
  serverClock.pin(end);
  live.markChanged('clock');
  header.update({ now: end });
  const text = String(h).padStart(2, '0') + ':00';
  els.slider.value = String(h);
  els.hourText.textContent = text + '–' + String(h + 1).padStart(2, '0') + ':00';
  // read aloud as the hour it shows, not as a bare 10
  els.slider.setAttribute('aria-valuetext', els.hourText.textContent);
  const badge = document.getElementById('badge');
  badge.className = 'badge badge-live';
  badge.dataset.state = 'replay';
  badge.textContent = t('rv.replayBadge', { t: text });
  loop.schedule();
}

function play() {
  if (shown >= hours.length - 1) show(0);
  els.play.textContent = t('rv.pause');
  playing = setInterval(() => {
    if (shown >= hours.length - 1) stop();
    else show(shown + 1);
  }, PLAY_EVERY_MS);
}

function stop() {
  clearInterval(playing);
  playing = 0;
  els.play.textContent = t('rv.play');
}

export const hour = () => shown;
export const isPlaying = () => playing !== 0;
