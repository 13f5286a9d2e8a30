// A QR code as an SVG element, drawn here from the vendored qrcode-generator (js/vendor): nothing is
// fetched from outside. Error correction M, a quiet zone of 4 modules, black on white so any phone reads it.
import qrcode from '../vendor/qrcode-generator.js';

const SVG = 'http://www.w3.org/2000/svg';
const QUIET = 4;

/** The text (ASCII: a URL) as a QR code `size` pixels wide. */
export function svg(text, size = 232) {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const n = code.getModuleCount();
  const full = n + 2 * QUIET;
  const node = document.createElementNS(SVG, 'svg');
  node.setAttribute('viewBox', `0 0 ${full} ${full}`);
  node.setAttribute('width', String(size));
  node.setAttribute('height', String(size));
  node.setAttribute('shape-rendering', 'crispEdges');
  node.setAttribute('role', 'img');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(full));
  background.setAttribute('height', String(full));
  background.setAttribute('fill', '#fff');
  node.append(background);
  // one path of unit squares: a few kilobytes however dense the code
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (code.isDark(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  node.append(path);
  node.dataset.modules = String(n);
  return node;
}
