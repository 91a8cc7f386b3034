// The CLI in Korean: `--locale ko` (or `locale: ko` in .smsrc.yaml) prints its own summary lines, the
// clause titles and the requirement paraphrases in Korean; the English output is checked by cli.test.ts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TODAY } from '../support/engine';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function runCli(args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '--today', TODAY, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('sms-lint CLI in Korean', function () {
  this.timeout(60000);

  it('prints the summary and the coverage per clause in Korean with --locale ko', () => {
    const { status, stdout } = runCli(['examples', '--locale', 'ko'], REPO_ROOT);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^✔ SMS 파일 72개에 문제가 없습니다 \(YAML 파일 72개 검사\)$/m);
    assert.match(stdout, /^ISO\/IEC 20000-1:2018 커버리지: 요구사항 366\/366개 증명됨 \(100\.0 %\)$/m);
    assert.match(stdout, /^ {3}8 {2}서비스 관리 시스템 운영 {2}210\/210 {2}100\.0 % {2}█{10} {2}다른 당사자 운영 \d+개$/m);
    assert.match(stdout, /^ {2}10 {2}개선 {23}18\/18 {2}100\.0 %/m);
    assert.doesNotMatch(stdout, /No problems|requirements evidenced|Operation of the service management system/);
  });

  describe('on a copy with an uncovered subclause and `locale: ko` in .smsrc.yaml', () => {
    let folder = '';
    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'sms-cli-ko-'));
      cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
      const file = join(folder, 'processes', 'problem-management.yaml');
      const text = readFileSync(file, 'utf8');
      const next = text.replace('satisfies: ["8.6.3", "7.5.4-e"]', 'satisfies: ["7.5.4-e"]');
      assert.notEqual(next, text);
      writeFileSync(file, next);
      writeFileSync(join(folder, '.smsrc.yaml'), 'locale: ko\n');
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('names the missing requirements with Korean paraphrases and fails past --max-warnings in Korean', () => {
      const { status, stdout } = runCli(['.', '--max-warnings', '0'], folder);
      assert.equal(status, 1, stdout);
      assert.match(stdout, /warning {2}8\.6\.3 문제 관리: 요구사항 13개 중 \d+개를 증명하는 문서가 없습니다: /);
      assert.match(stdout, /^ +8\.6\.3-a: 모든 문제를 기록하고 분류한다\.$/m);
      assert.match(stdout, /^✖ SMS 파일 72개에서 문제 \d+개 \(오류 0개, 경고 \d+개(, 정보 \d+개)?\)$/m);
      assert.match(stdout, /^ {3}8 {2}서비스 관리 시스템 운영 +\d+\/210 /m);
      assert.match(stdout, /^sms-lint: 경고가 너무 많습니다 \(최대 0개\)\.$/m);
      assert.doesNotMatch(stdout, /problems? \(|too many warnings|Record and classify every problem/);
    });

    it('says in Korean that the coverage is below --min-coverage', () => {
      const { status, stderr } = runCli(['.', '--min-coverage', '100'], folder);
      assert.equal(status, 1);
      assert.match(stderr, /^sms-lint: 커버리지 \d+\.\d %가 최소 기준 100 %에 미치지 못합니다$/m);
    });

    it('writes the markdown summary in Korean', () => {
      const { stdout } = runCli(['.', '-f', 'markdown'], folder);
      assert.match(stdout, /^# SMS 린트 보고서$/m);
      assert.match(stdout, /^SMS 파일 \*\*72\*\*개 검사: 오류 \*\*0\*\*개, 경고 \*\*\d+\*\*개(, 참고 \d+개)?\.$/m);
      assert.match(stdout, /^## ISO\/IEC 20000-1:2018 커버리지: \d+\.\d %$/m);
      assert.match(stdout, /^\| 8\.6\.2 \| 서비스 요청 관리 \| ✅ 증명됨 \| 6\/6 \|/m);
      assert.match(stdout, /^\| 8\.6\.1 \| 인시던트 관리 \| ✅ 다른 당사자가 운영 \| 11\/11 \|/m);
      assert.match(stdout, /^\| 8\.6\.3 \| 문제 관리 \| ❌ 누락 \| 0\/13 \|/m);
    });

    it('keeps English ids, titles and texts in JSON and adds the Korean ones next to them', () => {
      const { stdout } = runCli(['.', '-f', 'json'], folder);
      const json = JSON.parse(stdout) as { coverage: { locale: string; clauses: { id: string; title: string; localTitle: string; subclauses: { id: string; title: string; localTitle: string; requirements: { id: string; text: string; localText: string }[] }[] }[] } };
      assert.equal(json.coverage.locale, 'ko');
      const subclause = json.coverage.clauses.flatMap((clause) => clause.subclauses).find((candidate) => candidate.id === '8.6.3');
      assert.equal(subclause?.title, 'Problem management');
      assert.equal(subclause?.localTitle, '문제 관리');
      const requirement = subclause?.requirements.find((candidate) => candidate.id === '8.6.3-a');
      assert.deepEqual([requirement?.text, requirement?.localText], ['Record and classify every problem.', '모든 문제를 기록하고 분류한다.']);
    });
  });
});
