// Small DOM helpers for the field page. Text always goes in as text, never as HTML.

/** <tag class="className">text</tag> */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
