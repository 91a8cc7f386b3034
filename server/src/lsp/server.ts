// The language server: wires LSP messages to the engine. Handlers find the project and the
// document, call one engine function and convert the result (lsp/convert.ts); no SMS logic here.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocUri, isConfigFileName, type Cancellation, type Finding } from '../engine';
import { quickFixes, fixAll, type ActionPlan } from '../engine/features/codeActions';
import { DIAGNOSTIC_SOURCE, resolveRelative, toCodeAction, toDiagnostic, toSpan, toWorkspaceEdit, type DiagnosticData, type EditContext } from './convert';
import { scaffoldFiles } from '../engine/features/scaffold';
import { canonicalUri, pathOf, Projects, type Project } from './projects';
import { listYamlFiles, readText } from './disk';
import { coverageTreeOf, createDocumentEditFor, requirementEvidenceOf } from './coverageTree';
import { registerFeatureHandlers } from './features';
import { conformityReportOf } from './conformityReport';
import {
  ConformityReportRequest,
  CoverageTreeRequest,
  RequirementEvidenceRequest,
  type RequirementEvidenceParams,
  CreateDocumentRequest,
  DEFAULT_SETTINGS,
  RevalidateRequest,
  ScaffoldRequest,
  ServerInfoRequest,
  StatusNotification,
  settingsFrom,
  type ConformityReportParams,
  type ConformityReportResult,
  type CoverageTreeParams,
  type CreateDocumentParams,
  type ScaffoldParams,
  type ServerInfo,
  type SmsSettings,
  type StatusParams,
} from '../shared/protocol';

declare const __SMS_LINT_VERSION__: string;
const VERSION = typeof __SMS_LINT_VERSION__ === 'string' ? __SMS_LINT_VERSION__ : '0.0.0';
const STARTED_AT = new Date().toISOString();

const RULE_DOCS_WEB = 'https://github.com/sms-lint/sms-lint/blob/main/docs/rules/';
/** Time slice for one engine update before yielding to the event loop (requests stay responsive). */
const SLICE_MS = 40;

export interface ServerOptions {
  /** Today's date for date-based checks (YYYY-MM-DD); tests pin it. */
  readonly today?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const today = (): string => options.today ?? localDate(new Date());
  // Only open documents keep their YAML syntax tree in memory (most of a file's footprint); closed files
  // keep findings, index facts and coverage, and are re-parsed on demand.
  const isOpen = (uri: DocUri): boolean => documents.get(clientUriOf(uri)) !== undefined;
  let projects = new Projects([], today, isOpen);
  let settings: SmsSettings = DEFAULT_SETTINGS;
  let supportsConfiguration = false;
  let supportsWatchedFilesRegistration = false;
  let supportsCreateFile = false;
  let supportsCodeActionLiterals = false;
  // True until the first indexing of the workspace folders is done: the status must not say "ready"
  // while only the documents opened so far are known.
  let indexing = true;
  /** Settles when the initial indexing of the workspace folders is done (requests that need the whole workspace wait for it). */
  let markIndexed: () => void = () => undefined;
  const indexed = new Promise<void>((resolveIndexed) => (markIndexed = resolveIndexed));
  /** From VS Code's display language (initializationOptions.displayLanguage or LSP `locale`). */
  let displayLocale: string | undefined;
  let updateTimer: NodeJS.Timeout | undefined;
  let running = false;
  let rerun = false;
  let shuttingDown = false;
  /** The client's spelling of each URI it told us about. */
  const clientUris = new Map<DocUri, string>();
  const docsDirectory = resolve(__dirname, '..', 'docs', 'rules');
  const localDocs = existsSync(docsDirectory);
  const docsHref = (code: string): string => (localDocs ? pathToFileURL(join(docsDirectory, `${code}.md`)).href : `${RULE_DOCS_WEB}${code}.md`);
  const clientUriOf = (uri: DocUri): string => clientUris.get(uri) ?? uri;

