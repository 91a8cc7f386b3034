// "SMS: New SMS workspace": the starter files of a new SMS (the manifest, the config file and one
// document per template, each claiming the subclauses it starts to evidence), as plain data.
import type { Node } from 'yaml';
import { parseDocument } from '../parse/yamlRuntime';
import type { Workspace } from '../workspace';
import { fillPlaceholders, type TemplateChoice } from '../pack/pack';
import { findPair } from '../parse/yamlNodes';
import { appendToSequenceEdit, eolOf } from '../edits/yamlEdits';
import { LineIndex } from '../text';

export interface ScaffoldFile {
  /** POSIX path relative to the new SMS folder. */
  readonly relativePath: string;
  readonly text: string;
}

const MANIFEST_TEMPLATE = 'service-management-system.yaml';
const OWNER = 'ROLE-SMS-MANAGER';

const PREFIX: readonly [string, string][] = [
  ['process-definition', 'PRC'],
  ['policy', 'POL'],
  ['plan', 'PLN'],
  ['agreement', 'AGR'],
  ['register', 'REG'],
  ['record', 'REC'],
  ['service-catalogue', 'CAT'],
  ['service-level-agreement', 'SLA'],
];

export function scaffoldFiles(workspace: Workspace): ScaffoldFile[] {
  const today = workspace.skeletonContext().today;
  const files = workspace.templates.files;
  // Group subclauses by the document that starts them (template + values).
  const groups = new Map<string, { choice: TemplateChoice; clauses: string[] }>();
  for (const subclause of workspace.catalogue.subclauses) {
    const choice = workspace.templates.bySubclause.get(subclause.id);
    if (!choice || files[choice.template] === undefined) continue;
    const key = `${choice.template}|${JSON.stringify(choice.values)}`;
    const group = groups.get(key) ?? { choice, clauses: [] };
    group.clauses.push(subclause.id);
    groups.set(key, group);
  }
  const out: ScaffoldFile[] = [];
  const register: { id: string; path: string }[] = [];
  let manifestClauses: string[] = ['4.1'];
  for (const { choice, clauses } of groups.values()) {
    if (choice.template === MANIFEST_TEMPLATE) {
      manifestClauses = clauses;
      continue;
    }
    const base = choice.template.replace(/\.yaml$/, '');
    const prefix = PREFIX.find(([name]) => base === name || base.startsWith(`${name}-`))?.[1] ?? 'DOC';
    const topic = (choice.values['process'] ?? choice.values['type'] ?? base).toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const id = `${prefix}-${topic.toUpperCase()}`;
    if (register.some((entry) => entry.id === id)) continue;
    const folder = choice.folder === '.' ? '' : `${choice.folder}/`;
    const relativePath = `${folder}${topic}.yaml`;
    const title = workspace.catalogue.subclause(clauses[0] ?? '')?.title ?? topic;
    out.push({ relativePath, text: fillPlaceholders(files[choice.template] ?? '', { id, title, owner: OWNER, today, clause: clauses.join('", "'), ...choice.values }) });
    register.push({ id, path: relativePath });
  }
  const manifestTemplate = files[MANIFEST_TEMPLATE];
  if (manifestTemplate !== undefined) {
    let manifest = fillPlaceholders(manifestTemplate, { id: 'SMS-MAIN', title: 'Service management system manifest', owner: OWNER, today, clause: manifestClauses.join('", "') });
    // Register every starter document in the manifest's documents list (7.5.1).
    const document = parseDocument(manifest);
    const documentsPair = findPair(findPair(document.contents as Node | null, 'spec')?.value, 'documents');
    if (documentsPair) {
      const lines = new LineIndex(manifest);
      const eol = eolOf(manifest);
      const edits = register.map((item) => appendToSequenceEdit({ seq: documentsPair.value, owner: documentsPair, item, lines, eol })).filter((edit) => edit !== undefined);
      // All edits insert at the same place (after the last item): apply them in order.
      const at = edits[0]?.span.start;
      if (at !== undefined) manifest = manifest.slice(0, at) + edits.map((edit) => edit.newText).join('') + manifest.slice(at);
    }
    out.unshift({ relativePath: 'sms.yaml', text: manifest });
  }
  out.unshift({ relativePath: '.smsrc.yaml', text: DEFAULT_CONFIG_TEXT });
  return out;
}

const DEFAULT_CONFIG_TEXT = `# sms-lint configuration, read by the CLI (CI) and the editor alike.
# Severity per rule, by code or name: error, warning, info, hint or off.
rules: {}
# coverage:
#   minimum: 80          # the CLI fails below this share of evidenced requirements
documentControl:
  reviewIntervalMonths: 12
`;
