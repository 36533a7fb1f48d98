// LSP glue for the editor features: completion, hover, document symbols, folding, code lens and
// formatting. Each handler looks up the document's parsed report and analysis (cached per version by
// server.ts), calls the pure feature in service/features and translates the plain result to LSP.
import {
  CodeLens as LspCodeLens,
  CompletionItem as LspCompletionItem,
  CompletionItemKind,
  Connection,
  DocumentSymbol as LspDocumentSymbol,
  FoldingRange as LspFoldingRange,
  FoldingRangeKind,
  Hover as LspHover,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  ServerCapabilities,
  SymbolInformation,
  SymbolKind,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReportPart } from './service/document';
import {
  documentCodeLenses,
  documentCompletion,
  documentFolding,
  documentFormat,
  documentHover,
  documentOutline,
} from './service/features';
import type { CompletionKind, DocumentSymbol, SymbolKind as ServiceSymbolKind } from './service/features';
import type { AnalysisResult, Locale } from './service/types';
import { guardRequest } from './requests';

/**
 * What a feature needs: the document, its reports parsed once for this version (one, or several for a
 * file of many reports, each with its own analysis), and the document's analysis.
 */
export interface FeatureContext {
  document: TextDocument;
  reports: ReportPart[];
  result: AnalysisResult;
  locale: Locale;
}

/**
 * The client command a code lens runs to reveal a finding: (uri: string, range: LSP range). The VS Code
 * client registers it (client/src/extension.ts); LSP has no standard "go to" command with plain JSON
 * arguments (editor.action.goToLocations needs URI objects).
 */
export const REVEAL_RANGE_COMMAND = 'govreport.revealRange';

export const featureCapabilities: ServerCapabilities = {
  completionProvider: { resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: { label: 'govreport' },
  foldingRangeProvider: true,
  codeLensProvider: { resolveProvider: false },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  row: CompletionItemKind.Field,
  column: CompletionItemKind.Property,
};

const SYMBOL_KIND: Record<ServiceSymbolKind, SymbolKind> = {
  report: SymbolKind.File,
  section: SymbolKind.Module,
  table: SymbolKind.Struct,
  group: SymbolKind.Namespace,
  row: SymbolKind.Field,
};

function toLspSymbol(symbol: DocumentSymbol): LspDocumentSymbol {
  const lsp: LspDocumentSymbol = {
    name: symbol.name,
    kind: SYMBOL_KIND[symbol.kind] ?? SymbolKind.Field,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toLspSymbol),
  };
  if (symbol.detail) lsp.detail = symbol.detail;
  return lsp;
}

/** For clients without hierarchical symbols: the same symbols, flat, each naming its container. */
function flatten(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    {
      name: symbol.name,
      kind: SYMBOL_KIND[symbol.kind] ?? SymbolKind.Field,
      location: { uri, range: symbol.range },
      ...(container ? { containerName: container } : {}),
    },
    ...flatten(uri, symbol.children, symbol.name),
  ]);
}

type Lookup = (uri: string) => Promise<FeatureContext | undefined>;
type LogError = (message: string, error: unknown) => void;

/** Registers the feature handlers. `hierarchicalSymbols` tells whether the client nests symbols. */
export function registerFeatures(connection: Connection, lookup: Lookup, logError: LogError, hierarchicalSymbols: () => boolean): void {
  connection.onCompletion(
    guardRequest('completion', [] as LspCompletionItem[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return [];
      return documentCompletion(context.reports, params.position, { locale: context.locale }).map((item) => {
        const lsp: LspCompletionItem = {
          label: item.label,
          kind: COMPLETION_KIND[item.kind],
          detail: item.detail,
          textEdit: { range: item.edit.range, newText: item.edit.newText },
          filterText: item.filterText,
          sortText: item.sortText,
          insertTextFormat: InsertTextFormat.PlainText,
          // Rows carry their own tabs and line breaks; the editor must not re-indent them.
          insertTextMode: InsertTextMode.asIs,
        };
        if (item.preselect) lsp.preselect = true;
        return lsp;
      });
    }, logError),
  );

  connection.onHover(
    guardRequest('hover', null as LspHover | null, async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return null;
      const found = documentHover(context.reports, params.position, { locale: context.locale });
      return found ? { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: found.range } : null;
    }, logError),
  );

  connection.onDocumentSymbol(
    guardRequest('document symbols', [] as LspDocumentSymbol[] | SymbolInformation[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return [];
      const symbols = documentOutline(context.reports, { locale: context.locale });
      return hierarchicalSymbols() ? symbols.map(toLspSymbol) : flatten(context.document.uri, symbols);
    }, logError),
  );

  connection.onFoldingRanges(
    guardRequest('folding ranges', [] as LspFoldingRange[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return [];
      return documentFolding(context.reports).map((range) => ({
        startLine: range.startLine,
        endLine: range.endLine,
        kind: FoldingRangeKind.Region,
      }));
    }, logError),
  );

  connection.onCodeLens(
    guardRequest('code lenses', [] as LspCodeLens[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return [];
      const uri = context.document.uri;
      return documentCodeLenses(context.reports, { locale: context.locale }).map((lens) => ({
        range: lens.range,
        // Without a finding to go to, the lens is a label: an empty command id makes it unclickable.
        command: lens.target
          ? { title: lens.title, command: REVEAL_RANGE_COMMAND, arguments: [uri, lens.target] }
          : { title: lens.title, command: '' },
      }));
    }, logError),
  );

  connection.onDocumentFormatting(
    guardRequest('formatting', [] as LspTextEdit[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context) return [];
      return documentFormat(context.reports);
    }, logError),
  );

  connection.onDocumentRangeFormatting(
    guardRequest('range formatting', [] as LspTextEdit[], async (params) => {
      const context = await lookup(params?.textDocument?.uri);
      if (!context || !params.range) return [];
      return documentFormat(context.reports, params.range);
    }, logError),
  );
}
