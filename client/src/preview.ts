// The table preview beside the editor, like the Markdown preview: a webview that shows the HTML the
// language server renders for the document's tables (request `govreport/preview`, server/src/preview.ts).
// This file owns only the panel: its Content Security Policy, the messages to and from the page
// (media/preview.js), following the cursor and the active report, asking again when the document
// changes, and bringing the panel back after a window reload (the page keeps its document's URI with
// setState; the serializer below reopens that document). No Node API is used, so the web build of the
// extension has the same preview.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const PREVIEW_REQUEST = 'govreport/preview';
const VIEW_TYPE = 'govreport.preview';
/** Wait this long after the last keystroke before asking for a new preview. */
const DEBOUNCE_MS = 300;

interface PreviewResult {
  uri: string;
  version: number | null;
  isReport: boolean;
  html: string;
}

/**
 * What the preview needs to know about reports, kept by the language status (client/src/status.ts) from
 * the server's `govreport/analysis` notifications, so plain text and markdown reports are followed too.
 */
export interface ReportTracker {
  isReport(document: vscode.TextDocument): boolean;
  /** Fired when an analysis arrived (or all were forgotten on a restart). */
  readonly onDidChange: vscode.Event<void>;
}

/** The page's state (media/preview.js setState), which VS Code hands to the serializer after a reload. */
interface PageState {
  uri?: unknown;
}

/** Messages from the page. */
type PageMessage = { type: 'ready' } | { type: 'reveal'; range: number[] };

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

class Preview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The version shown; a newer answer replaces it, an older one is dropped. */
  private shown: { uri: string; version: number | null } | undefined;
  private ready = false;
  private pending: unknown[] = [];
  private lastUpdate: unknown;
  private lastCursor: unknown;
  /** Resolved with the first answer shown (what the command returns, e.g. to tests). */
  private firstShown: Promise<PreviewResult | undefined>;
  private resolveFirst: (result: PreviewResult | undefined) => void = () => undefined;
  /** The last refresh found no running server (e.g. the panel came back before the server started). */
  private stale = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument,
    private readonly extensionUri: vscode.Uri,
    private readonly getClient: () => BaseLanguageClient | undefined,
    private readonly reports: ReportTracker,
    private readonly onDispose: () => void,
  ) {
    this.firstShown = new Promise((resolve) => (this.resolveFirst = resolve));
    panel.webview.html = this.shell();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: PageMessage) => this.received(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.sendCursor(event.selections[0]?.active);
      }),
      // Follow the active report, as the Markdown preview follows the active Markdown file.
      // Plain text and markdown count once the server recognised them as a report, which may be only
      // after the editor became active: so look again whenever an analysis arrives.
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      reports.onDidChange(() => {
        this.follow(vscode.window.activeTextEditor);
        // The server is up now (its first analyses arrive): show what could not be asked for before.
        if (this.stale && this.getClient()?.isRunning()) this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('govreport')) this.schedule();
      }),
    );
    this.refresh();
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  /** The first answer shown after opening (or after switching documents). */
  whenShown(): Promise<PreviewResult | undefined> {
    return this.firstShown;
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (editor && editor.document !== this.document && this.reports.isReport(editor.document)) this.show(editor.document);
  }

  show(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    this.shown = undefined;
    this.firstShown = new Promise((resolve) => (this.resolveFirst = resolve));
    this.refresh();
  }

  private title(): string {
    return vscode.l10n.t('Preview {0}', baseName(this.document.uri));
  }

  /** The page: strict CSP (nothing remote, no inline script), the style and script from media/. */
  private shell(): string {
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name)).toString();
    const token = nonce();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${token}'`,
    ].join('; ');
    const loading = vscode.l10n.t('Loading the preview…');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${media('preview.css')}">
