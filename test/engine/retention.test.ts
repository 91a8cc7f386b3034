// Files that do not retain their YAML syntax tree (the language server keeps only the open documents')
// must get exactly the findings, fixes and features of a workspace that keeps every tree.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, analyze, fixtureDirectories, loadFixture, readTree, renderFindings, uriOf } from '../support/engine';
import { definitionsOf, referencesOf, rename } from '../../server/src/engine/features/navigation';
import { hover } from '../../server/src/engine/features/hover';
import { fixAll, quickFixes } from '../../server/src/engine/features/codeActions';
import { complete } from '../../server/src/engine/features/completion';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { codeLenses } from '../../server/src/engine/features/codeLens';
import type { DocUri, Workspace } from '../../server/src/engine';

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

/** A "disk" the workspace reads released texts from, counting the reads. */
function disk(files: readonly { path: string; text: string }[]): { texts: Map<string, string>; reads: number; loadText: (uri: DocUri) => string | undefined } {
  const texts = new Map(files.map((file) => [uriOf(file.path) as string, file.text]));
  const state = {
    texts,
    reads: 0,
    loadText: (uri: DocUri): string | undefined => {
      state.reads++;
      return texts.get(uri);
    },
  };
  return state;
}

/** Everything a client can ask of a file, as data (findings, hovers, navigation, fixes, symbols, lenses). */
function features(workspace: Workspace, uri: DocUri, text: string): unknown {
  const offsets = [...text.matchAll(/\b(?:SVC|PRC|POL|PLN|REC|SLA|AGR|REG|SUP|RSK|DOC|SMS|CAT)-[A-Z0-9-]+|\b\d+\.\d+(?:\.\d+)*(?:-[a-z])?\b/g)].map((match) => (match.index ?? 0) + 1).slice(0, 40);
  return {
    findings: workspace.findings(uri),
    hovers: offsets.map((offset) => hover(workspace, uri, offset)),
    definitions: offsets.map((offset) => definitionsOf(workspace, uri, offset)),
    references: offsets.map((offset) => referencesOf(workspace, uri, offset, true)),
    renames: offsets.slice(0, 5).map((offset) => rename(workspace, uri, offset, 'RENAMED-ID')),
    quickFixes: workspace.findings(uri).map((finding) => quickFixes(workspace, uri, finding.span)),
    fixAll: fixAll(workspace, uri),
    completion: offsets.slice(0, 5).map((offset) => complete(workspace, uri, offset).map((entry) => entry.label)),
    symbols: documentSymbols(workspace, uri),
    lenses: codeLenses(workspace, uri),
    lines: workspace.lines(uri)?.lineCount,
    positions: offsets.map((offset) => workspace.positions(uri)?.positionAt(offset)),
  };
}

