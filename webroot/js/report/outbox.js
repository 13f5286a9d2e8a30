// The reports on this device (box.js, database `watchfloor-field`): those waiting to be sent, the last
// 20 delivered per unit, and those the server refused, kept until dismissed.
import { create, OutboxFull } from './box.js';

/** Waiting reports at most: days of reports of a busy unit, well past the server's late window. */
export const WAITING_MAX = 1000;

const box = create({ name: 'watchfloor-field', max: WAITING_MAX, sentKeep: 20 });

export { OutboxFull };
export const {
  open, durable, limit, waiting, waitingOfOthers, sent, rejected, add, settle, reject, dismiss,
} = box;
/** No room for another report, of any unit. */
export const isFull = () => box.full() !== null;
