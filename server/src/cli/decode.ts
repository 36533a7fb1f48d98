// Reading report files in whatever encoding they come in, and writing them back the same way.
// Detection order: a byte order mark decides (UTF-8, UTF-16 LE, UTF-16 BE); without one, the bytes are
// UTF-8 if they decode as UTF-8 without error, otherwise GB18030 (a superset of GBK and GB2312, the usual
// encodings of Chinese office files). The BOM is never part of the returned text, so the ranges `analyze`
// reports are relative to the text without it.
import { TextDecoder } from 'node:util';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: FileEncoding;
}

function decoder(label: string, fatal: boolean): TextDecoder {
  // ignoreBOM: true keeps a U+FEFF that follows the BOM we already removed ourselves.
  return new TextDecoder(label, { fatal, ignoreBOM: true });
}

export function decodeBuffer(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: decoder('utf-8', true).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: the usual alternative for Chinese documents.
  }
  return { text: decoder('gb18030', false).decode(bytes), encoding: 'gb18030' };
}

/** Whether `encodeText` can write this encoding. Node has no GB18030 encoder. */
export function canEncode(encoding: FileEncoding): boolean {
  return encoding !== 'gb18030';
}

/** The bytes of `text` in `encoding`, BOM included where the original had one; null when Node cannot encode it. */
export function encodeText(text: string, encoding: FileEncoding): Buffer | null {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
    case 'gb18030':
      return null;
  }
}
