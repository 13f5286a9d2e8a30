// Where to write each area's name on the schematic map: the point inside its outline that keeps
// farthest from the outline and from the site markers. Computed once, at start.

const STEP = 8; // map units between candidate points
const LABEL_HALF_HEIGHT = 16; // map units

function inside(x, y, ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Wide labels: a horizontal distance counts for less than a vertical one, by the label's aspect. */
function distance(dx, dy, aspect) {
  return Math.hypot(dx / aspect, dy);
}

function edgeDistance(x, y, ring, aspect) {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j];
    const [bx, by] = ring[i];
    const lx = bx - ax;
    const ly = by - ay;
    const len = lx * lx + ly * ly || 1;
    const t = Math.max(0, Math.min(1, ((x - ax) * lx + (y - ay) * ly) / len));
    best = Math.min(best, distance(x - (ax + t * lx), y - (ay + t * ly), aspect));
  }
  return best;
}

/**
 * @param ring      the area's outline [[x, y], …] in map units
 * @param obstacles points to keep clear of: the markers
 * @param halfWidth half the label's width in map units
 * @returns [x, y] in map units
 */
export function labelPoint(ring, obstacles, halfWidth) {
  const aspect = Math.max(1.5, halfWidth / LABEL_HALF_HEIGHT);
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  let best = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestScore = -Infinity;
  for (let x = minX + STEP / 2; x < maxX; x += STEP) {
    for (let y = minY + STEP / 2; y < maxY; y += STEP) {
      if (!inside(x, y, ring)) continue;
      let score = edgeDistance(x, y, ring, aspect);
      for (const [ox, oy] of obstacles) {
        score = Math.min(score, distance(x - ox, y - oy, aspect) * 1.2);
        if (score <= bestScore) break;
      }
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

/** Marker positions to keep area names clear of. */
export function obstaclesOf(markers) {
  return markers.map((m) => m.position);
}
