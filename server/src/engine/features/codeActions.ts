// Code actions as plain data: the fixes of the findings under the cursor, "fix all <code>
// problems", "disable <code> for this line", and the fix-all source action.
import type { DocUri, Finding, Fix, Span, TextEdit } from '../types';
import type { Workspace } from '../workspace';

export type ActionKind = 'quickfix' | 'source.fixAll';

export interface ActionPlan {
  readonly title: string;
  readonly kind: ActionKind;
  readonly isPreferred: boolean;
  readonly fix: Fix;
  /** The findings this action resolves (for the editor's "diagnostics" of the action). */
  readonly findings: readonly Finding[];
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Actions for the findings of `uri` touching `span`. */
export function quickFixes(workspace: Workspace, uri: DocUri, span: Span): ActionPlan[] {
  const findings = workspace.findings(uri);
  const version = workspace.version(uri) ?? 0;
  const plans: ActionPlan[] = [];
  const seenCodes = new Set<string>();
  for (const finding of findings) {
    if (!overlaps(finding.span, span)) continue;
    for (const fix of finding.fixes) plans.push({ title: fix.title, kind: 'quickfix', isPreferred: fix.isPreferred, fix, findings: [finding] });
    if (seenCodes.has(finding.code)) continue;
    seenCodes.add(finding.code);
    const sameCode = findings.filter((other) => other.code === finding.code && preferredLocalFix(other, uri) !== undefined);
    if (sameCode.length >= 2) {
      const edits = combine(sameCode.map((other) => preferredLocalFix(other, uri)!));
      plans.push({
        title: workspace.formatMessage('ui.fixAllCode', 'Fix all {code} problems in this file', { code: finding.code }),
        kind: 'quickfix',
        isPreferred: false,
        fix: { title: `Fix all ${finding.code} problems`, isPreferred: false, safety: 'safe', documentEdits: [{ uri, version, edits }], createFiles: [] },
        findings: sameCode,
      });
    }
    const disable = disableForLineEdit(workspace, uri, finding);
    if (disable) {
      plans.push({
        title: workspace.formatMessage('ui.disableForLine', 'Disable {code} for this line', { code: finding.code }),
        kind: 'quickfix',
        isPreferred: false,
        fix: { title: `Disable ${finding.code} for this line`, isPreferred: false, safety: 'safe', documentEdits: [{ uri, version, edits: [disable] }], createFiles: [] },
        findings: [finding],
      });
    }
  }
  return plans;
}

/** Every preferred, safe, single-file fix of the file, combined without overlaps. */
export function fixAll(workspace: Workspace, uri: DocUri, codes?: ReadonlySet<string>): ActionPlan | undefined {
  const findings = workspace.findings(uri).filter((finding) => !codes || codes.has(finding.code));
  const fixable = findings.filter((finding) => {
    const fix = preferredLocalFix(finding, uri);
    return fix !== undefined && fix.safety === 'safe';
  });
  if (fixable.length === 0) return undefined;
  const edits = combine(fixable.map((finding) => preferredLocalFix(finding, uri)!));
  const version = workspace.version(uri) ?? 0;
  return {
    title: workspace.formatMessage('ui.fixAll', 'Fix all auto-fixable SMS problems'),
    kind: 'source.fixAll',
    isPreferred: false,
    fix: { title: 'Fix all auto-fixable SMS problems', isPreferred: false, safety: 'safe', documentEdits: [{ uri, version, edits }], createFiles: [] },
    findings: fixable,
  };
}

/** The preferred fix of a finding when it only edits `uri` (no new files). */
function preferredLocalFix(finding: Finding, uri: DocUri): Fix | undefined {
  const fix = finding.fixes.find((candidate) => candidate.isPreferred);
  if (!fix || fix.createFiles.length > 0 || fix.documentEdits.some((edit) => edit.uri !== uri)) return undefined;
  return fix;
}

/** Merges the edits of several fixes; an edit overlapping one already taken is dropped (a second run fixes it). */
export function combine(fixes: readonly Fix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const edits = fix.documentEdits.flatMap((documentEdits) => documentEdits.edits);
    const clash = edits.some((edit) => taken.some((other) => clashes(edit.span, other.span)));
    if (!clash) taken.push(...edits);
  }
  return taken.sort((a, b) => a.span.start - b.span.start);
}

/** `# sms-disable-next-line CODE -- reason` above the finding's line, at its indentation. */
function disableForLineEdit(workspace: Workspace, uri: DocUri, finding: Finding): TextEdit | undefined {
  const lines = workspace.lines(uri);
  if (!lines) return undefined;
  const line = lines.positionAt(finding.span.start).line;
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*(- )?/.exec(lines.lineText(line))?.[0].replace('- ', '  ') ?? '';
  const text = lines.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { start: lineStart, end: lineStart }, newText: `${indent}# sms-disable-next-line ${finding.code} -- ${workspace.formatMessage('ui.disableReason', 'reason')}${eol}` };
}

/** Two edits clash when their ranges overlap, or when both insert at the same offset. */
function clashes(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}
