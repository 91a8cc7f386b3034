// The bundled sample SMS is complete and clean, and coverage reacts exactly: removing one process
// definition yields the missing-coverage findings for the requirements only it evidenced.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { REPO_ROOT, analyze, readTree, uriOf, type FixtureFile } from '../support/engine';

const examples = readTree(join(REPO_ROOT, 'examples'));

describe('examples/ (the sample SMS)', () => {
  const full = analyze(examples);

  it('has no findings at all', () => {
    assert.deepEqual(full.findings.map((f) => `${f.uri} ${f.code} ${f.message.split('\n')[0]}`), []);
  });

  it('evidences 100 % of the 366 requirements', () => {
    const report = full.workspace.coverageReport();
    assert.equal(report.counts.total, 366);
    assert.equal(report.counts.evidenced + report.counts.operated, 366);
    assert.equal(report.percent, 100);
  });

  it('has at least 8 services with dependencies, 3 SLAs and a process definition for every clause-8 process', () => {
    const index = full.workspace.index;
    const services = index.definitionsOfType('service');
    assert.ok(services.size >= 8, `${services.size} services`);
    assert.ok([...index.allReferences()].some((r) => r.type === 'service' && r.path.includes('dependsOn')));
    assert.ok([...index.documentsOfKind('ServiceLevelAgreement')].length >= 3);
    const processes = new Set<string>();
    for (const document of index.documentsOfKind('ProcessDefinition')) {
      const value = full.workspace.parsed(document.uri)?.documents.find((d) => d.indexInFile === document.indexInFile)?.value as { spec?: { process?: string } } | undefined;
      if (value?.spec?.process) processes.add(value.spec.process);
    }
    for (const process of ['incident-management', 'service-request-management', 'problem-management', 'change-management', 'service-design-and-transition', 'release-and-deployment-management', 'service-level-management', 'supplier-management', 'business-relationship-management', 'service-catalogue-management', 'asset-management', 'configuration-management', 'budgeting-and-accounting', 'demand-management', 'capacity-management', 'service-availability-management', 'service-continuity-management', 'information-security-management', 'operational-planning-and-control', 'service-portfolio-management', 'control-of-other-parties']) {
      assert.ok(processes.has(process), `no process definition for ${process}`);
    }
  });

  const processFiles = examples.filter((file) => file.path.startsWith('processes/'));
  for (const removed of processFiles) {
    it(`without ${removed.path}, reports exactly the requirements only it evidenced`, () => {
      const coverage = full.workspace.coverageReport();
      const onlyHere = new Set<string>();
      for (const clause of coverage.clauses) {
        for (const subclause of clause.subclauses) {
          for (const requirement of subclause.requirements) {
            if (requirement.evidence.length > 0 && requirement.evidence.every((c) => c.uri === uriOf(removed.path))) onlyHere.add(requirement.requirement.id);
          }
        }
      }
      const rest: FixtureFile[] = examples.filter((file) => file !== removed);
      const { findings, workspace } = analyze(rest);
      const reported = new Set<string>();
      for (const finding of findings) {
        if (finding.code === 'SMS301' || finding.code === 'SMS302') for (const id of finding.data.requirementIds ?? []) reported.add(id);
      }
      assert.deepEqual([...reported].sort(), [...onlyHere].sort());
      const after = workspace.coverageReport();
      for (const id of onlyHere) assert.notEqual(after.requirement(id)?.status, 'evidenced');
      // One finding per uncovered subclause, on the manifest.
      const uncovered = findings.filter((finding) => finding.code === 'SMS301');
      assert.equal(new Set(uncovered.map((finding) => finding.data.clauseId)).size, uncovered.length);
      for (const finding of uncovered) assert.equal(finding.uri, uriOf('sms.yaml'));
    });
  }

  it('reports a claim with a missing part as partial, at the claim, naming what is missing', () => {
    const problem = examples.find((file) => file.path === 'processes/problem-management.yaml');
    assert.ok(problem);
    const withoutKnownErrors = problem.text.replace(/\n  knownErrors:[\s\S]*?(?=\n  [a-zA-Z])/, '');
    assert.notEqual(withoutKnownErrors, problem.text, 'the fixture lost its knownErrors block');
    const { findings, workspace } = analyze(examples.map((file) => (file === problem ? { path: file.path, text: withoutKnownErrors } : file)));
    const partial = findings.filter((finding) => finding.code === 'SMS302');
    assert.equal(partial.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
    const first = partial[0]!;
    assert.equal(first.uri, uriOf('processes/problem-management.yaml'));
    assert.deepEqual(first.data.requirementIds, ['8.6.3-6', '8.6.3-7']);
    assert.match(first.message, /spec\.knownErrors\.recording/);
    const text = workspace.text(first.uri) ?? '';
    assert.equal(text.slice(first.span.start, first.span.end), '"8.6.3"');
    // Partial, not missing: no uncovered-subclause finding for 8.6.3.
    assert.ok(!findings.some((finding) => finding.code === 'SMS301' && finding.data.clauseId === '8.6.3'));
  });
});
