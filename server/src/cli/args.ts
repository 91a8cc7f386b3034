// Command-line arguments of sms-lint. Hand-written so that errors are one clear line (exit 2).

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const REPORT_FORMATS = ['markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface CliOptions {
  readonly command: 'lint' | 'report' | 'baseline' | 'help' | 'version';
  /** The baseline of accepted findings (`--baseline FILE`; else the config's `baseline`). */
  readonly baseline: string | undefined;
  /** `sms-lint baseline --update`: prune entries that no longer match. */
  readonly update: boolean;
  readonly patterns: readonly string[];
  readonly format: Format;
  /** For `report`: the conformity report's format. */
  readonly reportFormat: ReportFormat;
  readonly output: string | undefined;
  readonly maxWarnings: number | undefined;
  readonly minCoverage: number | undefined;
  readonly today: string | undefined;
  readonly config: string | undefined;
  readonly noConfig: boolean;
  readonly locale: string | undefined;
  readonly quiet: boolean;
  readonly color: boolean | undefined;
  readonly cache: boolean;
  readonly cacheLocation: string | undefined;
  readonly debug: boolean;
  readonly threads: number | undefined;
}

export class UsageError extends Error {}

export const HELP = `sms-lint — check an ISO/IEC 20000-1:2018 service management system kept as YAML

Usage: sms-lint [options] [paths or globs...]     (default: the current folder)
       sms-lint baseline --update [paths] [--baseline FILE]   prune accepted findings that no longer match
       sms-lint report [options] [paths...]        conformity report (markdown, or --format html)

Options:
  -f, --format <name>       stylish (default), json, sarif, junit, github, markdown
  -o, --output <file>       write the report to a file instead of standard output
      --max-warnings <n>    exit 1 when there are more than n warnings (default: no limit)
      --min-coverage <pct>  exit 1 when fewer than pct % of the requirements are evidenced
      --today <YYYY-MM-DD>  the date for date-based checks (default: today)
  -c, --config <file>       use this configuration file instead of the nearest .smsrc.yaml
      --no-config           ignore configuration files
      --locale <en|ko>      language of messages
  -q, --quiet               report errors only
      --color, --no-color   force or disable colours (default: only on a terminal)
      --baseline <file>     a baseline of accepted findings (default: the config's baseline)
      --cache               only re-check files that changed since the last run
      --cache-location <p>  where to keep the cache (default: .smslintcache)
      --threads <n>         threads analysing files (default: one per core for large workspaces)
      --debug               print stack traces of internal errors
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors and warnings within --max-warnings (and coverage at least --min-coverage);
            1 findings over the threshold; 2 usage or internal error.
Files are SMS documents when they carry 'apiVersion: iso20000.sms/v1'; other YAML is skipped.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const patterns: string[] = [];
  let command: CliOptions['command'] = 'lint';
  let baseline: string | undefined;
  let update = false;
  let format: Format = 'stylish';
  let reportFormat: ReportFormat = 'markdown';
  let output: string | undefined;
  let maxWarnings: number | undefined;
  let minCoverage: number | undefined;
  let today: string | undefined;
  let config: string | undefined;
  let noConfig = false;
  let locale: string | undefined;
  let quiet = false;
  let color: boolean | undefined;
  let cache = false;
  let cacheLocation: string | undefined;
  let debug = false;
  let threads: number | undefined;

  const args = [...argv];
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  while (args.length > 0) {
    let arg = args.shift()!;
    if (arg.startsWith('--') && arg.includes('=')) {
      const [flag, ...rest] = arg.split('=');
      args.unshift(rest.join('='));
      arg = flag ?? arg;
    }
    switch (arg) {
      case '-h':
      case '--help':
        command = 'help';
        break;
      case '-v':
      case '--version':
        command = 'version';
        break;
      case '-f':
      case '--format': {
        const name = value(arg);
        if (command === 'report') {
          if (name !== 'markdown' && name !== 'html') throw new UsageError(`unknown report format "${name}"; use one of ${REPORT_FORMATS.join(', ')}`);
          reportFormat = name;
          break;
        }
        if (!(FORMATS as readonly string[]).includes(name)) throw new UsageError(`unknown format "${name}"; use one of ${FORMATS.join(', ')}`);
        format = name as Format;
        break;
      }
      case '-o':
      case '--output':
      case '--output-file':
        output = value(arg);
        break;
      case '--max-warnings':
        maxWarnings = integer(arg, value(arg), 0);
        break;
      case '--min-coverage':
        minCoverage = percentage(arg, value(arg));
        break;
      case '--today': {
        const date = value(arg);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new UsageError(`--today needs a date written YYYY-MM-DD, not "${date}"`);
        today = date;
        break;
      }
      case '-c':
      case '--config':
        config = value(arg);
        break;
      case '--no-config':
        noConfig = true;
        break;
      case '--locale': {
        const name = value(arg);
        if (name !== 'en' && name !== 'ko') throw new UsageError(`unknown locale "${name}"; use en or ko`);
        locale = name;
        break;
      }
      case '-q':
      case '--quiet':
        quiet = true;
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--cache':
        cache = true;
        break;
      case '--baseline':
        baseline = value(arg);
        break;
      case '--update':
        update = true;
        break;
      case '--cache-location':
        cacheLocation = value(arg);
        cache = true;
        break;
      case '--threads':
        threads = integer(arg, value(arg), 1);
        break;
      case '--debug':
        debug = true;
        break;
      case '--':
        patterns.push(...args.splice(0));
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} (see sms-lint --help)`);
        // A subcommand is the first positional argument; lint a folder named `report` as `./report`.
        if (arg === 'baseline' && patterns.length === 0 && command === 'lint') {
          command = 'baseline';
          break;
        }
        if (arg === 'report' && patterns.length === 0 && command === 'lint') {
          command = 'report';
          break;
        }
        patterns.push(arg);
    }
  }
  if (command === 'baseline' && !update) throw new UsageError('sms-lint baseline needs --update (it prunes the accepted findings that no longer match)');
  return { command, baseline, update, patterns, format, reportFormat, output, maxWarnings, minCoverage, today, config, noConfig, locale, quiet, color, cache, cacheLocation, debug, threads };
}

function integer(flag: string, text: string, minimum: number): number {
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new UsageError(`${flag} needs a whole number of at least ${minimum}, not "${text}"`);
  return parsed;
}

function percentage(flag: string, text: string): number {
  const parsed = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 100) throw new UsageError(`${flag} needs a percentage between 0 and 100, not "${text}"`);
  return parsed;
}
