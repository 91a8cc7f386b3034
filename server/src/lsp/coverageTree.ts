// sms/coverageTree: the engine's coverage report as the protocol's tree (ranges instead of spans).
import type { DocUri, Fix } from '../engine';
import { toRange } from './convert';
import type { Project } from './projects';
import type { CoverageCountsDto, CoverageStatus, CoverageTree, EvidenceNode, HeadingNode, LocationDto, SubclauseNode } from '../shared/protocol';
import type { SubclauseCoverage } from '../engine';
import { createDocumentFix } from '../engine/features/createDocument';

export function coverageTreeOf(project: Project, clientUriOf: (uri: DocUri) => string): CoverageTree {
  const workspace = project.workspace;
  const report = workspace.coverageReport();
  // Titles and paraphrases in the workspace's locale (ids, statuses and levels stay data).
  const text = workspace.catalogueText;
  const locate = (uri: DocUri, span: { start: number; end: number }): LocationDto => {
    const lines = workspace.positions(uri);
    const range = lines ? toRange(lines, span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { uri: clientUriOf(uri), range };
  };
  const manifest = [...workspace.index.documentsOfKind('ServiceManagementSystem')][0];
  const manifestDocument = manifest ? workspace.parsed(manifest.uri)?.documents.find((d) => d.indexInFile === manifest.indexInFile) : undefined;
  const tree: CoverageTree = {
    standard: report.standardId,
    folderUri: project.folderUri,
    hasManifest: manifest !== undefined,
    manifest: manifest && manifestDocument ? locate(manifest.uri, manifestDocument.headerSpan) : undefined,
    counts: report.counts,
    percent: report.percent,
    clauses: report.clauses.map((clause) => headingNode(clause.id, clause.subclauses)),
  };
  return tree;

  function headingNode(id: string, subclauses: readonly SubclauseCoverage[]): HeadingNode {
    const under = subclauses.filter((s) => s.subclause.id === id || s.subclause.id.startsWith(`${id}.`));
    const children: (HeadingNode | SubclauseNode)[] = [];
    const seen = new Set<string>();
    for (const subclause of under) {
      const rest = subclause.subclause.id.slice(id.length + 1).split('.');
      const childId = rest.length > 1 ? `${id}.${rest[0]}` : subclause.subclause.id;
      if (seen.has(childId)) continue;
      seen.add(childId);
      children.push(childId === subclause.subclause.id ? subclauseNode(subclause) : headingNode(childId, under));
    }
    const counts = sumCounts(children.map((child) => child.counts));
    return { kind: 'heading', id, title: text.title(id) ?? id, status: statusOf(counts), counts, children };
  }

  function subclauseNode(subclause: SubclauseCoverage): SubclauseNode {
    return {
      kind: 'subclause',
      id: subclause.subclause.id,
      title: text.title(subclause.subclause.id) ?? subclause.subclause.title,
      status: subclause.status,
      counts: subclause.counts,
      confidence: subclause.subclause.confidence,
      hasTemplate: workspace.templates.bySubclause.has(subclause.subclause.id),
      requirements: subclause.requirements.map((requirement) => ({
        id: requirement.requirement.id,
        text: text.requirement(requirement.requirement),
        status: requirement.status,
        documentedInformation: requirement.requirement.documentedInformation,
        confidence: requirement.requirement.confidence,
        evidenceCount: requirement.evidence.length + requirement.partial.length,
      })),
    };
  }
}

/** sms/requirementEvidence: the documents evidencing one requirement, in the report's order. */
export function requirementEvidenceOf(project: Project, requirementId: string, clientUriOf: (uri: DocUri) => string): EvidenceNode[] | null {
  const workspace = project.workspace;
  const requirement = workspace.coverageReport().requirement(requirementId);
  if (!requirement) return null;
  return [...requirement.evidence, ...requirement.partial].map((contribution) => {
    const lines = workspace.positions(contribution.uri);
    const range = lines ? toRange(lines, contribution.claimSpan) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return {
      documentId: contribution.documentId,
      documentKind: contribution.documentKind,
      documentTitle: contribution.documentTitle,
      status: contribution.status,
      missing: contribution.missing,
      operatedBy: contribution.operatedBy,
      location: { uri: clientUriOf(contribution.uri), range },
    };
  });
}

function sumCounts(list: readonly CoverageCountsDto[]): CoverageCountsDto {
  return list.reduce((a, b) => ({ total: a.total + b.total, evidenced: a.evidenced + b.evidenced, operated: a.operated + b.operated, partial: a.partial + b.partial, missing: a.missing + b.missing }), { total: 0, evidenced: 0, operated: 0, partial: 0, missing: 0 });
}

function statusOf(counts: CoverageCountsDto): CoverageStatus {
  if (counts.total === 0 || counts.evidenced + counts.operated === counts.total) return counts.operated > 0 && counts.evidenced === 0 ? 'operated' : 'evidenced';
  if (counts.missing === counts.total) return 'missing';
  return 'partial';
}

export function createDocumentEditFor(project: Project, subclauseId: string): Fix | undefined {
  return createDocumentFix(project.workspace, subclauseId);
}
