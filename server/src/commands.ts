// LSP glue for the server's commands (workspace/executeCommand). The VS Code client's commands
// "插入年报模板", "将表格转换为 2021 年格式" and "修复所有可自动修复的问题" call these; any other LSP client
// can too. The work is the service's (templates/render.ts, convert.ts, fix-all.ts); this file checks the
// arguments (never trusting them), finds the document and sends edits with workspace/applyEdit.
import type { CancellationToken, Connection, ExecuteCommandParams, ServerCapabilities, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { convertTo2021 } from './service/convert';
import { renderReport, renderTable, type RenderLayout } from './service/templates/render';
import type { FormatId, Locale, TextEdit } from './service/types';
import { guardRequest } from './requests';

/** Server command ids. They differ from the VS Code client's command ids, which the client registers. */
export const SERVER_COMMANDS = {
  /** ({ format, layout, part, snippet }) → { text }: a template report or table as text or snippet. */
  renderTemplate: 'govreport.server.renderTemplate',
  /** (uri, version?) → { applied, converted, notes }: converts the 2019-format tables, applies the edit. */
  convertTo2021: 'govreport.server.convertTo2021',
  /** (uri, version?) → { applied, edits }: applies the same edits as source.fixAll.govreport. */
  fixAll: 'govreport.server.fixAll',
  /**
   * (uri | { uri } | { agency }) → { agency, reports: [{ year, uri, agency, open }] }: the reports of the
   * document's agency in the workspace, by year (workspace.ts).
   */
  listReports: 'govreport.server.listReports',
} as const;

export const commandCapabilities: ServerCapabilities = {
  executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
};

/** What the commands need from the server: its documents, its fix-all, its edits and its language. */
export interface CommandHost {
  document(uri: string): TextDocument | undefined;
  /** The fix-all edits of the document's current version (undefined when it is not a report). */
  fixAllEdits(document: TextDocument, token: CancellationToken): Promise<TextEdit[] | undefined>;
  workspaceEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit;
  locale(document: TextDocument): Promise<Locale>;
  /** The agency's reports in the workspace index. */
  listReports(argument: unknown): Promise<unknown>;
}

export interface EditOutcome {
  applied: boolean;
  /** Why nothing was applied: 'no-document', 'stale' (the version moved on), 'nothing' or 'rejected'. */
  reason?: string;
}

const FORMATS: readonly string[] = ['2021', '2019'];
const LAYOUTS: readonly string[] = ['tab', 'pipe', 'lines', 'space'];

interface TemplateRequest {
  format: FormatId;
  layout: RenderLayout;
  part: 'report' | 2 | 3 | 4;
  snippet: boolean;
}

/** Reads the renderTemplate argument; null for anything it cannot make sense of. */
function templateRequest(argument: unknown): TemplateRequest | null {
  if (!argument || typeof argument !== 'object') return null;
  const value = argument as Record<string, unknown>;
  const format = String(value.format ?? '2021');
  const layout = String(value.layout ?? 'tab');
  const part = value.part === undefined || value.part === 'report' ? 'report' : Number(value.part);
  if (!FORMATS.includes(format) || !LAYOUTS.includes(layout)) return null;
  if (part !== 'report' && part !== 2 && part !== 3 && part !== 4) return null;
  return { format: format as FormatId, layout: layout as RenderLayout, part, snippet: value.snippet === true };
}

export function renderTemplate(argument: unknown): { text: string } | null {
  const request = templateRequest(argument);
  if (!request) return null;
  const options = { layout: request.layout, snippet: request.snippet };
  const text = request.part === 'report' ? renderReport(request.format, options) : renderTable(request.format, request.part, options);
  return { text };
}

export function registerCommands(connection: Connection, host: CommandHost, logError: (message: string, error?: unknown) => void): void {
  /** The document an edit command names, if it is open and still at the version the caller saw. */
  const target = (args: unknown[]): { document?: TextDocument; reason?: string } => {
    const [uri, version] = args;
    const document = typeof uri === 'string' ? host.document(uri) : undefined;
    if (!document) return { reason: 'no-document' };
    if (typeof version === 'number' && version !== document.version) return { reason: 'stale' };
    return { document };
  };

  const apply = async (document: TextDocument, edits: TextEdit[], label: string): Promise<EditOutcome> => {
    if (edits.length === 0) return { applied: false, reason: 'nothing' };
    const result = await connection.workspace.applyEdit({ label, edit: host.workspaceEdit(document, edits) });
    return result.applied ? { applied: true } : { applied: false, reason: result.failureReason ?? 'rejected' };
  };

  const execute = async (params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> => {
    const args = Array.isArray(params?.arguments) ? params.arguments : [];
    switch (params?.command) {
      case SERVER_COMMANDS.renderTemplate:
        return renderTemplate(args[0]);
      case SERVER_COMMANDS.convertTo2021: {
        const { document, reason } = target(args);
        if (!document) return { applied: false, reason, converted: 0, notes: [] };
        const locale = await host.locale(document);
        const conversion = convertTo2021(document.getText(), { locale });
        const outcome = await apply(document, conversion.edits, locale === 'en' ? 'Convert tables to the 2021 format' : '将表格转换为 2021 年格式');
        return { ...outcome, converted: conversion.converted, notes: conversion.notes };
      }
      case SERVER_COMMANDS.fixAll: {
        const { document, reason } = target(args);
        if (!document) return { applied: false, reason, edits: 0 };
        const edits = (await host.fixAllEdits(document, token)) ?? [];
        const locale = await host.locale(document);
        const outcome = await apply(document, edits, locale === 'en' ? 'Fix all auto-fixable problems' : '修复所有可自动修复的问题');
        return { ...outcome, edits: edits.length };
      }
      case SERVER_COMMANDS.listReports:
        return host.listReports(args[0]);
      default:
        return null;
    }
  };

  connection.onExecuteCommand(guardRequest('executeCommand', null as unknown, execute, logError));
}
