// Hover: a field's description; on a clause or requirement id its paraphrase, the clause title,
// the related ITIL 4 practice and its live status with links to the evidence; on an id, what it
// names and where it is defined.
import type { DocUri, Span } from '../types';
import type { Workspace } from '../workspace';
import { nodeAt } from './position';
import { schemaAt } from '../schema/schemaProblems';
import { entityAt } from './navigation';
import type { Contribution, RequirementCoverage, RequirementStatus } from '../coverage/coverage';
import type { Confidence, DocumentedInformation, Subclause } from '../coverage/catalogue';
import { extractFacts } from '../index/facts';

export interface HoverResult {
  readonly span: Span;
  /** Markdown. */
  readonly contents: string;
}

const STATUS_ICON: Readonly<Record<RequirementStatus, string>> = { evidenced: '✅', operated: '🤝', partial: '🟡', missing: '❌' };

export function hover(workspace: Workspace, uri: DocUri, offset: number): HoverResult | undefined {
  const file = workspace.parsed(uri);
  if (!file) return undefined;
  const at = nodeAt(file, offset);
  if (!at) return undefined;
  const kindSchema = at.document.kind ? workspace.schemas.kind(at.document.kind) : undefined;
  const schema = kindSchema ? schemaAt(kindSchema.root, at.segments) : undefined;

  if (at.role === 'value' && kindSchema) {
    const claim = extractFacts(at.document, kindSchema.root).claims.find((c) => offset >= c.span.start && offset <= c.span.end);
    if (claim) {
      const contents = clauseHover(workspace, claim.ref);
      if (contents) return { span: claim.span, contents };
    }
    const entity = entityAt(workspace, uri, offset);
    if (entity) return { span: entity.span, contents: entityHover(workspace, entity.type, entity.id, schema?.markdownDescription) };
    if (schema) {
      const value = String((at.node as { value?: unknown }).value ?? '');
      const choice = schema.enumChoices.find((c) => String(c.value) === value);
      const parts = [`**${at.segments[at.segments.length - 1] ?? ''}**: \`${value}\``];
      if (choice?.description) parts.push(choice.description);
      if (schema.markdownDescription) parts.push(schema.markdownDescription);
      return { span: at.span, contents: parts.join('\n\n') };
    }
  }
  if (at.role === 'key') {
    if (at.segments.length === 1 && (at.segments[0] === 'kind' || at.segments[0] === 'apiVersion') && !schema) return undefined;
    if (!schema) return undefined;
    const name = at.segments[at.segments.length - 1] ?? '';
    const parts = [`**${name}**${schema.title && schema.title !== name ? ` — ${schema.title}` : ''}`];
    if (schema.markdownDescription) parts.push(schema.markdownDescription);
    const choices = schema.enumChoices;
    if (choices.length > 0) parts.push(choices.map((c) => `- \`${String(c.value)}\`${c.description ? ` — ${c.description}` : ''}`).join('\n'));
    const annotations = schema.annotations ?? schema.items()?.annotations;
    const refType = annotations.ref ?? schema.items()?.annotations.ref;
    if (refType) parts.push(`_A reference to a ${refType} id._`);
    return { span: at.span, contents: parts.join('\n\n') };
  }
  return undefined;
}

