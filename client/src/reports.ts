// 「列出本机关历年年报」: the reports of the active report's agency in the workspace, by year, in a quick
// pick; the chosen one opens. The server's index decides what belongs together (server/src/workspace.ts,
// command govreport.server.listReports), so other editors can offer the same list.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient } from 'vscode-languageclient';
import { serverNotRunning } from './commands';

const LIST_REPORTS = 'govreport.server.listReports';

interface ListedReport {
  year: number;
  uri: string;
  agency: string | null;
  open: boolean;
}

interface ReportPick extends vscode.QuickPickItem {
  uri: string;
}

export function registerListReports(getClient: () => BaseLanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('govreport.listReports', async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a report first.'));
      return;
    }
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage(serverNotRunning());
      return;
    }
    const current = editor.document.uri.toString();
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: LIST_REPORTS, arguments: [current] })) as
      | { agency: string | null; reports: ListedReport[] }
      | null;
    if (!result?.agency || result.reports.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Could not tell which agency this report belongs to (it is found from the agency name and the year in the title; the setting govreport.agency can name it).',
        ),
      );
      return;
    }
    const picks: ReportPick[] = [...result.reports].reverse().map((report) => {
      const uri = vscode.Uri.parse(report.uri);
      const here = report.uri === current;
      return {
        label: vscode.l10n.t('Report for {0}', report.year),
        description: [here ? vscode.l10n.t('this file') : report.open ? vscode.l10n.t('open') : '', report.agency ?? ''].filter(Boolean).join(' · '),
        detail: vscode.workspace.asRelativePath(uri),
        uri: report.uri,
      };
    });
    const chosen = await vscode.window.showQuickPick(picks, {
      title: vscode.l10n.t('Reports of {0} by year', result.agency),
      placeHolder:
        picks.length === 1 ? vscode.l10n.t('1 report; choose it to open it') : vscode.l10n.t('{0} reports; choose one to open', picks.length),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (chosen) await vscode.window.showTextDocument(vscode.Uri.parse(chosen.uri));
  });
}
