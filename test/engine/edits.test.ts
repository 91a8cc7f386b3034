// The edit builders: minimal insertions at the block's own indentation, in block and flow style,
// keeping comments and line endings.
import { strict as assert } from 'node:assert';
import { parseDocument, type Node, type Pair } from 'yaml';
import { LineIndex } from '../../server/src/engine';
import { appendToSequenceEdit, eolOf, fillEmptyValueEdit, insertPropertyEdit, quoteScalarEdit, removePairEdit } from '../../server/src/engine/edits/yamlEdits';
import { findPair } from '../../server/src/engine/parse/yamlNodes';
import { applyEdits } from '../support/engine';

function at(text: string, ...path: string[]): { pair: Pair<Node, Node | null> | undefined; node: Node | null | undefined } {
  let node: Node | null | undefined = parseDocument(text).contents as Node | null;
  let pair: Pair<Node, Node | null> | undefined;
  for (const key of path) {
    pair = findPair(node, key);
    node = pair?.value;
  }
  return { pair, node };
}

function insert(text: string, path: string[], key: string, value: unknown): string {
  const { pair, node } = at(text, ...path);
  const edit = insertPropertyEdit({ map: node, owner: pair, key, value, lines: new LineIndex(text), eol: eolOf(text) });
  assert.ok(edit, 'no edit');
  return applyEdits(text, [edit]);
}

function append(text: string, path: string[], item: unknown): string {
  const { pair, node } = at(text, ...path);
  const edit = appendToSequenceEdit({ seq: node, owner: pair, item, lines: new LineIndex(text), eol: eolOf(text) });
  assert.ok(edit, 'no edit');
  return applyEdits(text, [edit]);
}

describe('YAML edit builders', () => {
  it('inserts a property at the indentation of its block, after nested values and before comments of the next block', () => {
    const text = 'metadata:\n    id: A   # the id\n    approval:\n        by: X\n# next\nspec: {}\n';
    assert.equal(insert(text, ['metadata'], 'owner', 'ROLE-X'), 'metadata:\n    id: A   # the id\n    approval:\n        by: X\n    owner: ROLE-X\n# next\nspec: {}\n');
  });

  it('inserts an object property as a nested block', () => {
    const text = 'metadata:\n  id: A\n';
    assert.equal(insert(text, ['metadata'], 'approval', { approvedBy: 'ROLE-X', date: '2026-01-01' }), 'metadata:\n  id: A\n  approval:\n    approvedBy: ROLE-X\n    date: 2026-01-01\n');
  });

  it('inserts into a flow mapping', () => {
    assert.equal(insert('metadata: { id: A, title: T }\n', ['metadata'], 'owner', 'ROLE-X'), 'metadata: { id: A, title: T, owner: ROLE-X }\n');
  });

  it('fills an empty value one level deeper', () => {
    assert.equal(insert('metadata:\nspec: {}\n', ['metadata'], 'id', 'A'), 'metadata:\n  id: A\nspec: {}\n');
    const text = 'kind: Policy\nmetadata:\n';
    const { pair } = at(text, 'metadata');
    const edit = fillEmptyValueEdit(pair!, { id: 'TODO', status: 'draft' }, new LineIndex(text), '\n');
    assert.equal(applyEdits(text, [edit!]), 'kind: Policy\nmetadata:\n  id: TODO\n  status: draft\n');
  });

  it('appends to block and flow lists, and turns an empty key into a list', () => {
    assert.equal(append('satisfies:\n  - "8.6.1"  # incident\nspec: 1\n', ['satisfies'], '8.6.2'), 'satisfies:\n  - "8.6.1"  # incident\n  - "8.6.2"\nspec: 1\n');
    // A new item is quoted the way the previous one is; unquoted lists stay unquoted.
    assert.equal(append('satisfies: ["8.6.1"]\n', ['satisfies'], '8.6.2'), 'satisfies: ["8.6.1", "8.6.2"]\n');
    assert.equal(append("satisfies: ['8.6.1']\n", ['satisfies'], "it's"), "satisfies: ['8.6.1', 'it''s']\n");
    assert.equal(append('satisfies: [8.6.1]\n', ['satisfies'], '8.6.2'), 'satisfies: [8.6.1, 8.6.2]\n');
    assert.equal(append('satisfies: ["8.6.1"]\n', ['satisfies'], '9.1'), 'satisfies: ["8.6.1", "9.1"]\n');
    assert.equal(append('satisfies:\nspec: 1\n', ['satisfies'], '9.1'), 'satisfies:\n  - "9.1"\nspec: 1\n');
    assert.equal(append('documents:\n  - { id: A, path: a.yaml }\n', ['documents'], { id: 'B', path: 'b.yaml' }), 'documents:\n  - { id: A, path: a.yaml }\n  - id: B\n    path: b.yaml\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'metadata:\r\n  id: A\r\n';
    assert.equal(insert(text, ['metadata'], 'owner', 'X'), 'metadata:\r\n  id: A\r\n  owner: X\r\n');
  });

  it('quotes a scalar with its source text, and removes a block entry with its lines', () => {
    const text = 'version: 1.0\ncolour: blue\nid: A\n';
    const { node } = at(text, 'version');
    assert.equal(applyEdits(text, [quoteScalarEdit(node!, text)!]), 'version: "1.0"\ncolour: blue\nid: A\n');
    const document = parseDocument(text);
    const pair = findPair(document.contents as Node, 'colour')!;
    assert.equal(applyEdits(text, [removePairEdit(document.contents as Node, pair, new LineIndex(text))!]), 'version: 1.0\nid: A\n');
  });
});
