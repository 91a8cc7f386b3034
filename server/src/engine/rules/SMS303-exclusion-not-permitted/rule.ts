import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../../parse/yamlRuntime';
import { defineRule, ruleCode } from '../rule';
import { nodeSpan, scalarString } from '../../parse/yamlNodes';

/** Keys people reach for when they try to exclude a requirement. */
export const EXCLUSION_KEYS: ReadonlySet<string> = new Set(['exclude', 'excludes', 'excluded', 'exclusion', 'exclusions', 'notApplicable', 'not-applicable', 'nonApplicable', 'notApplicableClauses', 'applicability']);

const CLAUSE_IN_TEXT = /(^|[^\d.])((?:4|5|6|7|8|9|10)(?:\.\d+){1,3}(?:-[0-9a-z]+)?)(?![\d.])/;

/**
 * ISO/IEC 20000-1:2018 allows no exclusion of requirements of clauses 4 to 10 (its clause 1.2): an
 * attempt to exclude one (an `exclusions` list of clauses, a clause marked not applicable, a clause
 * named as out of scope) is an error. The scope may leave services out; a process may be operated by
 * another party under control (spec.operatedBy).
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS303'),
    name: 'exclusion-not-permitted',
    family: 'coverage',
    defaultSeverity: 'error',
    summary: 'A document tries to exclude a requirement of clauses 4 to 10, which ISO/IEC 20000-1:2018 does not allow.',
    fix: 'none',
    messages: {
      key: '`{key}`: requirements of ISO/IEC 20000-1:2018 clauses 4 to 10 cannot be excluded; leave services out of the scope instead, or have a process operated by another party under your control (spec.operatedBy).',
      outOfScope: '{clause} cannot be out of scope: the scope may leave services out, never requirements of clauses 4 to 10; evidence it, or have it operated by another party under your control.',
    },
    clauses: ['4.3', '8.2.3'],
    stability: 'stable',
  },
  phase: 'document',
  check({ document, report }) {
    const visit = (node: Node | null | undefined, path: readonly string[]): void => {
      if (isMap(node)) {
        for (const item of node.items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const key = String(item.key.value);
          const keySpan = nodeSpan(item.key as Node);
          if (EXCLUSION_KEYS.has(key) && keySpan && mentionsClause(item.value as Node | null)) {
            report({ span: keySpan, messageId: 'key', args: { key } });
            continue;
          }
          visit(item.value as Node | null, [...path, key]);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          const itemNode = item as Node | null;
          // The manifest's scope.outOfScope[].item naming a clause.
          if (path.join('.') === 'spec.scope.outOfScope' && isMap(itemNode)) {
            for (const pair of itemNode.items) {
              if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== 'item') continue;
              const text = scalarString(pair.value as Node | null) ?? '';
              const match = CLAUSE_IN_TEXT.exec(text);
              const span = nodeSpan(pair.value as Node | null ?? undefined);
              if (match?.[2] && span) report({ span, messageId: 'outOfScope', args: { clause: match[2] } });
            }
          }
          visit(itemNode, path);
        }
      }
    };
    visit(document.yaml.contents as Node | null, []);
  },
});

function mentionsClause(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (isScalar(node)) return CLAUSE_IN_TEXT.test(String(node.value ?? '')) || typeof node.value === 'number';
  if (isSeq(node)) return node.items.some((item) => mentionsClause(item as Node | null));
  if (isMap(node)) return node.items.some((item) => isPair(item) && (mentionsClause(item.value as Node | null) || mentionsClause(item.key as Node | null)));
  return false;
}
