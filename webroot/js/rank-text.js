// How a place on a red and black list (红黑榜) reads. The server ranks (domain/Standings.java: ties share a rank
// and say so, 1, 1, 3); the pages only show what it sent, so no page can rank a tie as if it had a winner.
import { t, lang } from './i18n.js';

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
  return n + suffix;
}

/** A rank as shown: "3", or "并列第1" / "tied 1st" when another shares it; "—" for the unranked. */
export function rankText(rank, tied) {
  if (typeof rank !== 'number') return '—';
  return tied ? t('rank.tied', { n: lang === 'en' ? ordinal(rank) : rank }) : String(rank);
}
