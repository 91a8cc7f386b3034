// The requirement catalogue is data validated by its own schema, complete (all 57 lowest-level
// subclauses of clauses 4–10), and its evidence rules only name fields that exist in the schemas.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { Workspace, defaultPack } from '../../server/src/engine';
import { parseFieldPath } from '../../server/src/engine/coverage/catalogue';
import { REPO_ROOT, TODAY } from '../support/engine';

/** The 57 lowest-level titled subclauses of ISO/IEC 20000-1:2018 (clause numbers are facts). */
const SUBCLAUSES = [
  '4.1', '4.2', '4.3', '4.4',
  '5.1', '5.2.1', '5.2.2', '5.3',
  '6.1', '6.2.1', '6.2.2', '6.3',
  '7.1', '7.2', '7.3', '7.4', '7.5.1', '7.5.2', '7.5.3', '7.5.4', '7.6',
  '8.1', '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.2.5', '8.2.6', '8.3.1', '8.3.2', '8.3.3', '8.3.4.1', '8.3.4.2',
  '8.4.1', '8.4.2', '8.4.3', '8.5.1.1', '8.5.1.2', '8.5.1.3', '8.5.2.1', '8.5.2.2', '8.5.2.3', '8.5.3',
  '8.6.1', '8.6.2', '8.6.3', '8.7.1', '8.7.2', '8.7.3.1', '8.7.3.2', '8.7.3.3',
  '9.1', '9.2', '9.3', '9.4',
  '10.1', '10.2',
];

describe('requirement catalogue', () => {
  const workspace = new Workspace({ pack: defaultPack(), today: TODAY });
  const catalogue = workspace.catalogue;

  it('validates against schemas/catalogue.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    const schema: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'catalogue.schema.json'), 'utf8'));
    const validate = ajv.compile(schema as object);
    const data: unknown = parse(readFileSync(join(REPO_ROOT, 'schemas', 'standards', 'iso20000-1-2018.yaml'), 'utf8'));
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
  });

  it('has evidence rules validated by schemas/standards/evidence.schema.json, one entry per requirement', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'catalogue.schema.json'), 'utf8')) as object);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'standards', 'evidence.schema.json'), 'utf8')) as object);
    const data = parse(readFileSync(join(REPO_ROOT, 'schemas', 'standards', 'iso20000-1-2018.evidence.yaml'), 'utf8')) as Record<string, unknown>;
    assert.ok(validate(data), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.deepEqual(Object.keys(data).sort(), [...catalogue.requirements()].map((r) => r.id).sort());
  });

  it('loads without problems', () => {
    assert.deepEqual(catalogue.problems, []);
  });

  it('holds exactly the 57 lowest-level subclauses of clauses 4 to 10, in order', () => {
    assert.deepEqual(catalogue.subclauses.map((subclause) => subclause.id), SUBCLAUSES);
  });

  it('holds 366 requirements with unique ids prefixed by their subclause', () => {
    const ids = [...catalogue.requirements()].map((requirement) => requirement.id);
    assert.equal(ids.length, 366);
    assert.equal(new Set(ids).size, ids.length);
    for (const subclause of catalogue.subclauses) {
      assert.ok(subclause.requirements.length > 0, `${subclause.id} has no requirement`);
      for (const requirement of subclause.requirements) assert.ok(requirement.id.startsWith(`${subclause.id}-`), requirement.id);
    }
  });

  it('gives every requirement a paraphrase and at least one evidence rule', () => {
    for (const requirement of catalogue.requirements()) {
      assert.ok(requirement.text.length > 10, `${requirement.id} has no paraphrase`);
      assert.ok(requirement.evidence.length > 0, `${requirement.id} has no evidence rule`);
    }
  });

  it('keeps uncertainty visible: reconstructed items are marked', () => {
    const confidences = new Set([...catalogue.requirements()].map((requirement) => requirement.confidence));
    assert.ok(confidences.has('verified') && confidences.has('reconstructed'));
    assert.equal(catalogue.requirement('8.3.4.1-9')?.confidence, 'reconstructed');
  });

  it('has evidence rules that name kinds and fields the schemas define', () => {
    const problems: string[] = [];
    for (const requirement of catalogue.requirements()) {
      for (const alternative of requirement.evidence) {
        const kind = workspace.schemas.kind(alternative.kind);
        if (!kind) {
          problems.push(`${requirement.id}: unknown kind ${alternative.kind}`);
          continue;
        }
        const paths = [...alternative.fields.map((field) => field.text), ...alternative.where.map((condition) => condition.text)];
        for (const text of paths) {
          const field = parseFieldPath(text);
          let node = field ? kind.root : undefined;
          for (const segment of field?.segments ?? []) {
            if (!node) break;
            node = 'name' in segment ? node.properties().get(segment.name) : node.items();
          }
          if (!node) problems.push(`${requirement.id}: ${alternative.kind} has no field ${text}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('resolves claims of subclauses, requirements, untitled paragraphs and headings', () => {
    assert.equal(catalogue.resolveClaim('8.6.1-b')?.kind, 'requirement');
    assert.equal(catalogue.resolveClaim('8.6.1')?.kind, 'subclause');
    const paragraph = catalogue.resolveClaim('8.2.3.1');
    assert.ok(paragraph?.kind === 'paragraph' && paragraph.subclauses[0]?.id === '8.2.3');
    const audit = catalogue.resolveClaim('9.2.2');
    assert.ok(audit?.kind === 'paragraph' && audit.subclauses[0]?.id === '9.2');
    const heading = catalogue.resolveClaim('8.6');
    assert.ok(heading?.kind === 'heading' && heading.subclauses.map((s) => s.id).join() === '8.6.1,8.6.2,8.6.3');
    assert.equal(catalogue.resolveClaim('8.61'), undefined);
  });

  it('contains no text copied from the reference model', function () {
    const modelPath = join(REPO_ROOT, '..', 'shared', 'reference', 'iso20000-1-2018-model.md');
    // The reference lives beside the repository (../shared) on developer and CI machines only; a clone
    // elsewhere has nothing to compare with.
    if (!existsSync(modelPath)) this.skip();
    const model = readFileSync(modelPath, 'utf8');
    const copied = [...catalogue.requirements()].filter((requirement) => requirement.text.length > 40 && model.includes(requirement.text.replace(/\.$/, '')));
    assert.deepEqual(copied.map((requirement) => requirement.id), []);
  });
});
