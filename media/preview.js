// The script of the table preview page (client/src/preview.ts loads it under a nonce). It puts the HTML
// the language server rendered into the page, marks the cell at the editor's cursor and tells the
// extension which place of the document a clicked cell stands for (its data-range). Its state (setState)
// is the document's URI, so the preview comes back for that document after a window reload.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  /** @type {{ line: number, character: number } | null} */
  let cursor = null;

  /** @param {Element} element */
  function rangeOf(element) {
    const parts = (element.getAttribute('data-range') || '').split(',').map(Number);
    return parts.length === 4 && parts.every(Number.isFinite) ? parts : null;
  }

  function before(line1, char1, line2, char2) {
    return line1 < line2 || (line1 === line2 && char1 <= char2);
  }

  /** Marks the smallest place containing the cursor; else the places on its line (the row). */
  function highlight(scroll) {
    for (const old of content.querySelectorAll('.gr-cursor, .gr-cursor-line')) old.classList.remove('gr-cursor', 'gr-cursor-line');
    if (!cursor) return;
    const { line, character } = cursor;
    let best = null;
    let bestSize = Infinity;
    const onLine = [];
    for (const element of content.querySelectorAll('td[data-range], th[data-range]')) {
      const r = rangeOf(element);
      if (!r) continue;
      if (r[0] <= line && line <= r[2]) onLine.push(element);
      if (before(r[0], r[1], line, character) && before(line, character, r[2], r[3])) {
        const size = (r[2] - r[0]) * 10000 + (r[3] - r[1]);
        if (size < bestSize) {
          best = element;
          bestSize = size;
        }
      }
    }
    if (best) best.classList.add('gr-cursor');
    for (const element of onLine) if (element !== best) element.classList.add('gr-cursor-line');
    const target = best || onLine[0];
    if (scroll && target) reveal(target);
  }

  /**
   * Scrolls the page (and a wide table sideways) until the element is in view. Not scrollIntoView:
   * that also scrolls the scrolling boxes of the frames around the page, i.e. VS Code's own editor.
   */
  function reveal(element) {
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) window.scrollBy(0, box.top - window.innerHeight / 3);
    const scroller = element.closest('.gr-scroll');
    if (!scroller) return;
    const outer = scroller.getBoundingClientRect();
    if (box.left < outer.left) scroller.scrollLeft -= outer.left - box.left + 8;
    else if (box.right > outer.right) scroller.scrollLeft += box.right - outer.right + 8;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      // Kept by VS Code with the panel: after a window reload the extension's serializer reopens this
      // document in the restored panel (client/src/preview.ts).
      if (typeof message.uri === 'string') vscode.setState({ uri: message.uri });
      // The server escapes every text of the document; the page's CSP runs no script in it anyway.
      content.innerHTML = message.html;
      highlight(false);
    } else if (message.type === 'cursor') {
      cursor = { line: Number(message.line), character: Number(message.character) };
      highlight(true);
    }
  });

  content.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-range]') : null;
    const range = target && rangeOf(target);
    if (range) vscode.postMessage({ type: 'reveal', range });
  });

  vscode.postMessage({ type: 'ready' });
})();
