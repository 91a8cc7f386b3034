// "SMS: New SMS workspace" scaffolds a starter SMS that parses, validates and starts coverage.
import { strict as assert } from 'node:assert';
import { Workspace, defaultPack } from '../../server/src/engine';
import { scaffoldFiles } from '../../server/src/engine/features/scaffold';
import { TODAY, analyze } from '../support/engine';

describe('scaffold (New SMS workspace)', () => {
  const files = scaffoldFiles(new Workspace({ pack: defaultPack(), today: TODAY })).map((file) => ({ path: file.relativePath, text: file.text }));

  it('writes the config, the manifest and one starter document per template', () => {
    assert.equal(files[0]?.path, '.smsrc.yaml');
    assert.equal(files[1]?.path, 'sms.yaml');
    assert.ok(files.length > 20, `${files.length} files`);
    assert.equal(new Set(files.map((file) => file.path)).size, files.length);
  });

  it('produces documents without syntax, schema or reference errors', () => {
    const { findings } = analyze(files);
    const broken = findings.filter((finding) => /^SMS[012]/.test(finding.code));
    assert.deepEqual(broken.map((finding) => `${finding.uri} ${finding.code} ${finding.message}`), []);
  });

  it('claims every subclause somewhere, so coverage starts at more than half', () => {
    const { workspace } = analyze(files);
    const report = workspace.coverageReport();
    assert.ok(report.percent > 50, `${report.percent} %`);
  });
});
