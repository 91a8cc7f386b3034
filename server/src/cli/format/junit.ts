// JUnit XML: one test suite per file, one failing test case per finding; one suite for coverage
// with one test case per subclause (failing when not fully evidenced).
import type { LintReport } from '../report';

const xml = (text: string): string =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function formatJunit(report: LintReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of report.files) {
    const cases = file.findings.map((finding) => {
      const name = `${finding.line}:${finding.column} ${finding.code} ${finding.rule}`;
      const kind = finding.severity === 'error' ? 'error' : 'warning';
      return `    <testcase classname="${xml(file.path)}" name="${xml(name)}" time="0"><failure type="${kind}" message="${xml(finding.message.split('\n')[0] ?? '')}">${xml(`${file.path}:${finding.line}:${finding.column} ${finding.message}`)}</failure></testcase>`;
    });
    tests += cases.length;
    failures += cases.length;
    suites.push(`  <testsuite name="${xml(file.path)}" tests="${cases.length}" failures="${cases.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (report.hasManifest) {
    const cases: string[] = [];
    let coverageFailures = 0;
    for (const clause of report.coverage.clauses) {
      for (const subclause of clause.subclauses) {
        const covered = subclause.counts.evidenced + subclause.counts.operated;
        const name = `${subclause.subclause.id} ${subclause.subclause.title} (${covered}/${subclause.counts.total})`;
        if (covered === subclause.counts.total) cases.push(`    <testcase classname="coverage.${xml(clause.id)}" name="${xml(name)}" time="0"/>`);
        else {
          coverageFailures++;
          const gaps = subclause.requirements.filter((r) => r.status === 'missing' || r.status === 'partial').map((r) => `${r.requirement.id} (${r.status}): ${r.requirement.text}`);
          cases.push(`    <testcase classname="coverage.${xml(clause.id)}" name="${xml(name)}" time="0"><failure type="coverage" message="${xml(`${subclause.subclause.id} is not fully evidenced`)}">${xml(gaps.join('\n'))}</failure></testcase>`);
        }
      }
    }
    tests += cases.length;
    failures += coverageFailures;
    suites.push(`  <testsuite name="ISO/IEC 20000-1:2018 coverage" tests="${cases.length}" failures="${coverageFailures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  out.push(`<testsuites name="sms-lint" tests="${tests}" failures="${failures}" errors="0" time="0">`, ...suites, '</testsuites>');
  return `${out.join('\n')}\n`;
}
