import { defineRule, ruleCode } from '../rule';

/**
 * A suppression comment that suppresses nothing, names an unknown code, or gives no reason. The
 * findings are produced when suppressions are applied (see suppressions.ts); this is the rule's unit.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS902'),
    name: 'invalid-suppression',
    family: 'suppression',
    defaultSeverity: 'warning',
    summary: 'A suppression comment suppresses nothing, names an unknown rule, or gives no reason.',
    fix: 'none',
    messages: {
      unused: '`sms-disable` for {code} suppresses nothing here; remove it.',
      'no-reason': 'Give the reason for this suppression after ` -- `, e.g. `# sms-disable-next-line {code} -- run by the supplier`.',
      'unknown-code': '`{code}` is not a rule code; suppressions name codes such as SMS202.',
    },
    clauses: ['7.5.3'],
    stability: 'stable',
  },
  phase: 'file',
  check() {
    // Reported by the workspace when it applies suppressions to the file's findings.
  },
});
