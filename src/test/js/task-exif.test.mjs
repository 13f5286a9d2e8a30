// Where a photo was taken, read from its EXIF (webroot/js/report/tasks/exif.js): right for both byte
// orders and every hemisphere, and "no location" (never an exception) for anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gpsFromJpeg } from '../../../webroot/js/report/tasks/exif.js';

/** A TIFF block with IFD0 pointing at a GPS IFD: lat/lon as [deg, min, sec] with their references. */
function tiff({ little = false, lat = [31, 14, 30], latRef = 'N', lon = [121, 28, 12.5], lonRef = 'E', gpsPointer = true } = {}) {
  const buf = new DataView(new ArrayBuffer(128));
  buf.setUint16(0, little ? 0x4949 : 0x4D4D);
  buf.setUint16(2, 42, little);
  buf.setUint32(4, 8, little);
  // IFD0: one entry, the GPS IFD's offset
  buf.setUint16(8, 1, little);
  buf.setUint16(10, gpsPointer ? 0x8825 : 0x0110, little);
  buf.setUint16(12, 4, little);
  buf.setUint32(14, 1, little);
  buf.setUint32(18, 26, little);
  buf.setUint32(22, 0, little);
  // GPS IFD at 26: four entries, the rationals after it at 80
  buf.setUint16(26, 4, little);
  const entry = (i, tag, type, count, value) => {
    const at = 28 + i * 12;
    buf.setUint16(at, tag, little);
    buf.setUint16(at + 2, type, little);
    buf.setUint32(at + 4, count, little);
    if (type === 2) buf.setUint8(at + 8, value.charCodeAt(0));
    else buf.setUint32(at + 8, value, little);
  };
  entry(0, 1, 2, 2, latRef);
  entry(1, 2, 5, 3, 80);
  entry(2, 3, 2, 2, lonRef);
  entry(3, 4, 5, 3, 104);
  const rationals = (at, [d, m, s]) => [[d, 1], [m, 1], [Math.round(s * 100), 100]].forEach(([n, den], i) => {
    buf.setUint32(at + i * 8, n, little);
    buf.setUint32(at + i * 8 + 4, den, little);
  });
  rationals(80, lat);
  rationals(104, lon);
  return new Uint8Array(buf.buffer);
}

function segment(marker, payload) {
  const out = new Uint8Array(4 + payload.length);
  out.set([0xFF, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xFF]);
  out.set(payload, 4);
  return out;
}

function jpeg(...segments) {
  const parts = [new Uint8Array([0xFF, 0xD8]), ...segments, new Uint8Array([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9])];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const exif = (options) => segment(0xE1, new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff(options)]));
const jfif = segment(0xE0, new Uint8Array([0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
const near = (a, b) => Math.abs(a - b) < 1e-6;

test('latitude and longitude from a camera\'s JPEG, after a JFIF segment, in either byte order', () => {
  for (const little of [false, true]) {
    const gps = gpsFromJpeg(jpeg(jfif, exif({ little })).buffer);
    assert.ok(near(gps.lat, 31 + 14 / 60 + 30 / 3600), `${little}: ${gps.lat}`);
    assert.ok(near(gps.lon, 121 + 28 / 60 + 12.5 / 3600), `${little}: ${gps.lon}`);
  }
});

test('south and west are negative', () => {
  const gps = gpsFromJpeg(jpeg(exif({ latRef: 'S', lonRef: 'W', lat: [33, 52, 4], lon: [151, 12, 26] })));
  assert.ok(near(gps.lat, -(33 + 52 / 60 + 4 / 3600)));
  assert.ok(near(gps.lon, -(151 + 12 / 60 + 26 / 3600)));
});

test('no location: no EXIF, EXIF without GPS, a camera without a fix (zeros), a PNG, nothing', () => {
  assert.equal(gpsFromJpeg(jpeg(jfif)), null);
  assert.equal(gpsFromJpeg(jpeg(exif({ gpsPointer: false }))), null);
  assert.equal(gpsFromJpeg(jpeg(exif({ lat: [0, 0, 0], lon: [0, 0, 0] }))), null);
  assert.equal(gpsFromJpeg(new Uint8Array([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])), null);
  assert.equal(gpsFromJpeg(new Uint8Array(0)), null);
});

test('a hostile or damaged file is "no location", never an exception', () => {
  const good = jpeg(exif());
  const exifEnd = 2 + 4 + 6 + 128; // SOI, the segment head, "Exif\0\0", the TIFF block
  for (let cut = 0; cut < exifEnd; cut += 3) assert.equal(gpsFromJpeg(good.slice(0, cut)), null, `cut at ${cut}`);
  assert.equal(gpsFromJpeg(jpeg(exif({ latRef: 'X' }))), null, 'a reference that is not N or S');
  assert.equal(gpsFromJpeg(jpeg(exif({ lat: [95, 0, 0] }))), null, 'beyond the pole');
  assert.equal(gpsFromJpeg(jpeg(exif({ lat: [30, 75, 0] }))), null, '75 minutes');
  const pointerOut = jpeg(exif());
  const at = pointerOut.indexOf(0x88) + 6; // the GPS IFD's offset: far past the end
  pointerOut.set([0x7F, 0xFF, 0xFF, 0xFF], at);
  assert.equal(gpsFromJpeg(pointerOut), null);
  let noise = 12345;
  for (let i = 0; i < 200; i++) {
    const bytes = jpeg(exif());
    for (let k = 0; k < 8; k++) {
      noise = (noise * 1103515245 + 12345) % 2147483648;
      bytes[20 + (noise % (bytes.length - 20))] = noise & 0xFF;
    }
    const gps = gpsFromJpeg(bytes);
    assert.ok(gps === null || (Math.abs(gps.lat) <= 90 && Math.abs(gps.lon) <= 180));
  }
});
