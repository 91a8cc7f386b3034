// The Korean message bundle (server/l10n/ko.json) is data: every key names a rule message or a `ui.`
// string that exists, every translation keeps the placeholders of its English template, and the
// engine formats findings with it when the locale is `ko`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse, parseDocument } from 'yaml';
import { DocUri, RULES, Workspace, defaultPack } from '../../server/src/engine';
import { clauseHover } from '../../server/src/engine/features/hover';
import { complete } from '../../server/src/engine/features/completion';
import { REPO_ROOT, TODAY, readTree, uriOf } from '../support/engine';

const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();

function readJson(path: string): Record<string, string> {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${path} is not an object`);
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    assert.equal(typeof text, 'string', `${path}: ${key} is not a string`);
    out[key] = String(text);
  }
  return out;
}

describe('Korean', () => {
  const korean = readJson(join(REPO_ROOT, 'server', 'l10n', 'ko.json'));
  const english = new Map<string, string>();
  for (const rule of RULES) for (const [id, template] of Object.entries(rule.meta.messages)) english.set(`${rule.meta.code}.${id}`, String(template));

  it('translates only rule messages that exist, with the same placeholders', () => {
    for (const [key, translation] of Object.entries(korean)) {
      if (key.startsWith('ui.')) continue;
      const template = english.get(key);
      assert.ok(template !== undefined, `${key} is not a rule message`);
      assert.deepEqual(placeholders(translation), placeholders(template), `${key}: placeholders differ`);
      assert.ok(!translation.includes('\n'), `${key}: one line`);
    }
  });

  it('translates every message of the document control, service-level and edition rules', () => {
    const missing = [...english.keys()].filter((key) => /^SMS[456]/.test(key) && korean[key] === undefined);
    assert.deepEqual(missing, []);
  });

  it('formats findings in Korean when the locale is ko', () => {
    const workspace = new Workspace({ pack: defaultPack(), today: TODAY, locale: 'ko' });
    const text = ['apiVersion: iso20000.sms/v1', 'kind: Policy', 'metadata:', '  id: POL-A', '  title: A', '  owner: ROLE-A', '  version: "1.0"', '  status: approved', 'spec:', '  type: other', '  purpose: Test.', '  statements: [One.]', ''].join('\n');
    const uri = DocUri('file:///ko/policy.yaml');
    workspace.setFile(uri, 1, text);
    workspace.update();
    const messages = workspace.findings(uri).filter((finding) => finding.code === 'SMS401').map((finding) => finding.message);
    assert.deepEqual(messages, ['POL-A은(는) 승인됨으로 표시되어 있지만 승인 기록(누가, 언제, 어느 버전을 승인했는지)이 없습니다 (7.5.2 c).']);
  });

  it('has a Korean string for every UI string of the extension manifest', () => {
    const nls = readJson(join(REPO_ROOT, 'package.nls.json'));
    const nlsKorean = readJson(join(REPO_ROOT, 'package.nls.ko.json'));
    assert.deepEqual(Object.keys(nlsKorean).sort(), Object.keys(nls).sort());
  });

  describe('the requirement catalogue in Korean (schemas/standards/iso20000-1-2018.ko.yaml)', () => {
    const path = join(REPO_ROOT, 'schemas', 'standards', 'iso20000-1-2018.ko.yaml');
    const text = readFileSync(path, 'utf8');
    const translation = parse(text) as { titles: Record<string, string>; summaries: Record<string, string>; requirements: Record<string, string>; notes: Record<string, string>; labels: Record<string, Record<string, string>> };
    const english = new Workspace({ pack: defaultPack(), today: TODAY }).catalogue;
    const hangul = /[\uac00-\ud7a3]/;

    it('validates against schemas/standards/translation.schema.json', () => {
      const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
      ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'catalogue.schema.json'), 'utf8')) as object);
      const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'standards', 'translation.schema.json'), 'utf8')) as object);
      assert.ok(validate(translation), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    });

    it('names every id once (a duplicate key is a YAML error) and is loaded without problems', () => {
      assert.deepEqual(parseDocument(text).errors.map((error) => error.message), []);
      assert.deepEqual(english.problems, []);
      assert.ok(english.translatedLocales.includes('ko'));
    });

    it('has exactly one Korean title per clause id and one paraphrase per requirement id of the catalogue, and nothing else', () => {
      // Fails when an English heading or requirement is added without its Korean text (see docs/catalogue.md).
      assert.deepEqual(Object.keys(translation.titles).sort(), [...english.headings.keys()].sort());
      assert.deepEqual(Object.keys(translation.summaries).sort(), english.subclauses.map((subclause) => subclause.id).sort());
      const requirements = [...english.requirements()];
      assert.deepEqual(Object.keys(translation.requirements).sort(), requirements.map((requirement) => requirement.id).sort());
      assert.deepEqual(Object.keys(translation.notes).sort(), requirements.filter((requirement) => requirement.note !== undefined).map((requirement) => requirement.id).sort());
    });

    it('translates every text into Hangul, never leaving the English as is', () => {
      const pairs: [string, string, string | undefined][] = [
        ...Object.entries(translation.titles).map(([id, ko]): [string, string, string | undefined] => [`title ${id}`, ko, english.titleOf(id)]),
        ...english.subclauses.map((subclause): [string, string, string | undefined] => [`summary ${subclause.id}`, translation.summaries[subclause.id] ?? '', subclause.summary]),
        ...[...english.requirements()].map((requirement): [string, string, string | undefined] => [requirement.id, translation.requirements[requirement.id] ?? '', requirement.text]),
        ...[...english.requirements()].filter((r) => r.note).map((requirement): [string, string, string | undefined] => [`note ${requirement.id}`, translation.notes[requirement.id] ?? '', requirement.note]),
        ...Object.entries(translation.labels).flatMap(([group, labels]) => Object.entries(labels).map(([level, ko]): [string, string, string | undefined] => [`label ${group}.${level}`, ko, level])),
      ];
      const bad = pairs.filter(([, ko, en]) => !hangul.test(ko) || ko === en).map(([what]) => what);
      assert.deepEqual(bad, []);
    });

    it('keeps the clause references of a paraphrase (4.1, 6.3 c), 8.5.2 …)', () => {
      const references = (sentence: string): string[] => [...sentence.matchAll(/\b\d+(?:\.\d+)+(?: [a-z]\))?/g)].map((match) => match[0]).sort();
      const differ = [...english.requirements()].filter((requirement) => JSON.stringify(references(requirement.text)) !== JSON.stringify(references(translation.requirements[requirement.id] ?? ''))).map((requirement) => requirement.id);
      assert.deepEqual(differ, []);
    });
  });

  describe('the engine in locale ko', () => {
    const examples = readTree(join(REPO_ROOT, 'examples'));
    function workspaceOf(locale: string, edit?: { path: string; from: string; to: string }): Workspace {
      const workspace = new Workspace({ pack: defaultPack(), today: TODAY, locale });
      for (const file of examples) {
        const text = edit && file.path === edit.path ? file.text.replace(edit.from, edit.to) : file.text;
        if (edit && file.path === edit.path) assert.notEqual(text, file.text, `planting in ${file.path} changed nothing`);
        workspace.setFile(uriOf(file.path), 1, text);
      }
      workspace.update();
      return workspace;
    }

    it('shows Korean titles, paraphrases, summaries and confidence in the hover on a clause', () => {
      const workspace = workspaceOf('ko');
      const hover = clauseHover(workspace, '8.6.1') ?? '';
      assert.match(hover, /\*\*8\.6\.1 인시던트 관리\*\*/);
      assert.ok(hover.includes('인시던트를 기록부터 종료까지 처리하며'), hover);
      assert.ok(hover.includes('**8.6.1-a** 모든 인시던트를 기록하고 분류한다.'), hover);
      assert.ok(hover.includes('요구사항 11개 중 11개 증명됨'), hover);
      assert.ok(hover.includes('모델 신뢰도: 검증됨'), hover);
      assert.ok(!hover.includes('Record and classify every incident'), hover);
    });

    it('keeps uncertainty visible in Korean: the confidence and the note of a reconstructed item', () => {
      const hover = clauseHover(workspaceOf('ko'), '8.3.4.1-9') ?? '';
      assert.ok(hover.includes('외부 공급자와의 분쟁을 기록하고'), hover);
      assert.ok(hover.includes('모델 신뢰도: 재구성됨(미검증) — 재구성한 항목입니다.'), hover);
      assert.ok(hover.includes('문서화된 정보: 기록'), hover);
    });

    it('documents clause ids in completion with the Korean paraphrase', () => {
      const workspace = workspaceOf('ko');
      const uri = uriOf('processes/incident-management.yaml');
      const text = workspace.text(uri) ?? '';
      const offset = text.indexOf('"8.6.1"') + 1;
      assert.ok(offset > 0, 'no claim of 8.6.1 in the incident process');
      const entries = complete(workspace, uri, offset);
      const entry = entries.find((candidate) => candidate.label === '8.6.1-b');
      assert.ok(entry, entries.map((candidate) => candidate.label).slice(0, 5).join());
      assert.equal(JSON.stringify(entry).includes('영향도와 긴급도에 따라 인시던트의 우선순위를 정한다.'), true, JSON.stringify(entry));
    });

    it('lists the missing requirements with Korean paraphrases in SMS301, and English again after a switch to en', () => {
      const workspace = workspaceOf('ko', { path: 'processes/problem-management.yaml', from: 'satisfies: ["8.6.3", "7.5.4-e"]', to: 'satisfies: ["7.5.4-e"]' });
      const messageOf = (): string => [...workspace.allFindings().values()].flat().find((finding) => finding.code === 'SMS301' && finding.message.startsWith('8.6.3 '))?.message ?? '';
      const korean = messageOf();
      assert.ok(korean.startsWith('8.6.3 문제 관리: 요구사항 13개 중 '), korean);
      assert.ok(korean.includes('\n  8.6.3-a: 모든 문제를 기록하고 분류한다.'), korean);
      workspace.setLocale('en');
      workspace.update();
      const english = messageOf();
      assert.ok(english.startsWith('8.6.3 Problem management: no document evidences '), english);
      assert.ok(english.includes('\n  8.6.3-a: Record and classify every problem.'), english);
    });
  });
});
