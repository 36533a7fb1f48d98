// GB18030 bytes of a text, for tests: Node can decode GB18030 but has no encoder. The table is built
// by decoding every two-byte code and the four-byte codes of the BMP, which covers any report text.
// Used by the CLI tests (test/unit/cli.test.mjs) and the VS Code workspace (test/e2e/lib/harness.js).
'use strict';

let table;

function buildTable() {
  const codes = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(b1, b2));
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [b1, b2]);
    }
  }
  for (let b1 = 0x81; b1 <= 0x84; b1++)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++)
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          const ch = decoder.decode(Uint8Array.of(b1, b2, b3, b4));
          if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [b1, b2, b3, b4]);
        }
  return codes;
}

/** The GB18030 encoding of `text`; throws on a character outside the table. */
function gb18030Encode(text) {
  table ??= buildTable();
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const sequence = table.get(ch);
    if (!sequence) throw new Error(`no GB18030 code for U+${code.toString(16)}`);
    bytes.push(...sequence);
  }
  return Buffer.from(bytes);
}

module.exports = { gb18030Encode };
