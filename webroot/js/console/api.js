// The console's calls to the API: JSON in and out, the session cookie sent by the browser (and, on
// POST and DELETE, the page's own Origin, which the server checks). Errors arrive as problem+json
// and are thrown as ApiError with the status and the server's detail.
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && (problem.detail || problem.title)) || (status ? 'HTTP ' + status : 'no answer from the server'));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }
}

let onSignedOut = null;

/** Called when the server says the session is gone (401), e.g. after it expired. */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** @param headers optional extra request headers, e.g. an Idempotency-Key */
export async function call(method, path, body, headers) {
  const init = { method, cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { detail: String((e && e.message) || e) });
  }
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, json, Number(response.headers.get('Retry-After')) || null);
    if (response.status === 401 && onSignedOut && path !== '/api/v1/session') onSignedOut();
    throw error;
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body, headers) => call('POST', path, body, headers);
export const del = (path) => call('DELETE', path);
