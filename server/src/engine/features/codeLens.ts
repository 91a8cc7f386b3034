// A code lens on each clause claim: "8.6.1 Incident management — 7/8 requirements evidenced".
import type { DocUri, Span } from '../types';
import type { Workspace } from '../workspace';
import { extractFacts } from '../index/facts';

export interface CodeLensEntry {
  readonly span: Span;
  readonly title: string;
  /** The claimed id, for a command that reveals it in the requirement tree. */
  readonly clauseRef: string;
}

export function codeLenses(workspace: Workspace, uri: DocUri): CodeLensEntry[] {
  const file = workspace.parsed(uri);
  if (!file) return [];
  const report = workspace.coverageReport();
  const text = workspace.catalogueText;
  const out: CodeLensEntry[] = [];
  for (const document of file.documents) {
    const kindSchema = document.kind ? workspace.schemas.kind(document.kind) : undefined;
    if (!kindSchema) continue;
    for (const claim of extractFacts(document, kindSchema.root).claims) {
      const target = workspace.catalogue.resolveClaim(claim.ref);
      if (!target) continue;
      if (target.kind === 'requirement') {
        const status = report.requirement(target.requirement.id)?.status ?? 'missing';
        out.push({ span: claim.span, title: `${target.requirement.id} (${text.title(target.subclause.id) ?? target.subclause.title}) — ${workspace.formatMessage(`ui.status.${status}`, status)}`, clauseRef: claim.ref });
        continue;
      }
      let covered = 0;
      let total = 0;
      for (const subclause of target.subclauses) {
        const counts = report.subclause(subclause.id)?.counts;
        if (!counts) continue;
        covered += counts.evidenced + counts.operated;
        total += counts.total;
      }
      const first = target.subclauses[0];
      const title = target.kind === 'heading' ? `${claim.ref} ${text.title(claim.ref) ?? ''}` : `${first?.id ?? claim.ref} ${(first && text.title(first.id)) ?? ''}`;
      out.push({ span: claim.span, title: `${title.trim()} — ${workspace.formatMessage('ui.hover.counts', '{covered}/{total} requirements evidenced', { covered, total })}`, clauseRef: claim.ref });
    }
  }
  return out;
}
