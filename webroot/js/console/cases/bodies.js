// What each officer action sends (docs/api.md, cases), from what the dialog holds, or
// which text key says what is missing. No DOM: tested under Node.

/** Actions whose note the officer must write: the trail must say why (a verification, what was found). */
export const NOTE_REQUIRED = new Set(['verify', 'park', 'cancel']);

/**
 * @param action one of model.OFFICER_ACTIONS
 * @param v      {note, unit, passed, granted, until (ISO-8601 or ''), level}
 * @returns      {body} or {error: text key}
 */
export function bodyOf(action, v) {
  const note = (v.note || '').trim();
  const withNote = (body) => (note ? { ...body, note } : body);
  if (NOTE_REQUIRED.has(action) && !note) return { error: 'dlg.noteRequired' };
  switch (action) {
    case 'dispatch':
      if (!v.unit || !v.unit.trim()) return { error: 'dlg.needUnit' };
      return { body: withNote({ unit: v.unit.trim() }) };
    case 'verify':
      return { body: { passed: v.passed !== false, note } };
    case 'extension':
      if (v.granted === false) return { body: withNote({ granted: false }) };
      if (!v.until) return { error: 'dlg.needUntil' };
      return { body: withNote({ granted: true, until: v.until }) };
    case 'supervise':
      return { body: withNote({ level: v.level === 'red' ? 'red' : 'yellow' }) };
    default:
      return { body: withNote({}) };
  }
}
