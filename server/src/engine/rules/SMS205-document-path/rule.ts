import { defineRule, ruleCode } from '../rule';
import { DOCUMENT_ENTITY } from '../../index/facts';
import { findPair, isMap, isSeq, nodeSpan, scalarString } from '../../parse/yamlNodes';
import { replaceSpan } from '../../edits/yamlEdits';
import type { DocUri, Fix } from '../../types';

const MANIFEST_KIND = 'ServiceManagementSystem';

/**
 * The manifest's register of documented information (`spec.documents[]`) says where each document is
 * kept. A path must stay inside the workspace (no absolute path, no `..`) and name the file that holds
 * the document with that id. Pure: files are known only by the URIs the engine was given.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS205'),
    name: 'document-path',
    family: 'reference',
    defaultSeverity: 'warning',
    summary: 'A document path in the manifest is absolute, leaves the workspace, or does not name the file holding that document.',
    fix: 'sometimes',
    messages: {
      absolute: 'The path `{path}` of `{id}` is absolute; write it relative to the repository root{hint}.',
      escapes: 'The path `{path}` of `{id}` leaves the workspace with `..`; write it relative to the repository root{hint}.',
      elsewhere: '`{id}` is not kept in `{path}`{hint}.',
    },
    clauses: ['7.5.3'],
    stability: 'stable',
  },
  phase: 'reference',
  check(context) {
    const { uri, index, report } = context;
    // Only the manifest has document paths; ask the index before touching the syntax tree (parsed on
    // demand when the file does not retain it).
    if (!index.facts(uri)?.documents.some((document) => document.kind === MANIFEST_KIND)) return;
    const file = context.file;
    for (const document of file.documents) {
      if (document.kind !== MANIFEST_KIND) continue;
      const contents = document.yaml.contents;
      const entries = findPair(findPair(contents, 'spec')?.value, 'documents')?.value;
      if (!isSeq(entries)) continue;
      for (const entry of entries.items) {
        if (!isMap(entry)) continue;
        const id = scalarString(findPair(entry, 'id')?.value);
        const pathNode = findPair(entry, 'path')?.value;
        const path = scalarString(pathNode);
        const span = nodeSpan(pathNode);
        if (id === undefined || path === undefined || !span || path.length === 0) continue;
        const targets = index.definitions(DOCUMENT_ENTITY, id).map((definition) => definition.uri);
        const suggestion = targets.map((target) => relativeTo(file.uri, target)).find((candidate): candidate is string => candidate !== undefined);
        const hint = suggestion !== undefined && suggestion !== path ? ` (it is kept in \`${suggestion}\`)` : '';
        const fixes: Fix[] =
          suggestion !== undefined && suggestion !== path
            ? [{ title: `Change the path to ${suggestion}`, isPreferred: true, safety: 'safe', documentEdits: [{ uri: file.uri, version: file.version, edits: [replaceSpan(span, yamlString(suggestion))] }], createFiles: [] }]
            : [];
        const normalized = path.replace(/\\/g, '/');
        if (/^\//.test(normalized) || /^[A-Za-z]:\//.test(normalized) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(normalized)) {
          report({ span, messageId: 'absolute', args: { path, id, hint }, fixes });
          continue;
        }
        if (normalized.split('/').includes('..')) {
          report({ span, messageId: 'escapes', args: { path, id, hint }, fixes });
          continue;
        }
        // An unknown id is SMS202's finding; a known one must live in a file whose URI ends with the path.
        if (targets.length === 0) continue;
        const segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
        const suffix = `/${segments.join('/')}`;
        if (segments.length > 0 && targets.some((target) => decodedPath(target).endsWith(suffix))) continue;
        report({
          span,
          messageId: 'elsewhere',
          args: { path, id, hint },
          related: targets.map((target) => ({ uri: target, span: index.definitions(DOCUMENT_ENTITY, id).find((d) => d.uri === target)?.span ?? { start: 0, end: 0 }, message: `${id} is defined here.` })),
          fixes,
        });
      }
    }
  },
});

/** The path of a URI with percent-escapes decoded (for comparison only; never opened). */
function decodedPath(uri: DocUri): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The target's path relative to the manifest's folder, when the target is under it. */
function relativeTo(manifest: DocUri, target: DocUri): string | undefined {
  const folder = decodedPath(manifest).replace(/[^/]*$/, '');
  const path = decodedPath(target);
  return folder.length > 0 && path.startsWith(folder) ? path.slice(folder.length) : undefined;
}

function yamlString(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) ? value : JSON.stringify(value);
}
