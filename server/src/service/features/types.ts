// Plain result types of the editor features. They mirror the LSP shapes closely enough that the server
// copies them field by field, yet keep the service free of any LSP package.
import type { Locale, Range, TextEdit } from '../types';

export interface FeatureOptions {
  /** Language of the texts the features write (labels themselves always stay as the template has them). */
  locale?: Locale;
}

export type CompletionKind = 'section' | 'row' | 'column';

export interface CompletionItem {
  /** What the list shows: the heading or label exactly as the template has it. */
  label: string;
  kind: CompletionKind;
  detail: string;
  /** Replaces the typed prefix (range) with the new text. */
  edit: TextEdit;
  /** The text the editor filters the typed prefix against. */
  filterText: string;
  /** Keeps template order in the list. */
  sortText: string;
  preselect?: boolean;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

/** 'report': one report of a document of several (its sections under it). */
export type SymbolKind = 'report' | 'section' | 'table' | 'group' | 'row';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  /** Inside `range`: the heading or label. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind: 'section' | 'table';
}

export interface CodeLens {
  /** The first line of the table. */
  range: Range;
  title: string;
  /** Number of arithmetic findings in the table. */
  count: number;
  /** Where clicking goes: the first finding; absent when there is none. */
  target?: Range;
}

export type { TextEdit };
