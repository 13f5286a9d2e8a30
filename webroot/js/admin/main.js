// Boot and wiring of the administration (/admin): sign-in (the duty console's form), the catalogue cut
// to the admin's scope, and one tab each for field units, operators, display keys, rules, the cases' time
// limits and calendar, notifications (channels and routes), and the audit.
// Chinese first; ?lang=en switches, as on the other pages.
import '../console/texts.js';
import './texts.js';
import './time-texts.js';
import './notify-texts.js';
import { t, label, lang, applyStatic } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as serverClock from '../server-clock.js';
import * as api from '../console/api.js';
import * as login from '../console/login.js';
import * as units from './units.js';
import * as operators from './operators.js';
import * as keys from './keys.js';
import * as rules from './rules.js';
import * as time from './time.js';
import * as audit from './audit.js';
import * as notify from './notify.js';

const VIEWS = { units, operators, keys, rules, time, notify, audit };
let started = false;

function languageLinks() {
  for (const link of document.querySelectorAll('[data-lang-switch]')) {
    const other = new URLSearchParams(location.search);
    if (lang === 'en') other.delete('lang');
    else other.set('lang', 'en');
    link.href = location.pathname + (other.toString() ? '?' + other : '') + location.hash;
    link.textContent = t('lang.switch');
  }
  const desk = document.getElementById('to-console');
  desk.href = '/console' + (lang === 'en' ? '?lang=en' : '');
}

async function boot() {
  applyStatic(document);
  document.title = t('admin.title') + ' · Watchfloor';
  languageLinks();
  window.addEventListener('hashchange', languageLinks);
  api.whenSignedOut(() => location.reload());
  let me = null;
  try {
    const who = await api.get('/api/v1/session');
    if (who.kind === 'operator') {
      me = { id: who.id, name: who.name, role: who.role, scope: who.scope, mustChangePassword: who.mustChangePassword };
    }
  } catch (e) {
    if (e.status !== 401) throw e;
  }
  if (me) await start(me);
  else login.show(signedIn);
}

/** After the sign-in form: a failure to start shows, as at boot, rather than leaving an empty page. */
function signedIn(me) {
  start(me).catch(failed);
}

async function start(me) {
  if (me.role !== 'admin') {
    login.show(signedIn, 'admin.notAdmin', { user: me.id });
    return;
  }
  if (me.scope === undefined || me.mustChangePassword === undefined) {
    const who = await api.get('/api/v1/session');
    me.scope = who.scope;
    me.mustChangePassword = who.mustChangePassword;
  }
  if (me.mustChangePassword) {
    // a password an admin set or reset is changed first, on the page made for it
    location.assign('/setup' + (lang === 'en' ? '?lang=en' : ''));
    return;
  }
  const catalogJson = await api.get('/api/v1/catalog');
  catalog.setCatalog(catalogJson);
  rules.setLevels(catalogJson.levels);
  serverClock.setTimeZone(catalog.timezone());
  const scope = catalog.area(me.scope) || catalog.jurisdiction();
  document.getElementById('title').textContent = label(scope) + ' ' + t('admin.title');
  document.title = label(scope) + ' · ' + t('admin.title');
  const user = document.getElementById('user');
  user.textContent = me.name;
  user.title = me.id + ' · ' + t('role.' + me.role);
  if (!started) {
    started = true;
    document.getElementById('signout').addEventListener('click', signOut);
    for (const view of Object.values(VIEWS)) view.create();
    window.addEventListener('hashchange', route);
  }
  document.getElementById('loading').hidden = true;
  document.getElementById('app').hidden = false;
  route();
  document.body.dataset.ready = 'true';
}

/** One tab at a time, named by the address's fragment; each tab reloads its list when shown. */
function route() {
  const name = location.hash.slice(1) in VIEWS ? location.hash.slice(1) : 'units';
  for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.view === name);
  for (const key of Object.keys(VIEWS)) document.getElementById('view-' + key).hidden = key !== name;
  VIEWS[name].load();
}

async function signOut() {
  try {
    await api.del('/api/v1/session');
  } finally {
    location.reload();
  }
}

function failed(e) {
  console.error('the administration page failed to start', e);
  document.getElementById('login').hidden = true;
  const loading = document.getElementById('loading');
  loading.hidden = false;
  loading.classList.add('error');
  loading.textContent = String((e && e.message) || e);
  document.body.dataset.ready = 'failed';
}

boot().catch(failed);
