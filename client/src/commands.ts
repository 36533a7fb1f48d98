// The VS Code side of the report commands: pick, ask the server, show the outcome. What a template
// looks like, how tables convert and what fix-all changes are all decided by the server
// (server/src/commands.ts, on the service), so other editors get the same from workspace/executeCommand.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** Server command ids (server/src/commands.ts SERVER_COMMANDS). */
const SERVER = {
  renderTemplate: 'govreport.server.renderTemplate',
  convertTo2021: 'govreport.server.convertTo2021',
  fixAll: 'govreport.server.fixAll',
};

interface EditOutcome {
  applied: boolean;
  reason?: string;
}

const REASONS: Record<string, string> = {
  stale: '文档在此期间已修改，请重试',
  'no-document': '语言服务器没有打开这个文档',
  nothing: '没有需要修改的内容',
};

function reason(outcome: EditOutcome | null | undefined): string {
  return (outcome?.reason && REASONS[outcome.reason]) ?? outcome?.reason ?? '语言服务器没有响应';
}

interface TemplatePick extends vscode.QuickPickItem {
  format: '2021' | '2019';
  layout: 'tab' | 'pipe';
  part: 'report' | 2 | 3 | 4;
}

const FORMATS = [
  { format: '2021' as const, name: '2021 年格式', detail: '国办公开办函〔2021〕30号，2021 年度起' },
  { format: '2019' as const, name: '2019 年格式', detail: '国办公开办函〔2019〕60号，2019、2020 年度' },
];
const LAYOUTS = [
  { layout: 'tab' as const, name: '制表符分隔' },
  { layout: 'pipe' as const, name: 'Markdown 管道表格' },
];
const PARTS = [
  { part: 'report' as const, name: '年报全文', detail: '标题、六个部分、全部表格与正文提示' },
  { part: 2 as const, name: '表二', detail: '主动公开政府信息情况' },
  { part: 3 as const, name: '表三', detail: '收到和处理政府信息公开申请情况' },
  { part: 4 as const, name: '表四', detail: '政府信息公开行政复议、行政诉讼情况' },
];

/** Format × layout × part, the document's own layout first (markdown documents get pipes first). */
function templatePicks(languageId: string): (TemplatePick | vscode.QuickPickItem)[] {
  const layouts = languageId === 'markdown' ? [...LAYOUTS].reverse() : LAYOUTS;
  const items: (TemplatePick | vscode.QuickPickItem)[] = [];
  for (const format of FORMATS) {
    for (const layout of layouts) {
      items.push({ label: `${format.name} · ${layout.name}`, kind: vscode.QuickPickItemKind.Separator });
      for (const part of PARTS) {
        items.push({
          label: part.name,
          description: `${format.name} · ${layout.name}`,
          detail: `${part.detail}（${format.detail}）`,
          format: format.format,
          layout: layout.layout,
          part: part.part,
        });
      }
    }
  }
  return items;
}

export function registerReportCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const execute = async <T>(command: string, args: unknown[]): Promise<T | undefined> => {
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage('govreport 语言服务器未运行，可运行“重启 govreport 语言服务器”。');
      return undefined;
    }
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  };

  const activeEditor = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showWarningMessage('请先打开要编辑的年报。');
    return editor;
  };

  const insertTemplate = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const pick = (await vscode.window.showQuickPick(templatePicks(editor.document.languageId), {
      title: '插入年报模板',
      placeHolder: '选择格式、排版和内容（可输入“表三”“Markdown”“2019”筛选）',
      matchOnDescription: true,
      matchOnDetail: true,
    })) as TemplatePick | undefined;
    if (!pick || !('format' in pick)) return;
    const result = await execute<{ text: string } | null>(SERVER.renderTemplate, [
      { format: pick.format, layout: pick.layout, part: pick.part, snippet: true },
    ]);
    if (!result?.text) return;
    // keepWhitespace: leading tabs are empty table cells, not indentation to convert to spaces.
    await editor.insertSnippet(new vscode.SnippetString(result.text), editor.selection, {
      undoStopBefore: true,
      undoStopAfter: true,
      keepWhitespace: true,
    });
  };

  const convertTo2021 = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const { document } = editor;
    const result = await execute<(EditOutcome & { converted: number; notes: string[] }) | null>(SERVER.convertTo2021, [
      document.uri.toString(),
      document.version,
    ]);
    if (!result) return;
    if (!result.applied) {
      void vscode.window.showInformationMessage(`未转换：${result.converted === 0 ? result.notes.join('；') || reason(result) : reason(result)}`);
      return;
    }
    // The notes list what was dropped and what is marked "—": worth reading before going on.
    void vscode.window.showInformationMessage(`已将 ${result.converted} 个表格转换为 2021 年格式。`, {
      modal: true,
      detail: result.notes.join('\n'),
    });
  };

  const fixAll = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const { document } = editor;
    const result = await execute<(EditOutcome & { edits: number }) | null>(SERVER.fixAll, [document.uri.toString(), document.version]);
    if (result && !result.applied) void vscode.window.showInformationMessage(`没有修改：${reason(result)}`);
  };

  const openRuleDocs = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const position = editor.selection.active;
    const all = vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'govreport');
    // The problems under the cursor, else those on its line.
    let here = all.filter((diagnostic) => diagnostic.range.contains(position));
    if (here.length === 0) here = all.filter((diagnostic) => diagnostic.range.start.line <= position.line && position.line <= diagnostic.range.end.line);
    const documented = here
      .map((diagnostic) => ({ diagnostic, code: diagnostic.code }))
      .filter((item): item is { diagnostic: vscode.Diagnostic; code: { value: string | number; target: vscode.Uri } } =>
        typeof item.code === 'object' && item.code !== null && 'target' in item.code,
      );
    if (documented.length === 0) {
      void vscode.window.showInformationMessage('光标处没有 govreport 发现的问题。');
      return;
    }
    const rules = [...new Map(documented.map((item) => [String(item.code.value), item])).values()];
    const chosen =
      rules.length === 1
        ? rules[0]
        : await vscode.window.showQuickPick(
            rules.map((item) => ({ label: String(item.code.value), detail: item.diagnostic.message, item })),
            { title: '打开规则说明', placeHolder: '选择规则' },
          ).then((picked) => picked?.item);
    if (chosen) await vscode.env.openExternal(chosen.code.target);
  };

  return [
    vscode.commands.registerCommand('govreport.insertTemplate', insertTemplate),
    vscode.commands.registerCommand('govreport.convertTo2021', convertTo2021),
    vscode.commands.registerCommand('govreport.fixAll', fixAll),
    vscode.commands.registerCommand('govreport.openRuleDocs', openRuleDocs),
  ];
}
