// 「列出本机关历年年报」: the reports of the active report's agency in the workspace, by year, in a quick
// pick; the chosen one opens. The server's index decides what belongs together (server/src/workspace.ts,
// command govreport.server.listReports), so other editors can offer the same list.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

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

export function registerListReports(getClient: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('govreport.listReports', async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage('请先打开一份年报。');
      return;
    }
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage('govreport 语言服务器未运行，可运行“重启 govreport 语言服务器”。');
      return;
    }
    const current = editor.document.uri.toString();
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: LIST_REPORTS, arguments: [current] })) as
      | { agency: string | null; reports: ListedReport[] }
      | null;
    if (!result?.agency || result.reports.length === 0) {
      void vscode.window.showInformationMessage(
        '没有识别出这份年报所属的机关（按标题中的机关名称和年度识别；可在设置 govreport.agency 中指定）。',
      );
      return;
    }
    const picks: ReportPick[] = [...result.reports].reverse().map((report) => {
      const uri = vscode.Uri.parse(report.uri);
      const here = report.uri === current;
      return {
        label: `${report.year} 年度`,
        description: [here ? '当前文件' : report.open ? '已打开' : '', report.agency ?? ''].filter(Boolean).join(' · '),
        detail: vscode.workspace.asRelativePath(uri),
        uri: report.uri,
      };
    });
    const chosen = await vscode.window.showQuickPick(picks, {
      title: `列出本机关历年年报：${result.agency}`,
      placeHolder: `共 ${picks.length} 份，选择要打开的年报`,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (chosen) await vscode.window.showTextDocument(vscode.Uri.parse(chosen.uri));
  });
}
