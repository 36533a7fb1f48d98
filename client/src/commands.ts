// The VS Code side of the report commands: pick, ask the server, show the outcome. What a template
// looks like, how tables convert and what fix-all changes are all decided by the server
// (server/src/commands.ts, on the service), so other editors get the same from workspace/executeCommand.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient } from 'vscode-languageclient';

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

// User-facing strings go through vscode.l10n.t: the English source is the key, l10n/bundle.l10n.zh-cn.json
// has the Chinese. They are looked up when shown, not at module load, when the bundle may not be read yet.
function reasons(): Record<string, string> {
  return {
    stale: vscode.l10n.t('The document changed meanwhile; try again'),
    'no-document': vscode.l10n.t('The language server does not have this document open'),
    nothing: vscode.l10n.t('There is nothing to change'),
  };
}

function reason(outcome: EditOutcome | null | undefined): string {
  return (outcome?.reason && reasons()[outcome.reason]) ?? outcome?.reason ?? vscode.l10n.t('The language server did not respond');
}

/** Shown when a command needs the server and it is not running. */
export function serverNotRunning(): string {
  return vscode.l10n.t('The govreport language server is not running; try "govreport: Restart Language Server".');
}

interface TemplatePick extends vscode.QuickPickItem {
  format: '2021' | '2019';
  layout: 'tab' | 'pipe';
  part: 'report' | 2 | 3 | 4;
}

const formats = () => [
  { format: '2021' as const, name: vscode.l10n.t('2021 format'), detail: vscode.l10n.t('国办公开办函〔2021〕30号, reports for 2021 onwards') },
  { format: '2019' as const, name: vscode.l10n.t('2019 format'), detail: vscode.l10n.t('国办公开办函〔2019〕60号, reports for 2019 and 2020') },
];
const layoutsOf = () => [
  { layout: 'tab' as const, name: vscode.l10n.t('Tab-separated') },
  { layout: 'pipe' as const, name: vscode.l10n.t('Markdown pipe table') },
];
const parts = () => [
  { part: 'report' as const, name: vscode.l10n.t('Whole report'), detail: vscode.l10n.t('Title, the six sections, all tables and prompts for the text') },
  { part: 2 as const, name: vscode.l10n.t('Table 二'), detail: vscode.l10n.t('Proactive disclosure of government information') },
  { part: 3 as const, name: vscode.l10n.t('Table 三'), detail: vscode.l10n.t('Requests for government information received and handled') },
  { part: 4 as const, name: vscode.l10n.t('Table 四'), detail: vscode.l10n.t('Administrative reconsideration and litigation') },
];

/** Format × layout × part, the document's own layout first (markdown documents get pipes first). */
function templatePicks(languageId: string): (TemplatePick | vscode.QuickPickItem)[] {
  const layouts = languageId === 'markdown' ? layoutsOf().reverse() : layoutsOf();
  const items: (TemplatePick | vscode.QuickPickItem)[] = [];
  for (const format of formats()) {
    for (const layout of layouts) {
      items.push({ label: `${format.name} · ${layout.name}`, kind: vscode.QuickPickItemKind.Separator });
      for (const part of parts()) {
        items.push({
          label: part.name,
          description: `${format.name} · ${layout.name}`,
          detail: vscode.l10n.t('{0} ({1})', part.detail, format.detail),
          format: format.format,
          layout: layout.layout,
          part: part.part,
        });
      }
    }
  }
  return items;
}

export function registerReportCommands(getClient: () => BaseLanguageClient | undefined): vscode.Disposable[] {
  const execute = async <T>(command: string, args: unknown[]): Promise<T | undefined> => {
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage(serverNotRunning());
      return undefined;
    }
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  };

  const activeEditor = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showWarningMessage(vscode.l10n.t('Open the report to edit first.'));
    return editor;
  };

  const insertTemplate = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const pick = (await vscode.window.showQuickPick(templatePicks(editor.document.languageId), {
      title: vscode.l10n.t('Insert Report Template'),
      placeHolder: vscode.l10n.t('Choose the format, layout and content (type "Table 三", "Markdown" or "2019" to filter)'),
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
      const why = result.converted === 0 ? result.notes.join(vscode.l10n.t('; ')) || reason(result) : reason(result);
      void vscode.window.showInformationMessage(vscode.l10n.t('Not converted: {0}', why));
      return;
    }
    // The notes list what was dropped and what is marked "—": worth reading before going on.
    const converted =
      result.converted === 1
        ? vscode.l10n.t('Converted 1 table to the 2021 format.')
        : vscode.l10n.t('Converted {0} tables to the 2021 format.', result.converted);
    void vscode.window.showInformationMessage(converted, {
      modal: true,
      detail: result.notes.join('\n'),
    });
  };

  const fixAll = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const { document } = editor;
    const result = await execute<(EditOutcome & { edits: number }) | null>(SERVER.fixAll, [document.uri.toString(), document.version]);
    if (result && !result.applied) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing changed: {0}', reason(result)));
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
      void vscode.window.showInformationMessage(vscode.l10n.t('govreport found no problem at the cursor.'));
      return;
    }
    const rules = [...new Map(documented.map((item) => [String(item.code.value), item])).values()];
    const chosen =
      rules.length === 1
        ? rules[0]
        : await vscode.window.showQuickPick(
            rules.map((item) => ({ label: String(item.code.value), detail: item.diagnostic.message, item })),
            { title: vscode.l10n.t('Open Rule Documentation'), placeHolder: vscode.l10n.t('Choose a rule') },
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
