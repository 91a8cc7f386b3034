// Reading a workspace from disk for the engine, shared by every CLI command: the nearest
// .smsrc.yaml (or --config), the baseline of accepted findings, and the selected YAML files.
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, DocUri, Workspace, defaultPack, isConfigFileName } from '../engine';
import { UsageError, type CliOptions } from './args';
import { findConfigFile, selectFiles } from './files';
import { decodeText } from './decode';
import { loadFiles, type FileToRead } from './parallel';

export interface LoadedWorkspace {
  readonly workspace: Workspace;
  /** The SMS and YAML files read (not the config or the baseline). */
  readonly uris: readonly DocUri[];
  readonly configUri: DocUri | undefined;
  /** The baseline file, when one is configured and readable. */
  readonly baseline: { readonly uri: DocUri; readonly path: string; readonly text: string } | undefined;
}

/**
 * Builds the workspace for `options`. The baseline is applied unless `applyBaseline` is false
 * (`sms-lint baseline --update` needs the findings it would hide).
 */
export function loadWorkspace(options: CliOptions, cwd: string, today: string, stderr: (text: string) => void, applyBaseline: boolean): LoadedWorkspace {
  const firstTarget = resolve(cwd, options.patterns[0] ?? '.');
  const configPath = options.noConfig ? undefined : options.config !== undefined ? resolve(cwd, options.config) : findConfigFile(directoryOf(firstTarget), CONFIG_FILE_NAMES);
  // Syntax trees are not kept: a run needs a file's tree again only for the few findings that quote
  // another file (it is parsed again then), and without them ten thousand files fit in far less memory.
  const workspace = new Workspace({ pack: defaultPack(), today, ...(options.locale ? { locale: options.locale } : {}), retainSyntaxTree: () => false });
  let configUri: DocUri | undefined;
  let configText: string | undefined;
  if (configPath !== undefined) {
    try {
      configText = decodeText(readFileSync(configPath));
    } catch {
      throw new UsageError(`cannot read the configuration file ${relative(cwd, configPath) || configPath}`);
    }
    configUri = DocUri(pathToFileURL(configPath).href);
    workspace.setConfig({ uri: configUri, version: 1, text: configText });
    if (options.locale) workspace.setLocale(options.locale);
  }
  const config = workspace.config;
  // The baseline of accepted findings: --baseline, else the config's `baseline` (relative to it).
  const baselinePath = options.baseline !== undefined ? resolve(cwd, options.baseline) : config.baseline !== undefined && configPath !== undefined ? resolve(dirname(configPath), config.baseline) : undefined;
  let baseline: LoadedWorkspace['baseline'];
  if (baselinePath !== undefined) {
    try {
      baseline = { uri: DocUri(pathToFileURL(baselinePath).href), path: baselinePath, text: decodeText(readFileSync(baselinePath)) };
    } catch {
      if (options.baseline !== undefined || options.command === 'baseline') throw new UsageError(`cannot read the baseline ${relative(cwd, baselinePath) || baselinePath}`);
    }
  }
  if (baseline && applyBaseline) workspace.setBaseline({ uri: baseline.uri, version: 1, text: baseline.text });
  const selection = selectFiles(options.patterns, cwd, config.ignore, configPath !== undefined ? dirname(configPath) : cwd);
  if (selection.unmatched.length > 0) throw new UsageError(`no files match ${selection.unmatched.map((p) => `"${p}"`).join(', ')}`);
  const files: FileToRead[] = [];
  for (const file of selection.files) {
    if (isConfigFileName(file) || (baselinePath !== undefined && resolve(file) === baselinePath)) continue;
    files.push({ path: file, uri: DocUri(pathToFileURL(file).href) });
  }
  const uris = loadFiles(workspace, files, { threads: options.threads, workerScript: __filename, today, locale: options.locale, config: configUri && configText !== undefined ? { uri: configUri, text: configText } : undefined, cwd, ...(options.debug ? { debug: stderr } : {}) }, stderr);
  return { workspace, uris, configUri, baseline };
}

function directoryOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}
