// A chart's figures as text. A canvas says nothing to a screen reader or a text-only copy of the page, so
// each wall chart keeps a visually-hidden table beside it with the same numbers, refreshed by the chart
// module's update(data) whenever it redraws; the canvas itself is hidden from assistive technology.

/**
 * Rows of a table from a chart's categories and its series: one row a category, one column a series.
 * @param labels the categories (sites, towns, hours)
 * @param series one array of values per series, each as long as labels; null shows as '—'
 */
export function rowsOf(labels, series) {
  return labels.map((name, i) => [name, ...series.map((values) => (values[i] === null || values[i] === undefined ? '—' : values[i]))]);
}

/** The hidden table for the chart in chartEl, with a caption; set(head, rows) puts in what the chart shows. */
export function figures(chartEl, caption) {
  chartEl.setAttribute('aria-hidden', 'true');
  const table = document.createElement('table');
  table.className = 'sr-only';
  table.dataset.figures = '';
  const cap = table.createCaption();
  cap.textContent = caption;
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  chartEl.after(table);
  let shown = '';
  return {
    caption(text) {
      cap.textContent = text;
    },
    set(columns, rows) {
      const key = JSON.stringify([columns, rows]);
      if (key === shown) return;
      shown = key;
      head.replaceChildren(...columns.map((c) => cell('th', c, 'col')));
      body.replaceChildren(...rows.map((row) => {
        const tr = document.createElement('tr');
        tr.append(...row.map((value, i) => (i === 0 ? cell('th', value, 'row') : cell('td', value))));
        return tr;
      }));
    },
  };
}

function cell(tag, text, scope) {
  const node = document.createElement(tag);
  if (scope) node.scope = scope;
  node.textContent = String(text);
  return node;
}
