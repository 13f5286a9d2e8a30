// Plausibility before sending, with the catalogue's own rules: each metric within its min–max, whole
// numbers where the metric says so (every counter), and the cross-field checks "metric ≤ atMost"
// (turned back ≤ checked, resolved ≤ screened, rectified ≤ found). The server checks all of it again.

export const NOTE_MAX = 500;
/** The server refuses a time more than 5 minutes ahead of its clock (docs/api.md). */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** Full-width digits and points (from a Chinese input method) to ASCII; spaces dropped. */
export function normalizeNumber(text) {
  return String(text ?? '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/\s+/g, '');
}

/**
 * @param inputs  metric key → what the user typed ('' or absent: not reported)
 * @param metrics the site kind's metrics from the catalogue
 * @param checks  the catalogue's {metric, atMost} rules
 * @return {values: key → number, errors: key → {key, vars}} — an error is an i18n key and its variables
 */
export function checkMetrics(inputs, metrics, checks) {
  const values = {};
  const errors = {};
  for (const m of metrics) {
    const text = normalizeNumber(inputs[m.key]);
    if (text === '') continue;
    const negative = m.min < 0 ? '-?' : '';
    if (!new RegExp('^' + negative + '\\d+(\\.\\d+)?$').test(text)) {
      errors[m.key] = { key: 'check.number' };
      continue;
    }
    const value = Number(text);
    if (m.integer && !Number.isInteger(value)) {
      errors[m.key] = { key: 'check.whole' };
    } else if (value < m.min || value > m.max) {
      errors[m.key] = { key: 'check.range', vars: { min: m.min, max: m.max } };
    } else {
      values[m.key] = value;
    }
  }
  for (const c of checks) {
    if (c.metric in values && c.atMost in values && values[c.metric] > values[c.atMost]) {
      errors[c.metric] = { key: 'check.atMost', vars: { other: c.atMost, a: values[c.metric], b: values[c.atMost] } };
      delete values[c.metric];
    }
  }
  return { values, errors };
}

/** An i18n error for the report's time, or null: it must be a time, and not ahead of now. */
export function checkTime(ms, nowMs) {
  if (!Number.isFinite(ms)) return { key: 'check.time' };
  if (ms > nowMs + FUTURE_SKEW_MS) return { key: 'check.future' };
  return null;
}

export function checkNote(note) {
  return [...(note || '')].length > NOTE_MAX ? { key: 'check.note', vars: { n: NOTE_MAX } } : null;
}
