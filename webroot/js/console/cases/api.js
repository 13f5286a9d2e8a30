// The case tab's calls (docs/api.md, cases): the officer's list, detail, opening and actions.
// Every POST carries the click's Idempotency-Key; problem+json errors arrive as ApiError.
import * as api from '../api.js';

const LIMIT = 500;
const enc = encodeURIComponent;

/**
 * The cases for the queue's state filter: 'open' (every open state, so closed cases never crowd the
 * open ones out of the list's 500), 'all' or one state. Newest first.
 */
export async function list(state) {
  const query = state && state !== 'all' ? '&state=' + enc(state) : '';
  return (await api.get('/api/v1/cases?limit=' + LIMIT + query)).cases || [];
}

/** {case, trail, photos} */
export const detail = (id) => api.get('/api/v1/cases/' + enc(id));

export const open = (body, key) => api.post('/api/v1/cases', body, { 'Idempotency-Key': key });

export const act = (id, action, body, key) => api.post('/api/v1/cases/' + enc(id) + '/' + enc(action), body, { 'Idempotency-Key': key });

/** Where a photo's bytes are: the server's url, which the session cookie opens on this origin. */
export function photoUrl(caseId, photo) {
  return typeof photo.url === 'string' && photo.url.startsWith('/api/v1/cases/') ? photo.url
    : '/api/v1/cases/' + enc(caseId) + '/photos/' + enc(photo.id);
}

/** The server's words for a refusal, with each field its 422 names. */
export function explain(e) {
  const errors = Array.isArray(e.problem && e.problem.errors) ? e.problem.errors : [];
  return [e.message, ...errors.map((x) => x.field + ': ' + x.message)].join(' · ');
}