describe('texts released after analysis', () => {
  const ALL = (): boolean => false;

  it('gives every rule fixture the same findings and fixes as kept texts', () => {
    let compared = 0;
    let reads = 0;
    for (const { directory } of fixtureDirectories()) {
      for (const casePath of cases(directory)) {
        const files = loadFixture(casePath);
        const kept = analyze(files);
        const source = disk(files);
        const released = analyze(files, { retainSyntaxTree: NONE, retainText: ALL, loadText: source.loadText });
        assert.equal(renderFindings(released.workspace, released.findings), renderFindings(kept.workspace, kept.findings), casePath);
        reads += source.reads;
        compared++;
      }
    }
    assert.ok(compared > 60, `only ${compared} fixtures compared`);
    assert.ok(reads > 0, 'no text was read again: were they released?');
  });

  it('keeps every text without loadText (the CLI), whatever retainText says', () => {
    const files = readTree(join(REPO_ROOT, 'examples'));
    const { workspace } = analyze(files, { retainText: ALL });
    for (const file of files) if (workspace.hasFile(uriOf(file.path))) assert.equal(workspace.text(uriOf(file.path)), file.text);
  });

  it('answers every feature on the sample SMS as a workspace that keeps its texts, through edits', () => {
    const files = readTree(join(REPO_ROOT, 'examples'));
    const source = disk(files);
    const released = analyze(files, { retainSyntaxTree: NONE, retainText: ALL, loadText: source.loadText });
    const kept = analyze(files);
    const compare = (label: string): void => {
      for (const [uri, text] of source.texts) {
        if (!kept.workspace.hasFile(uri as DocUri)) continue;
        assert.deepEqual(features(released.workspace, uri as DocUri, text), features(kept.workspace, uri as DocUri, text), `${label}: ${uri}`);
      }
      assert.deepEqual(released.workspace.coverageReport().clauses, kept.workspace.coverageReport().clauses, label);
      assert.deepEqual([...released.workspace.allFindings()], [...kept.workspace.allFindings()], label);
    };
    compare('after the initial check');
    assert.ok(source.reads > 0);

    // An edit of a closed file (as a watched-file event delivers it): the new text is analysed, then released.
    const problem = uriOf('processes/problem-management.yaml');
    const edited = source.texts.get(problem)!.replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]');
    source.texts.set(problem, edited);
    for (const { workspace } of [released, kept]) {
      workspace.setFile(problem, 2, edited);
      workspace.update();
    }
    compare('after an edit');
    assert.ok([...released.workspace.allFindings().values()].flat().some((finding) => finding.code === 'SMS301'));

    // The same text again (another watcher event, a save without change): nothing to do.
    released.workspace.setFile(problem, 3, edited);
    assert.equal(released.workspace.needsUpdate, false);
    assert.equal(released.workspace.version(problem), 3);
    // A different text of the same length is recognised by its hash.
    const sameLength = edited.replace('PRC-PROBLEM', 'PRC-PROBLEX');
    assert.equal(sameLength.length, edited.length);
    assert.notEqual(sameLength, edited);
    released.workspace.setFile(problem, 4, sameLength);
    assert.equal(released.workspace.needsUpdate, true);
    // (Back at the version the other workspace analysed: fixes carry the version they were computed for.)
    released.workspace.setFile(problem, 2, edited);
    released.workspace.update();
    compare('after the same text again');
    assert.deepEqual(released.workspace.ruleErrors, []);
  });

  it('analyses a file again when its text changed on disk before the notification, and survives a deleted one', () => {
    const files = readTree(join(REPO_ROOT, 'examples'));
    const source = disk(files);
    const released = analyze(files, { retainSyntaxTree: NONE, retainText: ALL, loadText: source.loadText });
    const catalogue = uriOf('catalogue/service-catalogue.yaml');
    // (Texts read again for the workspace rules' fixes stay in a small cache; this empties it.)
    released.workspace.releaseSyntaxTrees();
    // Three lines more at the top: every position in the file moves.
    const changed = `# one\n# two\n# three\n${source.texts.get(catalogue)!}`;
    source.texts.set(catalogue, changed);
    // A feature that needs the text reads the new one: the file is analysed again at the next update.
    assert.equal(released.workspace.text(catalogue), changed);
    assert.equal(released.workspace.needsUpdate, true);
    released.workspace.update();
    const fresh = analyze(files.map((file) => (uriOf(file.path) === catalogue ? { ...file, text: changed } : file)));
    const sla = uriOf('slas/brightwater.yaml');
    const slaText = source.texts.get(sla)!;
    assert.deepEqual(features(released.workspace, sla, slaText), features(fresh.workspace, sla, slaText));
    assert.deepEqual(features(released.workspace, catalogue, changed), features(fresh.workspace, catalogue, changed));
    assert.deepEqual([...released.workspace.allFindings()], [...fresh.workspace.allFindings()]);

    // Deleted on disk, the deletion not yet notified: features answer without crashing, and the removal cleans up.
    source.texts.delete(catalogue);
    const offset = slaText.indexOf('SVC-', slaText.indexOf('services:')) + 1;
    assert.doesNotThrow(() => features(released.workspace, sla, slaText));
    assert.doesNotThrow(() => rename(released.workspace, sla, offset, 'SVC-NEW'));
    assert.doesNotThrow(() => released.workspace.parsed(catalogue));
    released.workspace.update();
    released.workspace.removeFile(catalogue);
    released.workspace.update();
    assert.deepEqual(released.workspace.ruleErrors, []);
    const gone = analyze(files.filter((file) => uriOf(file.path) !== catalogue));
    assert.deepEqual([...released.workspace.allFindings()], [...gone.workspace.allFindings()]);
  });

  it('keeps the texts of retained (open) files and takes one back when the file is opened', () => {
    const files = readTree(join(REPO_ROOT, 'examples'));
    const source = disk(files);
    const open = new Set<string>();
    const released = analyze(files, { retainSyntaxTree: (uri) => open.has(uri), retainText: (uri) => open.has(uri), loadText: source.loadText });
    const sla = uriOf('slas/brightwater.yaml');
    open.add(sla);
    // The editor opens the file with the text on disk: no analysis, and no read of the disk afterwards.
    released.workspace.setFile(sla, 1, source.texts.get(sla)!);
    assert.equal(released.workspace.needsUpdate, false);
    const reads = source.reads;
    assert.equal(released.workspace.text(sla), source.texts.get(sla));
    released.workspace.lines(sla);
    assert.equal(source.reads, reads);
  });
});
