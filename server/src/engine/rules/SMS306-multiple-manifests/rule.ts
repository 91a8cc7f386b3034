import { defineRule, ruleCode } from '../rule';
import { MANIFEST_KIND } from '../../coverage/manifest';

/** Two manifests: scope and coverage would be ambiguous; the first one (by path) is used. */
export default defineRule({
  meta: {
    code: ruleCode('SMS306'),
    name: 'multiple-manifests',
    family: 'coverage',
    defaultSeverity: 'error',
    summary: 'The workspace has more than one ServiceManagementSystem manifest.',
    fix: 'none',
    messages: { multiple: 'This is a second `ServiceManagementSystem` manifest; one SMS has one manifest (the first, {first}, is used).' },
    clauses: ['4.3', '4.4'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: [], documentKinds: [MANIFEST_KIND], coverage: false },
  check({ index, file, report }) {
    const manifests = [...index.documentsOfKind(MANIFEST_KIND)].sort((a, b) => (a.uri === b.uri ? a.indexInFile - b.indexInFile : a.uri < b.uri ? -1 : 1));
    const first = manifests[0];
    for (const manifest of manifests.slice(1)) {
      const document = file(manifest.uri)?.documents.find((d) => d.indexInFile === manifest.indexInFile);
      if (!document) continue;
      report(manifest.uri, { span: document.headerSpan, messageId: 'multiple', args: { first: first?.id ?? 'the first' } });
    }
  },
});
