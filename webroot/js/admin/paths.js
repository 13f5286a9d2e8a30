// The admin API (docs/security.md#administration) in one place: the page's only knowledge of its paths and list shapes.
const BASE = '/api/v1/admin';
const enc = encodeURIComponent;

export const paths = {
  units: BASE + '/units',
  unitToken: (id) => `${BASE}/units/${enc(id)}/token`,
  unitDisable: (id) => `${BASE}/units/${enc(id)}/disable`,
  unitEnable: (id) => `${BASE}/units/${enc(id)}/enable`,
  operators: BASE + '/operators',
  operatorDisable: (u) => `${BASE}/operators/${enc(u)}/disable`,
  operatorEnable: (u) => `${BASE}/operators/${enc(u)}/enable`,
  operatorReset: (u) => `${BASE}/operators/${enc(u)}/reset`,
  keys: BASE + '/display-keys',
  key: (id) => `${BASE}/display-keys/${enc(id)}`,
  rules: BASE + '/rules',
  rule: (id) => `${BASE}/rules/${enc(id)}`,
  rulePreview: (id) => `${BASE}/rules/${enc(id)}/preview`,
  caseLimits: BASE + '/case-limits',
  ranking: BASE + '/ranking',
  channels: BASE + '/channels',
  channel: (id) => `${BASE}/channels/${enc(id)}`,
  channelTest: (id) => `${BASE}/channels/${enc(id)}/test`,
  channelResume: (id) => `${BASE}/channels/${enc(id)}/resume`,
  channelFailures: (id) => `${BASE}/channels/${enc(id)}/failures`,
  routes: BASE + '/routes',
  route: (id) => `${BASE}/routes/${enc(id)}`,
  // year: a number, or null for this year in the jurisdiction's zone
  calendar: (year) => BASE + '/calendar' + (year ? `?year=${enc(year)}` : ''),
  calendarYear: (year) => `${BASE}/calendar/${enc(year)}`,
  // filter: '' or 'action=…' or 'exclude=…'; cursor: the next of the page before, or null for the first
  audit: (from, to, filter, cursor) => `${BASE}/audit?from=${enc(from)}&to=${enc(to)}${filter ? '&' + filter : ''}`
    + (cursor ? `&cursor=${enc(cursor)}` : ''),
  auditCsv: (from, to, filter) => `${BASE}/audit?from=${enc(from)}&to=${enc(to)}${filter ? '&' + filter : ''}`
    + '&limit=10000&format=csv',
};

/** A list answer, whether the server sends the array itself or wraps it ({units: […]}). */
export function listOf(answer, ...names) {
  if (Array.isArray(answer)) return answer;
  for (const name of [...names, 'items']) {
    if (answer && Array.isArray(answer[name])) return answer[name];
  }
  return [];
}
