// Every user-visible string of the engine passes through here, so a locale is a data file.
// Templates use named placeholders: `Unknown property {property}.`

export type MessageArgs = Readonly<Record<string, string | number>>;

/** Translations keyed by `<RULE CODE>.<message id>` for rule messages and `ui.<id>` for other strings. */
export type MessageBundle = Readonly<Record<string, string>>;

export class Messages {
  constructor(
    readonly locale: string,
    private readonly bundle: MessageBundle,
  ) {}

  static english(): Messages {
    return new Messages('en', {});
  }

  /** Formats `template` (the English text) or its translation under `key`. */
  format(key: string, template: string, args: MessageArgs = {}): string {
    const translated = this.bundle[key] ?? template;
    return fillTemplate(translated, args);
  }
}

export function fillTemplate(template: string, args: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = args[name];
    return value === undefined ? whole : String(value);
  });
}
