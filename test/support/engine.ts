// The one place tests call the engine API: build a workspace from fixture files, collect findings,
// render them in a readable snapshot form (path:line:col, code, message, caret excerpt, fixes).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DocUri, LineIndex, RULES, Workspace, defaultPack, isConfigFileName, type Finding, type Rule, type TextEdit } from '../../server/src/engine';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const TODAY = '2026-11-27';

export interface FixtureFile {
  readonly path: string;
  readonly text: string;
}

export function uriOf(path: string): DocUri {
  return DocUri(`file:///fixture/${path}`);
}

export function pathOfUri(uri: string): string {
  return uri.replace(/^file:\/\/\/fixture\//, '');
}

export function loadFixture(path: string): FixtureFile[] {
  if (statSync(path).isDirectory()) return readTree(path, path);
  return [{ path: path.split('/').pop() ?? path, text: readFileSync(path, 'utf8') }];
}

export function readTree(root: string, folder: string = root): FixtureFile[] {
  const out: FixtureFile[] = [];
  for (const name of readdirSync(folder).sort()) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) out.push(...readTree(root, full));
    else if (/\.ya?ml$/.test(name)) out.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}

export interface Analysis {
  readonly workspace: Workspace;
  readonly findings: Finding[];
}

export function analyze(
  files: readonly FixtureFile[],
  options: { rules?: readonly Rule[]; today?: string; retainSyntaxTree?: (uri: DocUri) => boolean; retainText?: (uri: DocUri) => boolean; loadText?: (uri: DocUri) => string | undefined } = {},
): Analysis {
  const workspace = new Workspace({
    pack: defaultPack(),
    today: options.today ?? TODAY,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.retainSyntaxTree ? { retainSyntaxTree: options.retainSyntaxTree } : {}),
    ...(options.retainText ? { retainText: options.retainText } : {}),
    ...(options.loadText ? { loadText: options.loadText } : {}),
  });
  for (const file of files) {
    if (isConfigFileName(file.path) && !file.path.includes('/')) workspace.setConfig({ uri: uriOf(file.path), version: 1, text: file.text });
    else if (file.path === '.sms-baseline.yaml') workspace.setBaseline({ uri: uriOf(file.path), version: 1, text: file.text });
    else workspace.setFile(uriOf(file.path), 1, file.text);
  }
  workspace.update();
  const findings = [...workspace.allFindings().values()].flat();
  if (workspace.ruleErrors.length > 0) throw new Error(`rule crashed: ${workspace.ruleErrors.map((e) => `${e.code}: ${e.message}`).join('\n')}`);
  return { workspace, findings };
}

/** path:line:col-line:col CODE severity message, the excerpt with carets, and each fix. */
export function renderFindings(workspace: Workspace, findings: readonly Finding[]): string {
  const out: string[] = [];
  const sorted = [...findings].sort((a, b) => (a.uri === b.uri ? a.span.start - b.span.start || (a.code < b.code ? -1 : 1) : a.uri < b.uri ? -1 : 1));
  for (const finding of sorted) {
    const lines = workspace.lines(finding.uri) ?? new LineIndex(workspace.text(finding.uri) ?? '');
    const start = lines.positionAt(finding.span.start);
    const end = lines.positionAt(finding.span.end);
    out.push(`${pathOfUri(finding.uri)}:${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.code} ${finding.severity} ${finding.message}`);
    const lineText = lines.lineText(start.line);
    const caretEnd = end.line === start.line ? Math.max(end.character, start.character + 1) : lineText.length;
    out.push(`  | ${lineText}`);
    out.push(`  | ${' '.repeat(start.character)}${'^'.repeat(Math.max(1, caretEnd - start.character))}`);
    for (const related of finding.related) {
      const relatedLines = workspace.lines(related.uri) ?? lines;
      const at = relatedLines.positionAt(related.span.start);
      out.push(`  related ${pathOfUri(related.uri)}:${at.line + 1}:${at.character + 1}: ${related.message}`);
    }
    for (const fix of finding.fixes) {
      out.push(`  fix${fix.isPreferred ? ' (preferred)' : ''}${fix.safety === 'unsafe' ? ' (unsafe)' : ''}: ${fix.title}`);
      for (const documentEdits of fix.documentEdits) {
        const editLines = workspace.lines(documentEdits.uri) ?? lines;
        for (const edit of documentEdits.edits) {
          const from = editLines.positionAt(edit.span.start);
          const to = editLines.positionAt(edit.span.end);
          out.push(`    ${pathOfUri(documentEdits.uri)}:${from.line + 1}:${from.character + 1}-${to.line + 1}:${to.character + 1} → ${JSON.stringify(edit.newText)}`);
        }
      }
      for (const created of fix.createFiles) out.push(`    create ${created.relativePath} (${created.text.length} characters)`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Applies edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  }
  return out;
}

export function fixtureDirectories(): { rule: Rule; directory: string }[] {
  return RULES.map((rule) => ({ rule, directory: join(REPO_ROOT, 'server', 'src', 'engine', 'rules', `${rule.meta.code}-${rule.meta.name}`) }));
}

export function listCases(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => !name.endsWith('.expected') && !name.endsWith('.md'))
    .sort()
    .map((name) => join(directory, name));
}
