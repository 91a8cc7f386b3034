import { findPair, nodeSpan } from '../../parse/yamlNodes';
import { SUPPORTED_API_VERSIONS } from '../../parse/parseFile';
import { defineRule, ruleCode } from '../rule';
import type { Node } from 'yaml';

/** An apiVersion of our group that this version of the tool does not know. */
export default defineRule({
  meta: {
    code: ruleCode('SMS003'),
    name: 'unsupported-api-version',
    family: 'syntax',
    defaultSeverity: 'error',
    summary: 'The document declares an apiVersion this tool does not support.',
    fix: 'always',
    messages: { unsupported: 'apiVersion `{apiVersion}` is not supported; this tool reads {supported}.' },
    clauses: ['7.5.2'],
    stability: 'stable',
  },
  phase: 'document',
  check({ document, report }) {
    if (SUPPORTED_API_VERSIONS.includes(document.apiVersion)) return;
    const valueNode = findPair(document.yaml.contents as Node | null, 'apiVersion')?.value;
    const span = nodeSpan(valueNode ?? undefined) ?? document.headerSpan;
    const supported = SUPPORTED_API_VERSIONS[0] ?? '';
    report({
      span,
      messageId: 'unsupported',
      args: { apiVersion: document.apiVersion, supported: SUPPORTED_API_VERSIONS.join(', ') },
      data: { suggestions: [supported] },
      fixes: [{ title: `Use apiVersion ${supported}`, isPreferred: true, safety: 'unsafe', documentEdits: [{ uri: document.uri, version: 0, edits: [{ span, newText: supported }] }], createFiles: [] }],
    });
  },
});
