// One click's Idempotency-Key (docs/api.md): made when the officer opens an action, sent with every
// try of it. When no answer came (the network, a gateway, a server shutting down), the next try
// reuses the key, so the server applies the action at most once whatever happened to the first try.
// An answer the server gave for sure (2xx, 4xx) ends the click: the next try is a new request and
// gets a new key, as the server would refuse an old key with another body.

/** Statuses that say nothing of whether the action was applied. */
export function uncertain(status) {
  return status === 0 || status === 408 || status === 502 || status === 503 || status === 504;
}

/**
 * A v4 UUID: crypto.randomUUID needs a secure context, which a console on plain http over the
 * command centre's LAN is not; getRandomValues is there in any context.
 */
export function newId(c = globalThis.crypto) {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}

/** @param makeKey () → a fresh key, e.g. newId */
export function create(makeKey) {
  let key = makeKey();
  return {
    key: () => key,
    /** After a try: keeps the key for a retry when the outcome is unknown, else takes a new one. */
    settle(status) {
      if (!uncertain(status)) key = makeKey();
      return key;
    },
  };
}