/** The hover for a claim such as `8.6.1`, `8.6.1-b`, `8.2.3.1` or `8.6`, in the workspace's locale. */
export function clauseHover(workspace: Workspace, ref: string): string | undefined {
  const target = workspace.catalogue.resolveClaim(ref);
  if (!target) return undefined;
  const report = workspace.coverageReport();
  const text = workspace.catalogueText;
  const ui = (key: string, template: string, args: Readonly<Record<string, string | number>> = {}): string => workspace.formatMessage(`ui.${key}`, template, args);
  const statusLabel = (status: RequirementStatus): string => ui(`status.${status}`, status);
  const link = (contribution: Contribution): string => {
    const lines = workspace.positions(contribution.uri);
    const line = lines ? lines.positionAt(contribution.claimSpan.start).line + 1 : 1;
    const label = contribution.documentId ?? 'document';
    const detail =
      contribution.status === 'partial'
        ? ui('hover.partialMissing', ' (partial: missing {missing})', { missing: contribution.missing.join(', ') })
        : contribution.status === 'operated'
          ? ui('hover.operatedBy', ' (operated by {party})', { party: contribution.operatedBy ?? ui('hover.anotherParty', 'another party') })
          : '';
    return `[${label}](${contribution.uri}#L${line})${detail}`;
  };
  const requirementLine = (coverage: RequirementCoverage | undefined, id: string, paraphrase: string): string => {
    const status = coverage?.status ?? 'missing';
    const evidence = coverage ? [...coverage.evidence, ...coverage.partial].map(link) : [];
    return `- ${STATUS_ICON[status]} **${id}** ${paraphrase}${evidence.length > 0 ? ` — ${evidence.join(', ')}` : ''}`;
  };
  const titleOf = (subclause: Subclause): string => text.title(subclause.id) ?? subclause.title;
  const copyright = ui('hover.copyright', COPYRIGHT_NOTE);
  if (target.kind === 'requirement') {
    const { requirement, subclause } = target;
    const coverage = report.requirement(requirement.id);
    const evidence = coverage ? [...coverage.evidence, ...coverage.partial].map(link) : [];
    const status = coverage?.status ?? 'missing';
    return [
      `**${requirement.id}** · ${subclause.id} ${titleOf(subclause)}`,
      text.requirement(requirement),
      `${ui('hover.status', 'Status:')} ${STATUS_ICON[status]} **${statusLabel(status)}**${evidence.length > 0 ? ` — ${evidence.join(', ')}` : ''}`,
      metaLine(workspace, subclause, requirement.documentedInformation, requirement.confidence, text.note(requirement)),
      copyright,
    ].join('\n\n');
  }
  const subclauses = target.subclauses;
  if (subclauses.length === 1 && subclauses[0]) {
    const subclause = subclauses[0];
    const coverage = report.subclause(subclause.id);
    const counts = coverage?.counts;
    const title =
      target.kind === 'paragraph' ? `**${ref}** ${ui('hover.paragraphOf', '(a paragraph of {clause} {title})', { clause: subclause.id, title: titleOf(subclause) })}` : `**${subclause.id} ${titleOf(subclause)}**`;
    const summary = text.summary(subclause);
    return [
      title,
      ...(summary ? [summary] : []),
      counts
        ? ui('hover.counts', '{covered}/{total} requirements evidenced', { covered: counts.evidenced + counts.operated, total: counts.total }) +
          (counts.partial > 0 ? ui('hover.countsPartial', ', {partial} partial', { partial: counts.partial }) : '')
        : '',
      subclause.requirements.map((r) => requirementLine(report.requirement(r.id), r.id, text.requirement(r))).join('\n'),
      metaLine(workspace, subclause, undefined, subclause.confidence, undefined),
      copyright,
    ]
      .filter((part) => part !== '')
      .join('\n\n');
  }
  const title = text.title(ref) ?? ref;
  const lines = subclauses.map((s) => {
    const counts = report.subclause(s.id)?.counts;
    const status = report.subclause(s.id)?.status ?? 'missing';
    return `- ${STATUS_ICON[status]} **${s.id}** ${titleOf(s)}${counts ? ` — ${counts.evidenced + counts.operated}/${counts.total}` : ''}`;
  });
  return [`**${ref} ${title}** ${ui('hover.headingClaim', '(claims every subclause under it)')}`, lines.join('\n'), copyright].join('\n\n');
}

const COPYRIGHT_NOTE = '_Paraphrase written for this tool; clause numbers and titles of ISO/IEC 20000-1:2018._';

function metaLine(workspace: Workspace, subclause: Subclause, documentedInformation: DocumentedInformation | undefined, confidence: Confidence, note: string | undefined): string {
  const text = workspace.catalogueText;
  const ui = (key: string, template: string, args: Readonly<Record<string, string | number>>): string => workspace.formatMessage(`ui.${key}`, template, args);
  const parts: string[] = [];
  if (documentedInformation && documentedInformation !== 'none') parts.push(ui('hover.documentedInformation', 'documented information: {level}', { level: text.documentedInformation(documentedInformation) }));
  if (subclause.itilPrimary.length > 0) parts.push(`ITIL 4: ${subclause.itilPrimary.join(', ')}${subclause.itilSupporting.length > 0 ? ui('hover.itilAlso', ' (also {practices})', { practices: subclause.itilSupporting.join(', ') }) : ''}`);
  // Uncertainty stays visible in every language: the confidence of the model, and the note on why.
  parts.push(ui('hover.confidence', 'confidence of the model: {confidence}', { confidence: text.confidence(confidence) }) + (note ? ` — ${note}` : ''));
  return `_${parts.join(' · ')}_`;
}

function entityHover(workspace: Workspace, type: string, id: string, description: string | undefined): string {
  const definitions = workspace.index.definitions(type, id);
  const referencing = workspace.index.referencingFiles(type, id).size;
  const definition = definitions[0];
  if (!definition) return [`**${id}** — no ${type} with this id is defined in the workspace.`, ...(description ? [description] : [])].join('\n\n');
  const lines = workspace.positions(definition.uri);
  const line = lines ? lines.positionAt(definition.span.start).line + 1 : 1;
  const where = definition.documentId && type !== 'document' ? ` in ${definition.documentId}` : '';
  return [
    `**${id}**${definition.name ? ` — ${definition.name}` : ''}`,
    `${type === 'document' ? (definition.documentKind ?? 'document') : type}, defined [here](${definition.uri}#L${line})${where}; referenced from ${referencing} file${referencing === 1 ? '' : 's'}.${definitions.length > 1 ? ` **Defined ${definitions.length} times.**` : ''}`,
    ...(description ? [description] : []),
  ].join('\n\n');
}
