// Architecture invariants (see ARCHITECTURE.md), checked so that they do not decay:
// the engine imports neither VS Code, nor LSP, nor Node's I/O modules, and never reads `process`;
// the client reaches the server only through the shared protocol file.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/engine';

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures') out.push(...sourceFiles(full));
    } else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function imports(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    out.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return out;
}

const FORBIDDEN_IN_ENGINE = [/^vscode/, /^node:/, /^(fs|path|child_process|os|url|util|http|https|net|worker_threads|crypto)(\/|$)/];

describe('architecture invariants', () => {
  const engineFiles = sourceFiles(join(REPO_ROOT, 'server', 'src', 'engine'));

  it('the engine imports no VS Code, LSP or Node I/O module', () => {
    const offences: string[] = [];
    for (const file of engineFiles) {
      for (const specifier of imports(readFileSync(file, 'utf8'))) {
        if (FORBIDDEN_IN_ENGINE.some((pattern) => pattern.test(specifier))) offences.push(`${relative(REPO_ROOT, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it('the engine never reads process, the clock or the console', () => {
    const offences: string[] = [];
    for (const file of engineFiles) {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const pattern of [/\bprocess\./, /\bnew Date\(\s*\)/, /\bDate\.now\(/, /\bconsole\./]) {
        if (pattern.test(code)) offences.push(`${relative(REPO_ROOT, file)} uses ${pattern.source}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it("the engine takes the yaml package's values from parse/yamlRuntime.ts (bound once, not a getter per use)", () => {
    const offences: string[] = [];
    for (const file of engineFiles) {
      if (file.endsWith('yamlRuntime.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'yaml'/g)) {
        const values = match[1] ? [] : (match[2] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '' && !name.startsWith('type '));
        if (values.length > 0) offences.push(`${relative(REPO_ROOT, file)} imports ${values.join(', ')} from 'yaml'`);
      }
      if (/import\s+\*\s+as\s+\w+\s+from\s+'yaml'/.test(text)) offences.push(`${relative(REPO_ROOT, file)} imports * from 'yaml'`);
    }
    assert.deepEqual(offences, []);
  });

  it('the engine does not import the adapters', () => {
    const offences: string[] = [];
    for (const file of engineFiles) {
      for (const specifier of imports(readFileSync(file, 'utf8'))) if (/\/(lsp|cli)\//.test(specifier) || specifier.includes('client/')) offences.push(`${relative(REPO_ROOT, file)} imports ${specifier}`);
    }
    assert.deepEqual(offences, []);
  });

  it('the CLI and the language server do not import each other', () => {
    const offences: string[] = [];
    for (const [face, other] of [['cli', 'lsp'], ['lsp', 'cli']] as const) {
      for (const file of sourceFiles(join(REPO_ROOT, 'server', 'src', face))) {
        for (const specifier of imports(readFileSync(file, 'utf8'))) if (specifier.includes(`/${other}/`) || specifier === `../${other}`) offences.push(`${relative(REPO_ROOT, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it('the client reaches the server only through the shared protocol', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(join(REPO_ROOT, 'client', 'src'))) {
      for (const specifier of imports(readFileSync(file, 'utf8'))) {
        if (specifier.includes('server/src/') && !specifier.endsWith('server/src/shared/protocol')) offences.push(`${relative(REPO_ROOT, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(offences, []);
  });
});