  const log = (message: string): void => connection.console.log(`[sms] ${message}`);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    supportsConfiguration = capabilities.workspace?.configuration === true;
    supportsWatchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsCreateFile = capabilities.workspace?.workspaceEdit?.documentChanges === true && (capabilities.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    supportsCodeActionLiterals = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    projects = new Projects(folders, today, isOpen);
    settings = settingsFrom(params.initializationOptions);
    displayLocale = localeOf(params.initializationOptions, params.locale);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: supportsCodeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.sms`], resolveProvider: false } : true,
        completionProvider: { triggerCharacters: [':', ' ', '-', '"', "'", '.'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sms-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (supportsWatchedFilesRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
      }
      if (supportsConfiguration) settings = await pullSettings();
      applySettings();
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const removed of event.removed) {
          const project = projects.remove(removed.uri);
          if (project) for (const uri of project.workspace.fileUris()) connection.sendDiagnostics({ uri: clientUriOf(uri), diagnostics: [] });
        }
        for (const added of event.added) await indexFolder(projects.add(added.uri));
        scheduleUpdate(0);
      });
      await indexAll();
    } finally {
      markIndexed();
    }
  });

  async function pullSettings(): Promise<SmsSettings> {
    try {
      const value: unknown = await connection.workspace.getConfiguration({ section: 'sms' });
      return settingsFrom(value);
    } catch {
      return settings;
    }
  }

  function applySettings(): void {
    const overrides = new Map<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>();
    for (const [key, value] of Object.entries(settings.severity)) {
      if (value === 'error' || value === 'warning' || value === 'info' || value === 'hint' || value === 'off') overrides.set(key, value);
    }
    for (const project of projects.all()) {
      project.workspace.setSeverityOverrides(overrides);
      project.workspace.setLocale(settings.locale ?? displayLocale);
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    settings = supportsConfiguration ? await pullSettings() : settingsFrom((change.settings as { sms?: unknown } | undefined)?.sms);
    applySettings();
    if (!settings.enable) for (const project of projects.all()) for (const uri of project.workspace.fileUris()) connection.sendDiagnostics({ uri: clientUriOf(uri), diagnostics: [] });
    scheduleUpdate(0);
  });

  async function indexAll(): Promise<void> {
    indexing = true;
    sendStatus();
    const started = Date.now();
    for (const project of projects.folders()) await indexFolder(project);
    indexing = false;
    log(`indexed ${projects.folders().reduce((n, p) => n + p.workspace.fileUris().length, 0)} YAML files in ${Date.now() - started} ms`);
    scheduleUpdate(0);
  }

  async function indexFolder(project: Project): Promise<void> {
    if (!project.folderPath) return;
    const files = await listYamlFiles(project.folderPath);
    let sinceYield = Date.now();
    for (const path of files) {
      const uri = canonicalUri(pathToFileURL(path).href);
      if (documents.get(clientUriOf(uri))) continue;
      const text = await readText(path, project.folderPath);
      if (text === undefined) continue;
      setText(project, uri, 0, text);
      if (Date.now() - sinceYield > SLICE_MS) {
        await yieldToEventLoop();
        sinceYield = Date.now();
      }
    }
  }

  /** Routes a text to the project's engine: the config file or an SMS/YAML file. */
  function setText(project: Project, uri: DocUri, version: number, text: string): void {
    if (isConfigFileName(uri) && project.folderUri !== undefined && uri === `${project.folderUri}${uri.slice(project.folderUri.length)}` && !uri.slice(project.folderUri.length).includes('/')) {
      project.configUri = uri;
      project.workspace.setConfig({ uri, version, text });
      void loadBaseline(project);
      project.workspace.setLocale(settings.locale ?? displayLocale);
      return;
    }
    if (project.baselineUri === uri) {
      project.workspace.setBaseline({ uri, version, text });
      return;
    }
    project.workspace.setFile(uri, version, text);
  }

  /** The baseline named by the config (relative to it), read from disk unless it is open. */
  async function loadBaseline(project: Project): Promise<void> {
    const name = project.workspace.config.baseline;
    const configPath = project.configUri ? pathOf(project.configUri) : undefined;
    const baselineUri = name !== undefined && configPath ? canonicalUri(pathToFileURL(resolve(configPath, '..', name)).href) : undefined;
    if (baselineUri === project.baselineUri && baselineUri !== undefined) return;
    project.baselineUri = baselineUri;
    if (!baselineUri) {
      project.workspace.setBaseline(undefined);
      scheduleUpdate(0);
      return;
    }
    const open = documents.get(clientUriOf(baselineUri));
    const path = pathOf(baselineUri);
    const text = open ? open.getText() : path ? await readText(path, project.folderPath) : undefined;
    project.workspace.removeFile(baselineUri);
    project.workspace.setBaseline(text === undefined ? undefined : { uri: baselineUri, version: open?.version ?? 0, text });
    scheduleUpdate(0);
  }

  function removeText(project: Project, uri: DocUri): void {
    if (project.baselineUri === uri) {
      project.workspace.setBaseline(undefined);
      connection.sendDiagnostics({ uri: clientUriOf(uri), diagnostics: [] });
      return;
    }
    if (project.configUri === uri) {
      project.configUri = undefined;
      project.workspace.setConfig(undefined);
      connection.sendDiagnostics({ uri: clientUriOf(uri), diagnostics: [] });
      return;
    }
    project.workspace.removeFile(uri);
  }

  documents.onDidOpen((event) => {
    const uri = canonicalUri(event.document.uri);
    clientUris.set(uri, event.document.uri);
    setText(projects.projectFor(uri), uri, event.document.version, event.document.getText());
    scheduleUpdate(0);
  });

  documents.onDidChangeContent((event) => {
    const uri = canonicalUri(event.document.uri);
    clientUris.set(uri, event.document.uri);
    setText(projects.projectFor(uri), uri, event.document.version, event.document.getText());
    scheduleUpdate(settings.debounce);
  });

  documents.onDidClose(async (event) => {
    const uri = canonicalUri(event.document.uri);
    const project = projects.projectFor(uri);
    const path = pathOf(uri);
    // Closing without saving: the file on disk is the truth again.
    const text = path ? await readText(path, project.folderPath) : undefined;
    if (text === undefined || project.folderUri === undefined) removeText(project, uri);
    else setText(project, uri, 0, text);
    if (project.folderUri === undefined) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    project.workspace.releaseSyntaxTrees();
    scheduleUpdate(0);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      const uri = canonicalUri(change.uri);
      if (documents.get(clientUriOf(uri))) continue; // the editor's buffer is the truth for open files
      const project = projects.projectFor(uri);
      if (project.folderUri === undefined) continue;
      if (change.type === FileChangeType.Deleted) {
        removeText(project, uri);
        // A deleted folder arrives as one event: drop every file under it.
        const prefix = uri.endsWith('/') ? uri : `${uri}/`;
        for (const known of project.workspace.fileUris()) if (known.startsWith(prefix)) removeText(project, known);
        continue;
      }
      const path = pathOf(uri);
      // Watched-file events name links too: a link leading outside the folder is not read.
      const text = path ? await readText(path, project.folderPath) : undefined;
      if (text === undefined) removeText(project, uri);
      else setText(project, uri, 0, text);
    }
    scheduleUpdate(0);
  });

  function scheduleUpdate(delay: number): void {
    if (updateTimer) clearTimeout(updateTimer);
    updateTimer = setTimeout(() => {
      updateTimer = undefined;
      void runUpdates();
    }, delay);
  }

  /** Runs engine updates in time slices, publishing as results become final. */
  async function runUpdates(): Promise<void> {
    if (running) {
      rerun = true;
      return;
    }
    running = true;
    try {
      do {
        rerun = false;
        for (const project of projects.all()) {
          for (;;) {
            if (shuttingDown) return;
            const deadline = Date.now() + SLICE_MS;
            const cancel: Cancellation = {
              get isCancellationRequested(): boolean {
                return Date.now() > deadline;
              },
            };
            const result = project.workspace.update(cancel);
            for (const error of project.workspace.ruleErrors.splice(0)) connection.console.error(`[sms] rule ${error.code} failed: ${error.message}`);
            publish(project, result.changed);
            if (!result.cancelled) break;
            await yieldToEventLoop();
          }
        }
      } while (rerun);
    } catch (error) {
      connection.console.error(`[sms] update failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      running = false;
    }
    scheduleStatus();
  }

  /** The status (coverage %, counts) is recomputed after typing pauses, off the keystroke path. */
  let statusTimer: NodeJS.Timeout | undefined;
  function scheduleStatus(): void {
    if (statusTimer) clearTimeout(statusTimer);
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      sendStatus();
    }, indexing ? 0 : 150);
  }

  function publish(project: Project, uris: readonly DocUri[]): void {
    for (const uri of uris) {
      const clientUri = clientUriOf(uri);
      if (!settings.enable) {
        publishedCounts.delete(clientUri);
        connection.sendDiagnostics({ uri: clientUri, diagnostics: [] });
        continue;
      }
      const findings = project.workspace.findings(uri);
      const open = documents.get(clientUri);
      const held = project.workspace.holds(uri);
      const lines = held && findings.length > 0 ? project.workspace.positions(uri) : undefined;
      if (!held || (findings.length > 0 && !lines)) {
        publishedCounts.delete(clientUri);
        connection.sendDiagnostics({ uri: clientUri, diagnostics: [] });
        continue;
      }
      const version = project.workspace.version(uri) ?? 0;
      const diagnostics = lines ? findings.map((finding) => toDiagnostic(finding, lines, (other) => project.workspace.positions(other), docsHref, version, clientUriOf)) : [];
      publishedCounts.set(clientUri, { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length });
      connection.sendDiagnostics({ uri: clientUri, ...(open ? { version: open.version } : {}), diagnostics });
    }
  }

  let lastStatus = '';
  /** Error and warning counts per published file, kept as files are published (no scan per update). */
  const publishedCounts = new Map<string, { errors: number; warnings: number }>();

  function sendStatus(): void {
    const project = projects.folders().find((p) => !p.workspace.index.documentsOfKind('ServiceManagementSystem').next().done) ?? projects.folders()[0];
    let errors = 0;
    let warnings = 0;
    for (const counts of publishedCounts.values()) {
      errors += counts.errors;
      warnings += counts.warnings;
    }
    let smsFiles = 0;
    for (const p of projects.all()) smsFiles += p.workspace.index.fileCount;
    const report = project?.workspace.coverageReport();
    const hasManifest = project ? !project.workspace.index.documentsOfKind('ServiceManagementSystem').next().done : false;
    const status: StatusParams = {
      folderUri: project?.folderUri,
      percent: hasManifest ? report?.percent : undefined,
      covered: report ? report.counts.evidenced + report.counts.operated : 0,
      total: report?.counts.total ?? 0,
      errors,
      warnings,
      smsFiles,
      indexing,
    };
    const text = JSON.stringify(status);
    if (text === lastStatus) return;
    lastStatus = text;
    void connection.sendNotification(StatusNotification, status);
  }

  function editContext(project: Project): EditContext {
    return {
      linesOf: (uri) => project.workspace.lines(uri),
      clientVersionOf: (uri) => documents.get(clientUriOf(uri))?.version ?? null,
      clientUriOf,
      supportsCreate: supportsCreateFile,
    };
  }

  connection.onCodeAction((params) => {
    const uri = canonicalUri(params.textDocument.uri);
    const project = projects.projectFor(uri);
    const lines = project.workspace.lines(uri);
    const open = documents.get(params.textDocument.uri);
    if (!lines || !settings.enable) return [];
    // Never offer edits computed for an older text than the one the user sees.
    if (open && project.workspace.version(uri) !== open.version) return [];
    const only = params.context.only;
    const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const wantsFixAll = only?.some((kind) => `${CodeActionKind.SourceFixAll}.sms`.startsWith(kind)) ?? false;
    const plans: ActionPlan[] = [];
    if (wantsQuickFix) plans.push(...quickFixes(project.workspace, uri, toSpan(lines, params.range)));
    if (wantsFixAll || !only) {
      const plan = fixAll(project.workspace, uri);
      if (plan && (wantsFixAll || plan.findings.length > 1)) plans.push(plan);
    }
    const ourDiagnostics = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    const context = editContext(project);
    const actions: CodeAction[] = [];
    for (const plan of plans) {
      const diagnostics = matchDiagnostics(plan.findings, ourDiagnostics);
      const action = toCodeAction(plan.fix, diagnostics, context);
      if (!action) continue;
      action.title = plan.title;
      action.isPreferred = plan.isPreferred;
      if (plan.kind === 'source.fixAll') action.kind = `${CodeActionKind.SourceFixAll}.sms`;
      actions.push(action);
    }
    return actions;
  });

  function matchDiagnostics(findings: readonly Finding[], diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((diagnostic) => {
      const data = diagnostic.data as DiagnosticData | undefined;
      return findings.some((finding) => finding.code === diagnostic.code && data !== undefined && data.start === finding.span.start && data.end === finding.span.end);
    });
  }

  connection.onRequest(CoverageTreeRequest, (params: CoverageTreeParams | undefined) => {
    const project = pickProject(params?.folderUri);
    return project ? coverageTreeOf(project, clientUriOf) : null;
  });

  connection.onRequest(RequirementEvidenceRequest, (params: RequirementEvidenceParams) => {
    const project = pickProject(params?.folderUri);
    return project && typeof params?.requirementId === 'string' ? requirementEvidenceOf(project, params.requirementId, clientUriOf) : null;
  });

  connection.onRequest(CreateDocumentRequest, (params: CreateDocumentParams) => {
    const project = pickProject(params.folderUri);
    if (!project) return null;
    const fix = createDocumentEditFor(project, params.subclauseId);
    return fix ? toWorkspaceEdit(fix, { ...editContext(project), supportsCreate: true }) : null;
  });

  connection.onRequest(ScaffoldRequest, (params: ScaffoldParams) => {
    const folderUri = params.folderUri.endsWith('/') ? params.folderUri : `${params.folderUri}/`;
    const project = projects.projectFor(canonicalUri(folderUri));
    const documentChanges = scaffoldFiles(project.workspace).flatMap((file) => {
      const uri = resolveRelative(canonicalUri(`${folderUri}placeholder`), file.relativePath);
      return uri
        ? [
            { kind: 'create' as const, uri, options: { ignoreIfExists: true } },
            { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.text }] },
          ]
        : [];
    });
    return { documentChanges };
  });

  connection.onRequest(RevalidateRequest, async () => {
    for (const project of projects.folders()) {
      for (const uri of project.workspace.fileUris()) if (!documents.get(clientUriOf(uri))) project.workspace.removeFile(uri);
      await indexFolder(project);
    }
    scheduleUpdate(0);
    return null;
  });

  connection.onRequest(ConformityReportRequest, async (params: ConformityReportParams | undefined): Promise<ConformityReportResult | null> => {
    await indexed;
    const uri = params?.uri;
    // A file of the project, or its folder (with or without the trailing slash).
    const project = uri ? [canonicalUri(uri), canonicalUri(`${uri.replace(/\/$/, '')}/`)].map((candidate) => projects.projectFor(candidate)).find((p) => p.folderUri !== undefined) ?? projects.projectFor(canonicalUri(uri)) : pickProject(undefined);
    if (!project) return null;
    // Review dates are checked against today, as in `sms-lint report` (a server may run past midnight).
    project.workspace.setToday(today());
    if (project.workspace.needsUpdate) publish(project, project.workspace.update().changed);
    return conformityReportOf(project, params?.format === 'markdown' ? 'markdown' : 'html', today(), VERSION);
  });

  connection.onRequest(ServerInfoRequest, (): ServerInfo => ({ name: 'sms-language-server', version: VERSION, pid: process.pid, startedAt: STARTED_AT }));

  function pickProject(folderUri: string | undefined): Project | undefined {
    if (folderUri) return projects.projectFor(canonicalUri(folderUri.endsWith('/') ? folderUri : `${folderUri}/`));
    return projects.folders().find((p) => [...p.workspace.index.documentsOfKind('ServiceManagementSystem')].length > 0) ?? projects.folders()[0] ?? projects.all()[0];
  }

  registerFeatureHandlers(connection, {
    projectFor: (uri) => projects.projectFor(canonicalUri(uri)),
    canonicalUri,
    clientUriOf,
    isCurrent: (project, uri, clientUri) => {
      const open = documents.get(clientUri);
      return !open || project.workspace.version(uri) === open.version;
    },
    ensureUpdated: (project) => {
      if (project.workspace.needsUpdate) publish(project, project.workspace.update().changed);
    },
    clientVersionOf: (uri) => documents.get(clientUriOf(uri))?.version ?? null,
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    if (updateTimer) clearTimeout(updateTimer);
  });

  documents.listen(connection);
  connection.listen();
}

/** `ko` for a Korean display language, undefined (English) otherwise. */
function localeOf(options: unknown, lspLocale: string | undefined): string | undefined {
  const display = typeof options === 'object' && options !== null && 'displayLanguage' in options ? String((options as { displayLanguage: unknown }).displayLanguage) : lspLocale;
  return display?.toLowerCase().startsWith('ko') ? 'ko' : undefined;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
