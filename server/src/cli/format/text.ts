// The words of the CLI's human-readable outputs in the run's locale: its sentences come from the
// engine's message bundle (`ui.cli.*` and `ui.status.*` in server/l10n/<locale>.json), clause titles and
// paraphrases from the catalogue's translation. English is the default and the fallback.
import type { Workspace } from '../../engine';
import type { CatalogueText } from '../../engine/coverage/catalogue';
import { fillTemplate, type MessageArgs } from '../../engine/i18n/messages';

export interface OutputText {
  /** `en`, or the locale whose bundle is used. */
  readonly locale: string;
  /** The sentence `ui.<key>` in the locale, else the English `template`, with `args` filled in. */
  readonly format: (key: string, template: string, args?: MessageArgs) => string;
  /** The catalogue's titles and paraphrases in the locale; undefined in English (use the catalogue's own). */
  readonly catalogue: CatalogueText | undefined;
}

export const ENGLISH: OutputText = { locale: 'en', format: (_key, template, args = {}) => fillTemplate(template, args), catalogue: undefined };

export function outputTextOf(workspace: Workspace): OutputText {
  if (workspace.locale === 'en') return ENGLISH;
  return { locale: workspace.locale, format: (key, template, args = {}) => workspace.formatMessage(`ui.${key}`, template, args), catalogue: workspace.catalogueText };
}

/** English plural ending: `file${pluralS(n)}`. */
export const pluralS = (count: number): string => (count === 1 ? '' : 's');

/**
 * Columns a text takes in a terminal: East Asian wide characters (Hangul, CJK, full-width forms) take
 * two, so that Korean titles line up.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** `padEnd` by terminal columns. */
export function padEndColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}
