// The editor features of the language service, each a pure function of the parsed report and its
// analysis. The server calls them with the report it parsed once for the document version.
export { completion } from './completion';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { foldingRanges } from './folding';
export { codeLenses, ARITHMETIC_RULES } from './codeLens';
export { format } from './formatting';
// The same on a document of one or several reports (what the language server calls).
export {
  documentCompletion,
  documentHover,
  documentOutline,
  documentFolding,
  documentCodeLenses,
  documentFormat,
} from './document';
export type * from './types';
// The table preview as HTML (the `govreport/preview` request).
export { preview, documentPreview, escapeHtml, type PreviewOptions, type PreviewPart } from './preview';
