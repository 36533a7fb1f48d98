// LSP glue for "导入 Word/网页年报为文本": the custom request `govreport/import` turns a Word file or a web
// page into report text in the canonical layout (one tab-separated line per table row, merged cells as
// empty cells; service/input/html.ts), which the client opens as a new govreport document. Node only:
// Word files go through mammoth (cli/inputs.ts), so the web worker server does not register it.
//   params: { content: base64 of the file's bytes, kind: 'docx' | 'html', name?: for messages }
//   result: { text } or { error } (a message for the user)
import type { Connection } from 'vscode-languageserver';
import { convertInput } from './cli/inputs';
import { guardRequest } from './requests';

export const IMPORT_REQUEST = 'govreport/import';

/** Larger than any report; guards the server against a huge file sent by mistake. */
const MAX_BYTES = 50 * 1024 * 1024;

export type ImportResult = { text: string; kind: 'docx' | 'html' } | { error: string };

export async function importReport(params: unknown): Promise<ImportResult> {
  const value = params as { content?: unknown; kind?: unknown } | null | undefined;
  const kind = value?.kind;
  if (kind !== 'docx' && kind !== 'html') return { error: 'kind must be "docx" or "html"' };
  if (typeof value?.content !== 'string') return { error: 'content must be the file as base64' };
  const bytes = Buffer.from(value.content, 'base64');
  if (bytes.length > MAX_BYTES) return { error: `the file is larger than ${MAX_BYTES / 1024 / 1024} MB` };
  try {
    const converted = await convertInput(kind, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!converted) return { error: 'nothing to convert' };
    return { text: converted.text, kind };
  } catch (error) {
    // An unreadable file is the user's to fix (an old .doc renamed, a damaged zip): say why.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function registerImport(connection: Connection, logError: (message: string, error: unknown) => void): void {
  connection.onRequest(IMPORT_REQUEST, guardRequest('import', { error: 'internal error' } as ImportResult, importReport, logError));
}
