// The task tab's actions on this device (box.js, database `watchfloor-field-tasks`): 签收, 回退, 申请延期,
// 反馈 with its photos (the shrunk JPEG Blobs themselves) and 上报事件, each written before any attempt
// to send it, with the Idempotency-Key made then (the entry's id) and kept across every retry. Bounded
// per unit and by the photos' bytes, so a phone in a long dead spot cannot fill its storage.
import { create, OutboxFull } from '../box.js';

/** Actions waiting on one phone, all units together. */
export const WAITING_MAX = 300;
/** Actions one unit may have waiting: weeks of work done without a network. */
export const PER_UNIT = 100;
/** Photos waiting at most: 25 reports back of six full-size photos, far under a phone browser's quota. */
export const MAX_BYTES = 300 * 1024 * 1024;

/** What an entry holds, about: its photos' bytes and its text. */
export function bytesOf(entry) {
  const photos = (entry.photos || []).reduce((sum, p) => sum + (p.blob ? p.blob.size : 0), 0);
  return photos + JSON.stringify(entry.body || {}).length;
}

/** A delivered action keeps what the list shows, not its photos: they are on the server now. */
function slim(entry) {
  const { photos, ...rest } = entry;
  return { ...rest, photoCount: (photos || []).length };
}

const box = create({
  name: 'watchfloor-field-tasks', max: WAITING_MAX, perUnit: PER_UNIT, maxBytes: MAX_BYTES, bytes: bytesOf,
  sentKeep: 20, rejectedKeep: 20, slim,
});

export { OutboxFull };
export const {
  open, durable, limit, waiting, waitingOfOthers, sent, rejected, add, settle, reject, dismiss, full, bytes,
} = box;
