package io.watchfloor.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A set of ids kept as pairs of longs in one open-addressed array. A {@code HashSet<UUID>} keeps two objects
 * per id, which the collector copies while they are young and whose links it scans in every young collection
 * once they are old; under a steady flow of reports they were most of what each young collection copied. Here
 * an id costs 32 to 64 bytes of one array and nothing else. The hash mixes in a seed drawn per set: ids come
 * from field units, and a hash anyone can compute would let a crafted series of ids pile into one run of slots.
 */
final class IdSet {
  private static final int MIN_SLOTS = 1 << 10;
  /** Slot i holds an id at {@code 2i} (its high half) and {@code 2i + 1}; (0, 0) marks an empty slot. */
  private long[] slots = new long[2 * MIN_SLOTS];
  private int size;
  /** The nil id (0, 0), which an empty slot cannot hold. */
  private boolean hasNil;
  private final long seed = ThreadLocalRandom.current().nextLong();

  /** Adds the id; false if it was here already. */
  boolean add(UUID id) {
    long high = id.getMostSignificantBits();
    long low = id.getLeastSignificantBits();
    if (high == 0 && low == 0) {
      boolean added = !hasNil;
      hasNil = true;
      size += added ? 1 : 0;
      return added;
    }
    int slot = find(slots, high, low);
    if (slots[2 * slot] == high && slots[2 * slot + 1] == low) {
      return false;
    }
    if (2 * (size + 1) > slots.length / 2) {
      grow();
      slot = find(slots, high, low);
    }
    slots[2 * slot] = high;
    slots[2 * slot + 1] = low;
    size++;
    return true;
  }

  boolean contains(UUID id) {
    long high = id.getMostSignificantBits();
    long low = id.getLeastSignificantBits();
    if (high == 0 && low == 0) {
      return hasNil;
    }
    int slot = find(slots, high, low);
    return slots[2 * slot] == high && slots[2 * slot + 1] == low;
  }

  int size() {
    return size;
  }

  /** The farthest any id sits from the slot its hash names: what a lookup may have to walk. */
  int longestProbe() {
    int mask = slots.length / 2 - 1;
    int longest = 0;
    for (int slot = 0; slot <= mask; slot++) {
      long h = slots[2 * slot];
      long l = slots[2 * slot + 1];
      if (h != 0 || l != 0) {
        longest = Math.max(longest, (slot - (int) mix(h, l)) & mask);
      }
    }
    return longest;
  }

  /** The slot holding the id, or the empty slot where it would go: at most half the slots are ever full. */
  private int find(long[] table, long high, long low) {
    int mask = table.length / 2 - 1;
    int slot = (int) mix(high, low) & mask;
    while (true) {
      long h = table[2 * slot];
      long l = table[2 * slot + 1];
      if ((h == high && l == low) || (h == 0 && l == 0)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    long[] old = slots;
    long[] next = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        int slot = find(next, old[i], old[i + 1]);
        next[2 * slot] = old[i];
        next[2 * slot + 1] = old[i + 1];
      }
    }
    slots = next;
  }

  private long mix(long high, long low) {
    return finish(finish(high ^ seed) ^ low);
  }

  /** MurmurHash3's 64-bit finaliser: every bit of the input moves about half the bits of the output. */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
