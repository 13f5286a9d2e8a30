// The time tab of /admin (时限与日历): the time-limit table above the working-day calendar of a year.
import * as limits from './limits.js';
import * as calendar from './calendar.js';

export function create() {
  limits.create();
  calendar.create();
}

export async function load() {
  await Promise.all([limits.load(), calendar.load()]);
}
