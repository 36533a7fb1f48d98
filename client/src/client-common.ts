// VS Code wiring for both builds of the extension: start the language server, register the commands.
// extension.ts (desktop, server in a Node process) and browser.ts (VS Code for the web, server in a web
// worker) differ only in how the client reaches its server, which they hand in as `createClient`.
// Everything the extension knows about reports lives in the server, so other editors get exactly the
// same checks. Nothing here may import a Node built-in: the web build fails if it does.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerReportCommands } from './commands';
import { registerListReports } from './reports';
import { registerPreview } from './preview';
import { registerImport } from './import';
import { AnalysisStatus, ANALYSIS_NOTIFICATION, type AnalysisStatusParams } from './status';

let client: BaseLanguageClient | undefined;
// Restarts and deactivation run one after another, so two quick restarts cannot start two servers.
let queue: Promise<void> = Promise.resolve();

/** A new, not yet started client for the platform's server. */
export type ClientFactory = (clientOptions: LanguageClientOptions) => BaseLanguageClient;

export function activateClient(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<void> {
  // One log channel for the client's messages, the server's console output and the protocol trace
  // (`govreport.trace.server`, read by the client because its id is `govreport`). It outlives restarts.
  const outputChannel = vscode.window.createOutputChannel('govreport', { log: true });
  context.subscriptions.push(outputChannel);

  const clientOptions: LanguageClientOptions = {
    // No scheme filter, so untitled and virtual-workspace documents work too: the server only ever sees
    // text sent over the protocol. Plain text and markdown are offered as well because most reports are
    // .txt/.md files; the server decides (setting `govreport.detect`) whether such a document is a report.
    documentSelector: [{ language: 'govreport' }, { language: 'plaintext' }, { language: 'markdown' }],
    synchronize: { configurationSection: 'govreport' },
    outputChannel,
  };

  // The language status item (format, year, findings, time) of the active report (client/src/status.ts).
  const status = new AnalysisStatus();
  context.subscriptions.push(status);

  const start = async (): Promise<void> => {
    // A fresh client each time: a LanguageClient whose start failed keeps returning that failure from start().
    client = createClient(clientOptions);
    status.clear();
    client.onNotification(ANALYSIS_NOTIFICATION, (params: AnalysisStatusParams) => status.update(params));
    try {
      await client.start();
    } catch (error) {
      // The client has already logged the failure; the extension stays active so that
      // 「重启 govreport 语言服务器」 can be tried once the cause is fixed.
      outputChannel.error(`start failed: ${describe(error)}`);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('govreport.restartServer', () =>
      enqueue(async () => {
        // stop() kills a server that does not shut down in time, so a failure here must not block the new start.
        await stop().catch((error: unknown) => outputChannel.error(`stop failed: ${describe(error)}`));
        await start();
      }),
    ),
    vscode.commands.registerCommand('govreport.showOutput', () => outputChannel.show(true)),
    // 插入年报模板, 将表格转换为 2021 年格式, 修复所有可自动修复的问题, 打开规则说明 (client/src/commands.ts).
    ...registerReportCommands(() => client),
    // 列出本机关历年年报 (client/src/reports.ts).
    registerListReports(() => client),
    // 打开年报表格预览 / 在侧边打开年报表格预览 (client/src/preview.ts).
    ...registerPreview(context, () => client, status),
    // 导入 Word/网页年报为文本 (client/src/import.ts).
    registerImport(() => client),
    // Run by the server's code lens above a table ("勾稽关系：N 处不一致"): select the first finding.
    vscode.commands.registerCommand('govreport.revealRange', revealRange),
  );

  return enqueue(start);
}

export function deactivateClient(): Promise<void> {
  // Ask the server to shut down (it gets a moment to exit) before VS Code unloads the extension.
  return enqueue(stop);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  // Nothing to stop if it never started, already stopped or failed to start (stop() would throw then).
  if (!current?.needsStop()) {
    return;
  }
  // A client that is still starting cannot be stopped yet; start() hands back the pending start to wait for.
  await current.start().catch(() => undefined);
  if (current.isRunning()) {
    await current.stop();
  }
}

/** (uri, LSP range) as the server sends them: plain JSON, so the built-in go-to commands cannot take them. */
async function revealRange(uri: unknown, range: unknown): Promise<void> {
  const r = range as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | undefined;
  const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
  if (typeof uri !== 'string' || !r?.start || !r.end) return;
  const target = new vscode.Range(number(r.start.line), number(r.start.character), number(r.end.line), number(r.end.character));
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: target });
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
