import type { Node } from 'yaml';
import { isPair, isScalar, isMap } from '../../parse/yamlRuntime';
import { defineRule, ruleCode } from '../rule';
import { fileFix, suggest } from '../support';
import { findPair, nodeSpan } from '../../parse/yamlNodes';

/** A rule code or name in .smsrc.yaml that no rule has: the setting would silently do nothing. */
export default defineRule({
  meta: {
    code: ruleCode('SMS901'),
    name: 'unknown-rule',
    family: 'config',
    defaultSeverity: 'error',
    summary: 'The configuration names a rule that does not exist.',
    fix: 'sometimes',
    messages: {
      unknown: 'No rule is called `{key}`. Did you mean `{suggestion}`?',
      unknownNoSuggestion: 'No rule is called `{key}`; use a code such as SMS301 or a name such as uncovered-subclause.',
    },
    clauses: [],
    stability: 'stable',
  },
  phase: 'config',
  check({ file, root, unknownRuleKeys, ruleKeys, report }) {
    const rules = findPair(root, 'rules')?.value;
    if (!isMap(rules)) return;
    for (const item of rules.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!unknownRuleKeys.includes(key)) continue;
      const span = nodeSpan(item.key as Node);
      if (!span) continue;
      const suggestions = suggest(key, ruleKeys, 3);
      const suggestion = suggestions[0];
      if (suggestion === undefined) report({ span, messageId: 'unknownNoSuggestion', args: { key } });
      else report({ span, messageId: 'unknown', args: { key, suggestion }, data: { suggestions }, fixes: suggestions.map((candidate) => fileFix(file, `Change to ${candidate}`, [{ span, newText: candidate }], { preferred: suggestions.length === 1 })) });
    }
  },
});
