import { defineRule, ruleCode } from '../rule';
import { isJsonObject } from '../../schema/schemaTree';
import { findPair } from '../../parse/yamlNodes';
import { isDate, metadataOf, stringField, valueSpanOf } from '../SMS401-missing-approval/documentControl';

/**
 * The approval of an approved document must cover its current content (ISO/IEC 20000-1 7.5.2 c,
 * 7.5.3): the approved version must be the document's version, and no change may be recorded after
 * the approval date. Blamed on `approval.version` or `approval.date`, the values a re-approval edits.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS402'),
    name: 'stale-approval',
    family: 'document-control',
    defaultSeverity: 'warning',
    summary: 'The approval of an approved document is older than its current version.',
    fix: 'none',
    messages: {
      versionMismatch: '{id} is at version {version} but its approval covers version {approvedVersion} (7.5.2 c).',
      changedAfterApproval: '{id} was changed on {changed} (version {changeVersion}), after its approval on {approved} (7.5.2 c).',
    },
    clauses: ['7.5.2', '7.5.3'],
    stability: 'preview',
  },
  phase: 'document',
  check({ document, report }) {
    const metadata = metadataOf(document);
    if (!metadata) return;
    if (stringField(metadata.value, 'status') !== 'approved') return;
    const approval = metadata.value['approval'];
    if (!isJsonObject(approval)) return;
    const approvalNode = findPair(metadata.node, 'approval')?.value;
    const id = document.id ?? 'This document';
    const version = stringField(metadata.value, 'version');
    const approvedVersion = stringField(approval, 'version');
    if (version !== undefined && approvedVersion !== undefined && version !== approvedVersion) {
      const span = valueSpanOf(approvalNode, 'version');
      if (span) report({ span, messageId: 'versionMismatch', args: { id, version, approvedVersion } });
    }
    const approved = stringField(approval, 'date');
    const history = metadata.value['changeHistory'];
    if (!isDate(approved) || !Array.isArray(history)) return;
    let latest: { date: string; version: string } | undefined;
    for (const entry of history) {
      if (!isJsonObject(entry)) continue;
      const date = stringField(entry, 'date');
      if (isDate(date) && (!latest || date > latest.date)) latest = { date, version: stringField(entry, 'version') ?? '?' };
    }
    if (!latest || latest.date <= approved) return;
    const span = valueSpanOf(approvalNode, 'date');
    if (span) report({ span, messageId: 'changedAfterApproval', args: { id, changed: latest.date, changeVersion: latest.version, approved } });
  },
});
