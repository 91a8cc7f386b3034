import { defineRule, ruleCode } from '../rule';

/**
 * An entry of the baseline of accepted findings without a justification, past its expiry date, or
 * matching no finding any more. Reported on the baseline file when the workspace applies it
 * (see baseline.ts); this is the rule's unit.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS903'),
    name: 'baseline-entry',
    family: 'suppression',
    defaultSeverity: 'warning',
    summary: 'An accepted finding in the baseline has no justification, has expired, or no longer matches anything.',
    fix: 'none',
    messages: {
      noJustification: 'The accepted {code} in {file} has no `justification`; an accepted gap needs a reason, so it is not applied.',
      expired: 'The acceptance of {code} in {file} expired on {expires}; the finding is reported again. Fix it or renew the entry with a new reason.',
      unused: 'The accepted {code} in {file} matches no finding any more; remove it (`sms-lint baseline --update`).',
      invalid: 'Baseline: {detail}.',
    },
    clauses: ['10.1', '10.2'],
    stability: 'stable',
  },
  phase: 'file',
  check() {
    // Reported by the workspace when it applies the baseline.
  },
});
