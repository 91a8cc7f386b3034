// A small glob matcher (`**`, `*`, `?`, `[abc]`, `{a,b}`) for command-line patterns and the
// config's `ignore` list, on POSIX-style relative paths.

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          out += glob[i + 2] === '/' ? '(?:[^/]*(?:/|$))*' : '.*';
          i += glob[i + 2] === '/' ? 2 : 1;
          continue;
        }
      }
      out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map((part) => part.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = close;
      }
    } else out += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The leading part of a glob without wildcards: the folder to start walking from. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const base: string[] = [];
  for (const segment of segments) {
    if (isGlob(segment)) break;
    base.push(segment);
  }
  if (base.length === segments.length) base.pop();
  return base.join('/') || '.';
}

export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  return globs.some((glob) => glob.test(relativePath) || glob.test(`${relativePath}/`));
}
