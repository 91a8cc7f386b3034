// Strings the workspace keeps for a long time (ids, types, kinds, paths, names) are interned: one copy
// per distinct value, shared by every file that uses it. The copy is a fresh flat string, because a
// value the YAML parser sliced out of a document's text is a V8 "sliced string" that keeps the whole
// text alive — a single id kept from a closed file would otherwise hold its text in memory.

/** A fresh, flat copy of `value` (never a slice of a larger string). */
export function ownCopy(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}

export class StringPool {
  private readonly pool = new Map<string, string>();
  /** Pool size after the last sweep: a sweep is due once the pool has doubled since. */
  private swept = 0;

  intern(value: string): string;
  intern(value: string | undefined): string | undefined;
  intern(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    const copy = ownCopy(value);
    this.pool.set(copy, copy);
    return copy;
  }

  get size(): number {
    return this.pool.size;
  }

  /** True when values no longer used may make up half the pool (see `rebuild`). */
  get sweepDue(): boolean {
    return this.pool.size > 2 * this.swept + 4096;
  }

  /**
   * Forgets every value, then keeps those `live` interns again (the owner calls it with the values it
   * still holds), so that ids typed and deleted over a long session do not accumulate.
   */
  rebuild(live: (keep: (value: string | undefined) => void) => void): void {
    const previous = new Map(this.pool);
    this.pool.clear();
    live((value) => {
      if (value !== undefined && previous.get(value) === value) this.pool.set(value, value);
    });
    this.swept = this.pool.size;
  }
}
