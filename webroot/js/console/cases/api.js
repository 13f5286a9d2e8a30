// The case tab's calls (docs/api.md, cases): the officer's list, detail, opening and actions.
// Every POST carries the click's Idempotency-Key; problem+json errors arrive as ApiError.
import * as api from '../api.js';
import { OPEN_STATES } from './model.js';

const LIMIT = 500;
const enc = encodeURIComponent;

/**
 * The cases for the queue's state filter. The list is newest first and cut at 500, so closed cases
 * must not crowd out the open ones: the open states are asked for one by one.
 * @param state 'open', 'all' or one state
 */
export async function list(state) {
  const one = (s) => api.get('/api/v1/cases?limit=' + LIMIT + (s ? '&state=' + enc(s) : '')).then((r) => r.cases || []);
  if (state === 'open') return (await Promise.all(OPEN_STATES.map(one))).flat();
  return one(state === 'all' || !state ? null : state);
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
