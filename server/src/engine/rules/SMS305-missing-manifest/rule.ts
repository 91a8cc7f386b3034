import { defineRule, ruleCode } from '../rule';
import { MANIFEST_KIND } from '../../coverage/manifest';

/** SMS documents without a manifest: scope, roles and coverage have nowhere to live. */
export default defineRule({
  meta: {
    code: ruleCode('SMS305'),
    name: 'missing-manifest',
    family: 'coverage',
    defaultSeverity: 'warning',
    summary: 'The workspace has SMS documents but no ServiceManagementSystem manifest.',
    fix: 'none',
    messages: { missing: 'No `kind: ServiceManagementSystem` manifest was found, so the SMS scope, roles and clause coverage cannot be checked (run "SMS: New SMS workspace" or copy examples/sms.yaml).' },
    clauses: ['4.3', '4.4'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: [], documentKinds: ['*'], coverage: false },
  check({ index, file, report }) {
    if (!index.documentsOfKind(MANIFEST_KIND).next().done) return;
    const uris = [...index.uris()].sort();
    for (const uri of uris) {
      const parsed = file(uri);
      const first = parsed?.documents[0];
      if (first) {
        report(uri, { span: first.headerSpan, messageId: 'missing' });
        return;
      }
    }
  },
});
