// The sign-in form. The server sets an HttpOnly session cookie, so the page never holds a secret;
// a wrong password, too many attempts and an account without the officer role each say so.
import { t } from '../i18n.js';
import * as api from './api.js';

let els = null;
let onSignedIn = null;

function install() {
  els = {
    root: document.getElementById('login'),
    form: document.getElementById('login-form'),
    user: document.getElementById('login-user'),
    password: document.getElementById('login-password'),
    error: document.getElementById('login-error'),
    submit: document.getElementById('login-submit'),
  };
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
}

/** Shows the form; `callback(me)` runs once an operator has signed in. */
export function show(callback, messageKey, vars) {
  if (!els) install();
  onSignedIn = callback;
  document.getElementById('loading').hidden = true;
  document.getElementById('app').hidden = true;
  els.root.hidden = false;
  message(messageKey ? t(messageKey, vars) : null);
  els.user.focus();
}

function message(text) {
  els.error.hidden = !text;
  els.error.textContent = text || '';
}

async function submit() {
  message(null);
  els.submit.disabled = true;
  els.submit.textContent = t('login.busy');
  try {
    const me = await api.post('/api/v1/session', { username: els.user.value, password: els.password.value });
    els.root.hidden = true;
    onSignedIn({ id: me.username, name: me.name, role: me.role, scope: me.scope, mustChangePassword: me.mustChangePassword });
  } catch (e) {
    if (e.status === 401 || e.status === 422) message(t('login.wrong'));
    else if (e.status === 429) message(t('login.tooMany', { s: e.retryAfter || 60 }));
    else message(t('login.failed', { detail: e.message }));
  } finally {
    els.password.value = '';
    els.submit.disabled = false;
    els.submit.textContent = t('login.submit');
  }
}
