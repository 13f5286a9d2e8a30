// Where a photo was taken, from its JPEG's EXIF (the GPS IFD: latitude, longitude and their N/S,
// E/W references). Re-encoding through a canvas drops all of EXIF, so the page reads this from the
// camera's original file and sends it beside the photo only if the unit allows it. Every offset is
// checked: a file is outside input, and anything that does not parse is simply "no location".
// Hand-written rather than a library: four tags of one IFD, where a vendored EXIF library would be
// tens of kilobytes for the phone to load.

const GPS_IFD = 0x8825;
const LAT_REF = 1;
const LAT = 2;
const LON_REF = 3;
const LON = 4;
const RATIONAL = 5;
const ASCII = 2;
/** EXIF sits in APP1 near the start; a camera's thumbnail keeps it under 64 KB. */
export const HEAD_BYTES = 128 * 1024;

/**
 * @param buffer the first bytes of a file (HEAD_BYTES are enough), ArrayBuffer or Uint8Array
 * @return {lat, lon} in decimal degrees, or null
 */
export function gpsFromJpeg(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xFFD8) return null;
  let at = 2;
  while (at + 4 <= view.byteLength) {
    if (view.getUint8(at) !== 0xFF) return null;
    const marker = view.getUint8(at + 1);
    if (marker === 0xD9 || marker === 0xDA) return null; // end, or the picture starts: no EXIF before it
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    if (marker === 0xE1 && at + 10 <= view.byteLength && exifHeader(view, at + 4)) {
      const tiff = at + 10;
      return gpsOfTiff(new DataView(bytes.buffer, bytes.byteOffset + tiff,
        Math.max(0, Math.min(length - 8, view.byteLength - tiff))));
    }
    at += 2 + length;
  }
  return null;
}

function exifHeader(view, at) {
  return view.getUint32(at) === 0x45786966 && view.getUint16(at + 4) === 0; // "Exif\0\0"
}

function gpsOfTiff(tiff) {
  try {
    const order = tiff.getUint16(0);
    if (order !== 0x4949 && order !== 0x4D4D) return null;
    const little = order === 0x4949;
    if (tiff.getUint16(2, little) !== 42) return null;
    const ifd0 = entries(tiff, tiff.getUint32(4, little), little);
    const pointer = ifd0.get(GPS_IFD);
    if (!pointer) return null;
    const gps = entries(tiff, tiff.getUint32(pointer.valueAt, little), little);
    const lat = degrees(tiff, gps.get(LAT), little);
    const lon = degrees(tiff, gps.get(LON), little);
    const latRef = ref(tiff, gps.get(LAT_REF));
    const lonRef = ref(tiff, gps.get(LON_REF));
    if (lat === null || lon === null || !'NS'.includes(latRef) || !'EW'.includes(lonRef) || !latRef || !lonRef) return null;
    const out = { lat: latRef === 'S' ? -lat : lat, lon: lonRef === 'W' ? -lon : lon };
    if (Math.abs(out.lat) > 90 || Math.abs(out.lon) > 180) return null;
    if (out.lat === 0 && out.lon === 0) return null; // a camera without a fix writes zeros
    return out;
  } catch (e) {
    return null; // an offset past the end: a DataView read throws RangeError
  }
}

/** An IFD's entries: tag → {type, count, valueAt} (valueAt: where the value or its offset sits). */
function entries(tiff, offset, little) {
  const out = new Map();
  const count = tiff.getUint16(offset, little);
  for (let i = 0; i < count; i++) {
    const at = offset + 2 + i * 12;
    out.set(tiff.getUint16(at, little), { type: tiff.getUint16(at + 2, little), count: tiff.getUint32(at + 4, little), valueAt: at + 8 });
  }
  return out;
}

/** Three rationals (degrees, minutes, seconds) to decimal degrees, or null. */
function degrees(tiff, entry, little) {
  if (!entry || entry.type !== RATIONAL || entry.count !== 3) return null;
  const at = tiff.getUint32(entry.valueAt, little);
  const parts = [0, 1, 2].map((i) => {
    const num = tiff.getUint32(at + i * 8, little);
    const den = tiff.getUint32(at + i * 8 + 4, little);
    return den === 0 ? NaN : num / den;
  });
  if (parts.some((p) => !Number.isFinite(p)) || parts[1] >= 60 || parts[2] >= 60) return null;
  return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

/** A one-letter ASCII reference ('N', 'S', 'E', 'W'), kept in the entry itself. */
function ref(tiff, entry) {
  if (!entry || entry.type !== ASCII || entry.count < 1 || entry.count > 4) return '';
  return String.fromCharCode(tiff.getUint8(entry.valueAt));
}
