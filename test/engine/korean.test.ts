// The Korean message bundle (server/l10n/ko.json) is data: every key names a rule message or a `ui.`
// string that exists, every translation keeps the placeholders of its English template, and the
// engine formats findings with it when the locale is `ko`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocUri, RULES, Workspace, defaultPack } from '../../server/src/engine';
import { REPO_ROOT, TODAY } from '../support/engine';

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
});
