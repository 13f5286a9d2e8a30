// /setup#<secret>: a first start's one-time link, where the first administrator chooses a username and a
// password (POST /api/v1/setup). /setup without a secret: an operator changes their password, as they must
// after an admin set or reset it (sign in, then POST /api/v1/session/password). The secret stays in the
// fragment, which the browser never sends to the server or a proxy log; it is posted once, then dropped.
import { t, lang, setLang, addTexts, applyStatic } from './i18n.js';

addTexts({
  zh: {
    'setup.title': '首次启动 · 设置管理员',
    'setup.changeTitle': '修改密码',
    'setup.switchLang': 'EN',
    'setup.lead': '本服务器尚无操作员。请为第一位管理员（全区）设置用户名和密码。此链接 24 小时内有效，仅可使用一次。',
    'setup.changeLead': '管理员为您设置或重置了密码，请先设置您自己的新密码。',
    'setup.username': '用户名',
    'setup.name': '姓名',
    'setup.current': '当前密码',
    'setup.password': '新密码',
    'setup.repeat': '再次输入新密码',
    'setup.policy': '至少 12 个字符；不能是常见、泄露过或字典中的密码。',
    'setup.submit': '保存',
    'setup.mismatch': '两次输入的密码不一致。',
    'setup.gone': '此链接已失效（已使用、已过期、已被更新的链接取代，或服务器已有可用的全区管理员）。',
    'setup.done': '已保存。现在可以登录：',
    'setup.failed': '保存失败：',
    'setup.wrong': '用户名或当前密码错误。',
    'setup.weak': '太短或太容易被猜到（常见、泄露过或字典中的密码）',
  },
  en: {
    'setup.title': 'First start · the first administrator',
    'setup.changeTitle': 'Change your password',
    'setup.switchLang': '中文',
    'setup.lead': 'This server has no operator yet. Choose the username and password of the first administrator (whole district). The link works for 24 hours, once.',
    'setup.changeLead': 'An administrator set or reset your password: choose your own new one first.',
    'setup.username': 'Username',
    'setup.name': 'Name',
    'setup.current': 'Current password',
    'setup.password': 'New password',
    'setup.repeat': 'New password again',
    'setup.policy': 'At least 12 characters; not a common, leaked or dictionary password.',
    'setup.submit': 'Save',
    'setup.mismatch': 'The two passwords differ.',
    'setup.gone': 'This link no longer works (used, expired, replaced by a newer link, or the server already has an enabled district admin).',
    'setup.done': 'Saved. You can sign in now: ',
    'setup.failed': 'Not saved: ',
    'setup.wrong': 'Wrong username or current password.',
    'setup.weak': 'too short or too easy to guess (a common, leaked or dictionary password)',
  },
});

const $ = (id) => document.getElementById(id);
const secret = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : '';
const firstStart = secret !== '';

function render() {
  applyStatic(document);
  $('title').textContent = t(firstStart ? 'setup.title' : 'setup.changeTitle');
  $('lead').textContent = t(firstStart ? 'setup.lead' : 'setup.changeLead');
  $('name-row').hidden = !firstStart;
  $('current-row').hidden = firstStart;
}

function fail(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

/** The server's field messages are English; the field they name is shown in the page's language. */
function problemText(problem) {
  const errors = (problem && problem.errors) || [];
  const field = (name) => (t('setup.' + name) === 'setup.' + name ? name : t('setup.' + name));
  // the policy's refusal in the page's language; the estimator's own hint (English) follows in brackets
  const message = (e) => (e.field === 'password' && e.message.includes('guess') ? t('setup.weak') + ' (' + e.message + ')'
    : e.field === 'password' && e.message.includes('at least') ? t('setup.weak') : e.message);
  if (errors.length) return errors.map((e) => field(e.field) + ': ' + message(e)).join('；');
  return (problem && problem.detail) || '';
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin',
  });
  let json = null;
  try { json = await response.json(); } catch (e) { /* no body */ }
  return { status: response.status, json };
}

async function submit(event) {
  event.preventDefault();
  $('error').hidden = true;
  const username = $('username').value.trim();
  const password = $('password').value;
  if (password !== $('repeat').value) return fail(t('setup.mismatch'));
  let result;
  if (firstStart) {
    result = await post('/api/v1/setup', { secret, username, name: $('name').value.trim() || username, password });
    if (result.status === 410) return fail(t('setup.gone'));
  } else {
    const current = $('current').value;
    const signIn = await post('/api/v1/session', { username, password: current });
    if (signIn.status !== 200) return fail(signIn.status === 401 ? t('setup.wrong') : t('setup.failed') + problemText(signIn.json));
    result = await post('/api/v1/session/password', { currentPassword: current, password });
  }
  if (result.status !== 200 && result.status !== 201) return fail(t('setup.failed') + problemText(result.json));
  if (firstStart) history.replaceState(null, '', location.pathname + location.search); // the secret is spent
  $('form').hidden = true;
  $('done').hidden = false;
  $('done').textContent = t('setup.done') + username + ' ';
  const back = document.createElement('a');
  back.href = '/console' + location.search;
  back.textContent = '/console';
  $('done').append(back);
}

$('lang-switch').addEventListener('click', () => {
  setLang(lang === 'en' ? 'zh' : 'en');
  render();
});
$('form').addEventListener('submit', submit);
render();
