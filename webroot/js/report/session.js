// The unit's sign-in: its token, who it is with its sites (GET /api/v1/session) and the catalogue
// (GET /api/v1/catalog), kept on the device in localStorage until it signs out, so the page works
// from the copy when the network does not answer.

const KEY = 'watchfloor.field.session';
const TIMEOUT_MS = 15_000;

/** {token, me: {kind, id, name, sites}, catalog} or null. */
export function load() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY));
    return session && session.token && session.me && session.catalog ? session : null;
  } catch (e) {
    return null;
  }
}

export function save(session) {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clear() {
  localStorage.removeItem(KEY);
}

/** GET with the unit's token: {status, json} (json only for a 2xx; status 0 when no answer came). */
export async function getJson(path, token) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit', signal: controller.signal,
    });
    return { status: response.status, json: response.ok ? await response.json() : null };
  } catch (e) {
    return { status: 0, json: null };
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * Asks the server who the token belongs to and for the catalogue.
 * @return {session} or {error: an i18n key, status}
 */
export async function fetchSession(token) {
  const me = await getJson('/api/v1/session', token);
  if (me.status === 401) return { error: 'signin.bad', status: 401 };
  if (me.status === 0) return { error: 'signin.offline', status: 0 };
  if (!me.json) return { error: 'signin.failed', status: me.status };
  if (me.json.kind !== 'unit' || !Array.isArray(me.json.sites)) return { error: 'signin.notUnit', status: me.status };
  const catalog = await getJson('/api/v1/catalog', token);
  if (catalog.status === 0) return { error: 'signin.offline', status: 0 };
  if (!catalog.json) return { error: 'signin.failed', status: catalog.status };
  return { session: { token, me: me.json, catalog: catalog.json } };
}
