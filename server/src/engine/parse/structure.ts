// A linear pre-scan that bounds the parser's work before it starts. The `yaml` parser costs roughly
// ten microseconds per node at worst, and some shapes (flow collections nested thousands deep, left
// unclosed) cost more than linear time: a file past these limits gets a finding instead of seconds of
// work. The scan is deliberately approximate and only ever overestimates: it counts line breaks and
// commas as nodes and brackets as nesting, wherever they occur (also inside quotes and comments).

export interface StructureLimits {
  /** Estimated YAML nodes (lines + commas) beyond which a file is not parsed. */
  readonly maxNodes: number;
  /** Flow collection nesting (`[` and `{`) beyond which a file is not parsed. */
  readonly maxFlowDepth: number;
  /** YAML documents a file may hold; the text from the next document marker on is not parsed. */
  readonly maxDocumentsPerFile: number;
}

export interface StructureScan {
  /** Lines plus commas: an upper bound for the number of nodes. */
  readonly nodes: number;
  readonly maxFlowDepth: number;
  /** Offset of the `---` marker that starts a document past the limit, if any. */
  readonly cutAt: number | undefined;
}

const NEWLINE = 10;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const DASH = 45;

export function scanStructure(text: string, limits: StructureLimits): StructureScan {
  let nodes = 1;
  let depth = 0;
  let maxDepth = 0;
  let markers = 0;
  let cutAt: number | undefined;
  // Documents before the first marker: one if the file has content before it (checked lazily).
  let documentsBeforeMarkers: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      nodes++;
      continue;
    }
    if (code === COMMA) nodes++;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      if (depth > 0) depth--;
    } else if (code === DASH && cutAt === undefined && (i === 0 || text.charCodeAt(i - 1) === NEWLINE) && isMarker(text, i)) {
      // A `---` at the start of a line always starts a document (it cannot be content at column 0).
      documentsBeforeMarkers ??= hasContent(text, 0, i) ? 1 : 0;
      if (documentsBeforeMarkers + markers >= limits.maxDocumentsPerFile) cutAt = i;
      markers++;
      depth = 0;
    }
  }
  return { nodes, maxFlowDepth: maxDepth, cutAt };
}

function isMarker(text: string, i: number): boolean {
  if (text.charCodeAt(i + 1) !== DASH || text.charCodeAt(i + 2) !== DASH) return false;
  const next = text.charCodeAt(i + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Does text[from, to) hold anything but blank lines, comments and directives? */
function hasContent(text: string, from: number, to: number): boolean {
  for (const line of text.slice(from, to).split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%')) return true;
  }
  return false;
}

/** Would a full parse refuse the text, or cut it at a document marker? */
export function exceedsStructureLimits(text: string, limits: StructureLimits): boolean {
  const scan = scanStructure(text, limits);
  return scan.nodes > limits.maxNodes || scan.maxFlowDepth > limits.maxFlowDepth || scan.cutAt !== undefined;
}
