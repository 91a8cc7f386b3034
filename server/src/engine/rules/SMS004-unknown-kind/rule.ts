import { findPair, nodeSpan } from '../../parse/yamlNodes';
import { defineRule, ruleCode } from '../rule';
import { suggest, readableList } from '../support';
import type { Node } from 'yaml';

/** A `kind` we have no schema for: nothing in the document can be checked. */
export default defineRule({
  meta: {
    code: ruleCode('SMS004'),
    name: 'unknown-kind',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The document has a missing or unknown kind.',
    fix: 'sometimes',
    messages: {
      unknown: 'Unknown kind `{kind}`. Did you mean `{suggestion}`?',
      unknownNoSuggestion: 'Unknown kind `{kind}`; the kinds are {kinds}.',
      missing: 'The document has no `kind`; the kinds are {kinds}.',
    },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'document',
  check({ document, schemas, report }) {
    if (document.kind !== undefined && schemas.kind(document.kind)) return;
    const kinds = readableList([...schemas.kindNames].sort(), 20);
    const kindPair = findPair(document.yaml.contents as Node | null, 'kind');
    if (document.kind === undefined) {
      const span = nodeSpan(kindPair?.key ?? undefined) ?? document.headerSpan;
      report({ span, messageId: 'missing', args: { kinds } });
      return;
    }
    const span = nodeSpan(kindPair?.value ?? undefined) ?? document.headerSpan;
    const suggestions = suggest(document.kind, schemas.kindNames, 1);
    const suggestion = suggestions[0];
    if (suggestion === undefined) {
      report({ span, messageId: 'unknownNoSuggestion', args: { kind: document.kind, kinds } });
      return;
    }
    report({
      span,
      messageId: 'unknown',
      args: { kind: document.kind, suggestion },
      data: { suggestions },
      fixes: [{ title: `Change kind to ${suggestion}`, isPreferred: true, safety: 'safe', documentEdits: [{ uri: document.uri, version: 0, edits: [{ span, newText: suggestion }] }], createFiles: [] }],
    });
  },
});
