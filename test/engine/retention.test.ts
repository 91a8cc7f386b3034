// Files that do not retain their YAML syntax tree (the language server keeps only the open documents')
// must get exactly the findings, fixes and features of a workspace that keeps every tree.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, analyze, fixtureDirectories, loadFixture, readTree, renderFindings, uriOf } from '../support/engine';
import { definitionsOf } from '../../server/src/engine/features/navigation';
import { hover } from '../../server/src/engine/features/hover';

const NONE = (): boolean => false;

function cases(directory: string): string[] {
  const out: string[] = [];
  for (const group of ['invalid', 'valid']) {
    const folder = join(directory, 'fixtures', group);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) if (!name.endsWith('.expected') && (statSync(join(folder, name)).isDirectory() || /\.ya?ml$/.test(name))) out.push(join(folder, name));
  }
  return out;
}

describe('syntax trees released after analysis', () => {
  it('gives every rule fixture the same findings and fixes as retained trees', () => {
    let compared = 0;
    for (const { directory } of fixtureDirectories()) {
      for (const casePath of cases(directory)) {
        const files = loadFixture(casePath);
        const kept = analyze(files);
        const released = analyze(files, { retainSyntaxTree: NONE });
        assert.equal(renderFindings(released.workspace, released.findings), renderFindings(kept.workspace, kept.findings), casePath);
        compared++;
      }
    }
    assert.ok(compared > 60, `only ${compared} fixtures compared`);
  });

  it('stays equal to a fresh analysis through edits of the sample SMS, and features still work', () => {
    const files = readTree(join(REPO_ROOT, 'examples'));
    const released = analyze(files, { retainSyntaxTree: NONE });
    const problem = files.find((file) => file.path === 'processes/problem-management.yaml')!;
    const edited = problem.text.replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]');
    assert.notEqual(edited, problem.text);
    released.workspace.setFile(uriOf(problem.path), 2, edited);
    released.workspace.update();
    const fresh = analyze(files.map((file) => (file === problem ? { ...file, text: edited } : file)));
    const all = (w: typeof fresh.workspace) => [...w.allFindings().values()].flat();
    assert.equal(renderFindings(released.workspace, all(released.workspace)), renderFindings(fresh.workspace, all(fresh.workspace)));
    assert.ok(all(released.workspace).some((finding) => finding.code === 'SMS301'));
    // Hover and go-to-definition on a closed file parse it on demand.
    const sla = files.find((file) => file.path.startsWith('slas/'))!;
    const offset = sla.text.indexOf('SVC-', sla.text.indexOf('services:'));
    assert.ok(offset > 0);
    assert.deepEqual(definitionsOf(released.workspace, uriOf(sla.path), offset + 1), definitionsOf(fresh.workspace, uriOf(sla.path), offset + 1));
    assert.ok(definitionsOf(released.workspace, uriOf(sla.path), offset + 1).length > 0);
    assert.deepEqual(hover(released.workspace, uriOf(sla.path), offset + 1), hover(fresh.workspace, uriOf(sla.path), offset + 1));
  });
});
