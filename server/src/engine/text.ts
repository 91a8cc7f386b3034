// Offsets inside the engine, line/character at the edges. LineIndex converts between the two
// for adapters (LSP wants 0-based line/character, the CLI prints 1-based line:column).

export interface LineCharacter {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 code unit within the line. */
  readonly character: number;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const lineStarts = [0];
    for (let offset = 0; offset < text.length; offset++) {
      const ch = text.charCodeAt(offset);
      if (ch === 10 /* \n */) lineStarts.push(offset + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(offset + 1) === 10) offset++;
        lineStarts.push(offset + 1);
      }
    }
    this.lineStarts = lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  offsetAt(position: LineCharacter): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line] ?? 0;
    const lineEnd = this.lineEndWithoutBreak(position.line);
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), lineEnd));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
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
