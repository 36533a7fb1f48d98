// LSP glue for the table preview: the custom request `govreport/preview` answers the HTML of a document's
// tables (service/features/preview.ts) for the version the server has analysed, so any editor that can
// show HTML gets the same preview; the VS Code client puts it into a webview (client/src/preview.ts).
//   params: { uri } or { textDocument: { uri } }
//   result: { uri, version, isReport, html } — version null when the server does not have the document.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './features';
import { guardRequest } from './requests';
import { documentPreview, escapeHtml } from './service/features/preview';

export const PREVIEW_REQUEST = 'govreport/preview';

export interface PreviewResult {
  uri: string;
  /** The document version the HTML shows; null when the document is not open in the server. */
  version: number | null;
  /** False when the document is not (recognised as) a report: `html` then only says so. */
  isReport: boolean;
  /** A fragment (`<div class="gr-preview">…</div>`); the viewer supplies page, styles and script. */
  html: string;
}

function uriOf(params: unknown): string | undefined {
  const value = params as { uri?: unknown; textDocument?: { uri?: unknown } } | null | undefined;
  const uri = value?.uri ?? value?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function notice(zh: string, en: string): string {
  return `<div class="gr-preview"><p class="gr-empty">${escapeHtml(zh)}<br><span lang="en">${escapeHtml(en)}</span></p></div>\n`;
}

export function registerPreview(
  connection: Connection,
  lookup: (uri: string) => Promise<FeatureContext | undefined>,
  document: (uri: string) => TextDocument | undefined,
  logError: (message: string, error: unknown) => void,
): void {
  connection.onRequest(
    PREVIEW_REQUEST,
    guardRequest(
      'preview',
      null as PreviewResult | null,
      async (params: unknown): Promise<PreviewResult | null> => {
        const uri = uriOf(params);
        if (uri === undefined) return null;
        const context = await lookup(uri);
        if (!context) {
          const open = document(uri);
          return {
            uri,
            version: open?.version ?? null,
            isReport: false,
            html: open
              ? notice('这个文档不是可识别的政府信息公开工作年度报告。', 'This document is not recognised as an annual report.')
              : notice('语言服务器没有打开这个文档。', 'The language server does not have this document open.'),
          };
        }
        return {
          uri,
          version: context.document.version,
          isReport: true,
          html: documentPreview(context.reports, { locale: context.locale }),
        };
      },
      logError,
    ),
  );
}
