// SARIF 2.1.0 (validated against the official schema in the tests): the tool with its rules
// (help text and help URI), results with physical locations, and for coverage findings the
// requirement ids as logical locations.
import { RULES } from '../../engine';
import type { LintReport } from '../report';

export const RULE_DOCS_BASE = 'https://github.com/sms-lint/sms-lint/blob/main/docs/rules/';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function toSarif(report: LintReport, baseUri: string): unknown {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.code as string, index]));
  const artifacts = report.files.map((file) => ({ location: { uri: encodePath(file.path), uriBaseId: '%SRCROOT%' } }));
  const artifactIndex = new Map(report.files.map((file, index) => [file.path, index]));
  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const logicalLocations = [
        ...(finding.clauseId ? [{ name: finding.clauseId, fullyQualifiedName: `${report.coverage.standardId}/${finding.clauseId}`, kind: 'module' }] : []),
        ...finding.requirementIds.map((id) => ({ name: id, fullyQualifiedName: `${report.coverage.standardId}/${id}`, kind: 'member' })),
      ];
      return {
        ruleId: finding.code,
        ruleIndex: ruleIndex.get(finding.code) ?? -1,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodePath(file.path), uriBaseId: '%SRCROOT%', index: artifactIndex.get(file.path) ?? 0 },
              region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
            },
            ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
          },
        ],
        ...(finding.related.length > 0
          ? {
              relatedLocations: finding.related.map((related, id) => ({
                id,
                message: { text: related.message },
                physicalLocation: { artifactLocation: { uri: encodePath(related.path), uriBaseId: '%SRCROOT%' }, region: { startLine: related.line, startColumn: related.column, endLine: related.endLine, endColumn: related.endColumn } },
              })),
            }
          : {}),
        partialFingerprints: { 'smsLint/v1': fingerprint(`${finding.code}|${file.path}|${finding.message.split('\n')[0] ?? ''}`) },
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.toolName,
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: 'https://github.com/sms-lint/sms-lint',
            rules: RULES.map((rule) => ({
              id: rule.meta.code,
              name: rule.meta.name,
              shortDescription: { text: rule.meta.summary },
              fullDescription: { text: `${rule.meta.summary}${rule.meta.clauses.length > 0 ? ` Related clauses of ISO/IEC 20000-1:2018: ${rule.meta.clauses.join(', ')}.` : ''}` },
              helpUri: `${RULE_DOCS_BASE}${rule.meta.code}.md`,
              help: { text: `${rule.meta.summary} See ${RULE_DOCS_BASE}${rule.meta.code}.md`, markdown: `${rule.meta.summary} See [${rule.meta.code}](${RULE_DOCS_BASE}${rule.meta.code}.md).` },
              defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
              properties: { tags: [rule.meta.family, rule.meta.stability], clauses: rule.meta.clauses },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: baseUri.endsWith('/') ? baseUri : `${baseUri}/` } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
        properties: report.hasManifest ? { coverage: { standard: report.coverage.standardId, percent: report.coverage.percent, counts: report.coverage.counts } } : {},
      },
    ],
  };
}

export function formatSarif(report: LintReport, baseUri: string): string {
  return `${JSON.stringify(toSarif(report, baseUri), null, 2)}\n`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A stable 32-bit FNV-1a hash, hex: enough to match results across runs. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
