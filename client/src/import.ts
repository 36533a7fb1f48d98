// "导入 Word/网页年报为文本": pick a .docx or .html file (or take the one chosen in the explorer), let the
// language server convert it (request `govreport/import`, server/src/import.ts: the reading of Word
// files and web pages lives there, shared with the CLI), and open the text as a new, untitled govreport
// document, which is checked at once. Reads the file through vscode.workspace.fs and encodes it
// without Node APIs, so it works on remote and virtual files too.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const IMPORT_REQUEST = 'govreport/import';

type ImportResult = { text: string; kind: 'docx' | 'html' } | { error: string };

function kindOf(uri: vscode.Uri): 'docx' | 'html' | undefined {
  const path = uri.path.toLowerCase();
  if (path.endsWith('.docx')) return 'docx';
  if (/\.(html?|xhtml)$/.test(path)) return 'html';
  return undefined;
}

/** Base64 of bytes with btoa (browser and Node alike), in chunks so no argument list grows too long. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function registerImport(getClient: () => BaseLanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('govreport.importReport', async (target?: vscode.Uri): Promise<vscode.TextDocument | undefined> => {
    let uri = target instanceof vscode.Uri ? target : undefined;
    if (!uri) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import a Word or Web Page Report as Text'),
        filters: { [vscode.l10n.t('Word files and web pages')]: ['docx', 'html', 'htm'] },
      });
      uri = picked?.[0];
    }
    if (!uri) return undefined;
    const kind = kindOf(uri);
    if (!kind) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Only .docx and .html files can be imported.'));
      return undefined;
    }
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The govreport language server is not running.'));
      return undefined;
    }
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    let result: ImportResult;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', name) },
        () => client.sendRequest<ImportResult>(IMPORT_REQUEST, { content: toBase64(bytes), kind, name }),
      );
    } catch (error) {
      // The web worker server has no Word reader: the request is unknown there.
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    if ('error' in result) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}', name, result.error));
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'govreport', content: result.text });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  });
}
