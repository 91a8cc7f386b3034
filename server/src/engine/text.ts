// Offsets inside the engine, line/character at the edges. LineIndex converts between the two
// for adapters (LSP wants 0-based line/character, the CLI prints 1-based line:column).

export interface LineCharacter {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 code unit within the line. */
  readonly character: number;
}

/**
 * Where the lines of a text start: offsets to line/character and back to line starts, without the text
 * itself (what the engine keeps of a file whose text it released). One 32-bit number per line.
 */
export class LinePositions {
  constructor(
    protected readonly lineStarts: Uint32Array,
    /** Length of the text. */
    readonly length: number,
  ) {}

  static of(text: string): LinePositions {
    return new LinePositions(lineStartsOf(text), text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
  }
}

/** Offsets of the line starts: after every \n, \r\n and lone \r. */
function lineStartsOf(text: string): Uint32Array {
  // Without \r the line breaks are found by the engine's native search, several times faster than a
  // loop over every character (every file's line starts are needed for the evidence of the coverage).
  if (text.indexOf('\r') < 0) {
    let breaks = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks++;
    const starts = new Uint32Array(breaks + 1);
    let line = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return starts;
  }
  let count = 1;
  for (let offset = 0; offset < text.length; offset++) {
    const ch = text.charCodeAt(offset);
    if (ch === 10 /* \n */) count++;
    else if (ch === 13 /* \r */) {
      if (text.charCodeAt(offset + 1) === 10) offset++;
      count++;
    }
  }
  const lineStarts = new Uint32Array(count);
  let line = 1;
  for (let offset = 0; offset < text.length; offset++) {
    const ch = text.charCodeAt(offset);
    if (ch === 10 /* \n */) lineStarts[line++] = offset + 1;
    else if (ch === 13 /* \r */) {
      if (text.charCodeAt(offset + 1) === 10) offset++;
      lineStarts[line++] = offset + 1;
    }
  }
  return lineStarts;
}

export class LineIndex extends LinePositions {
  constructor(readonly text: string) {
    super(lineStartsOf(text), text.length);
  }

  /** The positions alone (the text may then be released). */
  positions(): LinePositions {
    return new LinePositions(this.lineStarts, this.length);
  }

  offsetAt(position: LineCharacter): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line] ?? 0;
    const lineEnd = this.lineEndWithoutBreak(position.line);
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), lineEnd));
  }

  /** The offset of the end of `line`, before its line break. */
  lineEndWithoutBreak(line: number): number {
    const next = this.lineStarts[line + 1];
    let end = next === undefined ? this.text.length : next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStarts[line] ?? 0);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEndWithoutBreak(line));
  }
}
