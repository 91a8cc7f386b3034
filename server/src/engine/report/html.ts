// The conformity report as one self-contained HTML page: inline CSS and SVG, no script, no font,
// image or stylesheet from the network (auditors open it offline and print it).
import { STATUS_LABEL, type ConformityDocument, type ConformityEvidence, type ConformityReport } from './conformity';
import type { CoverageCounts, RequirementStatus } from '../coverage/coverage';

const COLORS: Readonly<Record<RequirementStatus, string>> = { evidenced: '#2e7d32', operated: '#00838f', partial: '#f9a825', missing: '#c62828' };
const ORDER: readonly RequirementStatus[] = ['evidenced', 'operated', 'partial', 'missing'];

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const h = escapeHtml;

function badge(status: RequirementStatus): string {
  return `<span class="badge ${status}">${h(STATUS_LABEL[status])}</span>`;
}

/** One horizontal stacked bar per clause: evidenced, operated, partial, gaps. */
function coverageChart(report: ConformityReport): string {
  const labelWidth = 300;
  const barWidth = 380;
  const rowHeight = 28;
  const top = 8;
  const height = top + report.clauses.length * rowHeight + 36;
  const width = labelWidth + barWidth + 70;
  const parts: string[] = [];
  report.clauses.forEach((clause, index) => {
    const y = top + index * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="label">${h(clause.id)}  ${h(truncate(clause.title, 40))}</text>`);
    let x = labelWidth;
    for (const status of ORDER) {
      const count = clause.counts[status];
      if (count === 0 || clause.counts.total === 0) continue;
      const w = (count / clause.counts.total) * barWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${COLORS[status]}"><title>${h(`${clause.id}: ${count} ${STATUS_LABEL[status]}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 8}" fill="none" stroke="#888" stroke-width="0.5"/>`);
    parts.push(`<text x="${labelWidth + barWidth + 8}" y="${y + 17}" class="value">${clause.percent.toFixed(1)} %</text>`);
  });
  const legendY = top + report.clauses.length * rowHeight + 16;
  let legendX = labelWidth;
  for (const status of ORDER) {
    parts.push(`<rect x="${legendX}" y="${legendY - 9}" width="10" height="10" fill="${COLORS[status]}"/><text x="${legendX + 14}" y="${legendY}" class="legend">${h(STATUS_LABEL[status])}</text>`);
    legendX += 24 + STATUS_LABEL[status].length * 6.2;
  }
  return `<svg class="chart" role="img" aria-label="Coverage per clause" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function countsLine(counts: CoverageCounts): string {
  return `${counts.evidenced} evidenced, ${counts.operated} operated by another party, ${counts.partial} partial, ${counts.missing} gaps`;
}

function documentCells(document: ConformityDocument | undefined, documentId: string): string {
  if (!document) return `<td><code>${h(documentId)}</code></td><td colspan="6" class="muted">not found in the checked files</td>`;
  const flags = document.controlFindings.map((finding) => `<div class="flag">${h(finding.code)}: ${h(finding.message)}</div>`).join('');
  return [
    `<td><a href="#doc-${h(document.id)}"><code>${h(document.id)}</code></a><div class="muted">${h(document.kind)}: ${h(document.title)}</div>${flags}</td>`,
    `<td>${h(document.version)}<div class="muted">${h(document.status)}</div></td>`,
    `<td><code>${h(document.owner)}</code></td>`,
    `<td>${document.approval ? `<code>${h(document.approval.by)}</code><div class="muted">${h(document.approval.date)}, v${h(document.approval.version)}</div>` : '<span class="gap-text">none</span>'}</td>`,
    `<td class="date">${h(document.lastReview ?? '—')}</td>`,
    `<td class="date">${h(document.nextReview ?? '—')}</td>`,
  ].join('');
}

function evidenceNote(evidence: ConformityEvidence): string {
  if (evidence.status === 'partial') return `<div class="note">partial: missing ${h(evidence.missing.join(', '))}</div>`;
  if (evidence.status === 'operated') return `<div class="note">operated by <code>${h(evidence.operatedBy ?? '?')}</code></div>`;
  return '';
}

function requirementRows(id: string, text: string, status: RequirementStatus, evidence: readonly ConformityEvidence[]): string {
  const head = `<td class="req"><strong>${h(id)}</strong> ${h(text)}</td><td>${badge(status)}</td>`;
  if (evidence.length === 0) return `<tr class="${status}">${head}<td colspan="6" class="gap-text">no evidencing document</td></tr>`;
  return evidence
    .map((item, index) => {
      const lead = index === 0 ? head.replace('<td class="req">', `<td class="req" rowspan="${evidence.length}">`).replace(`<td>${badge(status)}</td>`, `<td rowspan="${evidence.length}">${badge(status)}</td>`) : '';
      const cells = documentCells(item.document, item.documentId).replace('</td>', `${evidenceNote(item)}</td>`);
      return `<tr class="${status}">${lead}${cells}</tr>`;
    })
    .join('\n');
}

const EVIDENCE_HEAD = '<th>Document</th><th>Version</th><th>Owner</th><th>Approval</th><th>Last review</th><th>Next review</th>';

const CSS = `
:root { --fg: #1b1f23; --muted: #5f6b76; --line: #d0d7de; }
* { box-sizing: border-box; }
html { background: #fff; color-scheme: light; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--fg); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; } code { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; } th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f5f7; font-weight: 600; } thead { display: table-header-group; } tr { break-inside: avoid; }
.meta td:first-child { width: 180px; color: var(--muted); } .muted { color: var(--muted); font-size: 12px; } .note { color: #8a6d00; font-size: 12px; }
.flag { color: #b00020; font-size: 12px; } .gap-text { color: #c62828; font-weight: 600; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; color: #fff; font-size: 11px; font-weight: 600; white-space: nowrap; }
.badge.evidenced { background: #2e7d32; } .badge.operated { background: #00838f; } .badge.partial { background: #f9a825; color: #1b1f23; } .badge.missing { background: #c62828; }
.req { width: 38%; } .date { white-space: nowrap; } .big { font-size: 34px; font-weight: 700; } .summary { display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
.chart text { font: 12px system-ui, sans-serif; fill: #1b1f23; } .chart .value { font-weight: 600; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: page; } h2.first { break-before: avoid; } h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

export function formatConformityHtml(report: ConformityReport): string {
  const out: string[] = [];
  const title = `Conformity report: ${report.standardId}`;
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${h(title)}${report.organisation ? ` — ${h(report.organisation)}` : ''}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<header><h1>${h(title)}</h1>`);
  out.push('<table class="meta">');
  out.push(`<tr><td>Organisation</td><td>${h(report.organisation ?? 'unknown (no manifest)')}</td></tr>`);
  if (report.scope !== undefined) out.push(`<tr><td>Scope</td><td>${h(report.scope)}</td></tr>`);
  if (report.edition !== undefined) out.push(`<tr><td>Edition claimed</td><td>${h(report.edition)}</td></tr>`);
  out.push(`<tr><td>Date of the report</td><td>${h(report.today)}</td></tr>`);
  out.push(`<tr><td>Open findings</td><td>${report.findingCounts.error} errors, ${report.findingCounts.warning} warnings</td></tr>`);
  out.push('</table></header>');

  out.push('<section id="summary"><h2 class="first">Summary</h2><div class="summary">');
  out.push(`<div><div class="big">${report.percent.toFixed(1)} %</div><div>${report.counts.evidenced + report.counts.operated} of ${report.counts.total} requirements covered</div><div class="muted">${h(countsLine(report.counts))}</div></div>`);
  out.push(coverageChart(report), '</div>');
  out.push('<table><thead><tr><th>Clause</th><th>Title</th><th>Covered</th><th>Partial</th><th>Gaps</th><th>Coverage</th></tr></thead><tbody>');
  for (const clause of report.clauses) {
    out.push(`<tr><td><a href="#clause-${h(clause.id)}">${h(clause.id)}</a></td><td>${h(clause.title)}</td><td>${clause.counts.evidenced + clause.counts.operated}/${clause.counts.total}</td><td>${clause.counts.partial}</td><td>${clause.counts.missing}</td><td>${clause.percent.toFixed(1)} %</td></tr>`);
  }
  out.push('</tbody></table></section>');

  out.push('<section id="register"><h2>Register of documented information (7.5.4)</h2>');
  out.push(`<table><thead><tr><th>Item</th><th>Status</th>${EVIDENCE_HEAD}</tr></thead><tbody>`);
  for (const item of report.register) {
    out.push(requirementRows(item.item, item.text, item.status, item.documents).replace(/<strong>[^<]*<\/strong> /, `<strong>${h(item.item)})</strong> `));
  }
  out.push('</tbody></table></section>');

  out.push('<section id="requirements">');
  for (const clause of report.clauses) {
    out.push(`<h2 id="clause-${h(clause.id)}">${h(clause.id)} ${h(clause.title)} <span class="muted">${clause.percent.toFixed(1)} % covered</span></h2>`);
    for (const subclause of clause.subclauses) {
      out.push(`<h3 id="sub-${h(subclause.id)}">${h(subclause.id)} ${h(subclause.title)} ${badge(subclause.status)}</h3>`);
      out.push(`<table><thead><tr><th>Requirement</th><th>Status</th>${EVIDENCE_HEAD}</tr></thead><tbody>`);
      for (const requirement of subclause.requirements) out.push(requirementRows(requirement.id, requirement.text, requirement.status, requirement.evidence));
      out.push('</tbody></table>');
    }
  }
  out.push('</section>');

  out.push('<section id="documents"><h2>Documents</h2>');
  out.push('<table><thead><tr><th>Document</th><th>Version</th><th>Owner</th><th>Approval</th><th>Last review</th><th>Next review</th><th>File</th></tr></thead><tbody>');
  for (const document of report.documents) {
    const row = documentCells(document, document.id).replace(`<a href="#doc-${h(document.id)}">`, '<a>');
    out.push(`<tr id="doc-${h(document.id)}">${row}<td><code>${h(document.path)}:${document.line}</code></td></tr>`);
  }
  out.push('</tbody></table></section>');
  out.push(`<footer>Generated by sms-lint ${h(report.toolVersion)} on the files as of ${h(report.today)}. Requirement texts are paraphrases; read them with the standard. Status comes from claims (<code>metadata.satisfies</code>) checked against the evidence rules of the catalogue. Approval: the role that approved, the date, the approved version.</footer>`);
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