</head>
<body>
<main id="content"><p class="gr-empty">${loading}</p></main>
<script nonce="${token}" src="${media('preview.js')}"></script>
</body>
</html>`;
  }

  private received(message: PageMessage): void {
    if (message?.type === 'ready') {
      // Also after the page was reloaded (a hidden webview is discarded and built again when shown):
      // it gets the last content and cursor again.
      const again = this.ready ? [this.lastUpdate, this.lastCursor].filter((item) => item !== undefined) : this.pending.splice(0);
      this.ready = true;
      for (const queued of again) void this.panel.webview.postMessage(queued);
      return;
    }
    if (message?.type === 'reveal' && Array.isArray(message.range) && message.range.length === 4) {
      void this.reveal(message.range);
    }
  }

  private post(message: { type: string; [field: string]: unknown }): void {
    if (message.type === 'update') this.lastUpdate = message;
    else if (message.type === 'cursor') this.lastCursor = message;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  /** A clicked cell: select it in the editor beside the preview (opening the document if needed). */
  private async reveal([startLine, startCharacter, endLine, endCharacter]: number[]): Promise<void> {
    const valid = (value: number) => (Number.isInteger(value) && value >= 0 ? value : 0);
    const range = new vscode.Range(valid(startLine), valid(startCharacter), valid(endLine), valid(endCharacter));
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private sendCursor(position: vscode.Position | undefined): void {
    if (position) this.post({ type: 'cursor', line: position.line, character: position.character });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    this.panel.title = this.title();
    const client = this.getClient();
    if (!client?.isRunning()) {
      this.stale = true;
      this.post({
        type: 'update',
        uri: document.uri.toString(),
        html: `<p class="gr-empty">${escapeText(vscode.l10n.t('The govreport language server is not running.'))}</p>`,
      });
      this.resolveFirst(undefined);
      return;
    }
    this.stale = false;
    let result: PreviewResult | null;
    try {
      result = await client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { uri: document.uri.toString() });
    } catch {
      // A cancelled or failed request: the next change asks again.
      return;
    }
    if (!result || document !== this.document || result.uri !== document.uri.toString()) return;
    const shown = this.shown;
    if (shown && shown.uri === result.uri && shown.version !== null && result.version !== null && result.version < shown.version) return;
    this.shown = { uri: result.uri, version: result.version };
    this.post({ type: 'update', uri: result.uri, html: result.html, version: result.version });
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    this.sendCursor(editor?.selection.active);
    this.resolveFirst(result);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.resolveFirst(undefined);
    this.onDispose();
  }
}

function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The URI the page kept (media/preview.js), if it is one. */
export function restoredUri(state: unknown): vscode.Uri | undefined {
  const uri = (state as PageState | undefined)?.uri;
  if (typeof uri !== 'string' || uri === '') return undefined;
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

/**
 * "打开年报表格预览" (in the editor's group) and "在侧边打开年报表格预览" (beside it), and the serializer
 * that brings an open preview back after a window reload.
 */
export function registerPreview(
  context: vscode.ExtensionContext,
  getClient: () => BaseLanguageClient | undefined,
  reports: ReportTracker,
): vscode.Disposable[] {
  let current: Preview | undefined;

  const options = (): vscode.WebviewPanelOptions & vscode.WebviewOptions => ({
    enableScripts: true,
    enableFindWidget: true,
    // Only the preview's own style and script may be loaded into the page.
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
  });

  /** Makes a panel the preview of the document: a new one, or one VS Code restored after a reload. */
  const adopt = (panel: vscode.WebviewPanel, document: vscode.TextDocument): Preview => {
    // A restored panel gets the same webview options as a new one (they are not all restored with it).
    panel.webview.options = options();
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
    const preview = new Preview(panel, document, context.extensionUri, getClient, reports, () => {
      if (current === preview) current = undefined;
    });
    current = preview;
    return preview;
  };

  const open = async (toSide: boolean, uri?: vscode.Uri): Promise<PreviewResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const document =
      uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a report first.'));
      return undefined;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    if (current) {
      current.show(document);
      current.panel.reveal(column, toSide);
      return current.whenShown();
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Preview {0}', baseName(document.uri)),
      { viewColumn: column, preserveFocus: toSide },
      options(),
    );
    return adopt(panel, document).whenShown();
  };

  const serializer: vscode.WebviewPanelSerializer<PageState> = {
    async deserializeWebviewPanel(panel, state) {
      const uri = restoredUri(state);
      let document: vscode.TextDocument | undefined;
      try {
        document = uri && (await vscode.workspace.openTextDocument(uri));
      } catch {
        // Deleted or renamed since: there is nothing to show any more.
      }
      // One preview at a time, as with the commands.
      if (!document || current) {
        panel.dispose();
        return;
      }
      adopt(panel, document);
    },
  };

  return [
    vscode.commands.registerCommand('govreport.showPreview', (uri?: vscode.Uri) => open(false, uri)),
    vscode.commands.registerCommand('govreport.showPreviewToSide', (uri?: vscode.Uri) => open(true, uri)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, serializer),
    { dispose: () => current?.panel.dispose() },
  ];
}
