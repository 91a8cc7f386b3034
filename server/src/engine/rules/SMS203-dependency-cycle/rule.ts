import { defineRule, ruleCode } from '../rule';
import type { EntityDefinition, EntityReference } from '../../index/facts';

/**
 * Dependencies that loop back (A depends on B depends on A). An edge is a reference of a type made
 * from inside the definition of an entity of the same type (e.g. a service's `dependsOn`).
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS203'),
    name: 'dependency-cycle',
    family: 'reference',
    defaultSeverity: 'error',
    summary: 'Dependencies between services (or other entities) form a cycle.',
    fix: 'none',
    messages: {
      cycle: '{entity} `{from}` depends on `{to}`, which leads back to `{from}`: {cycle}.',
      selfCycle: '{entity} `{from}` depends on itself.',
    },
    clauses: ['8.2.2', '8.2.4'],
    stability: 'stable',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: ['service', 'component'], documentKinds: [], coverage: false },
  check({ index, report }) {
    for (const entityType of ['service', 'component']) {
      const edges = new Map<string, { to: string; reference: EntityReference }[]>();
      const definitions = index.definitionsOfType(entityType);
      const owners = new Map<string, EntityDefinition>();
      for (const [id, list] of definitions) if (list[0]) owners.set(id, list[0]);
      // Map each definition's subtree path (spec.services[3]) to its id, per file.
      const ownerByPath = new Map<string, string>();
      for (const [id, definition] of owners) ownerByPath.set(`${definition.uri}\u0000${parentPath(definition.path)}`, id);
      // Edges start inside definitions, so only the files that define this type can hold them.
      const definingFiles = new Set([...owners.values()].map((definition) => definition.uri));
      for (const reference of [...definingFiles].flatMap((uri) => index.facts(uri)?.references ?? [])) {
        if (reference.type !== entityType) continue;
        const from = findOwner(ownerByPath, reference);
        if (from === undefined) continue;
        const list = edges.get(from) ?? [];
        list.push({ to: reference.id, reference });
        edges.set(from, list);
      }
      for (const component of stronglyConnected(edges)) {
        const members = new Set(component);
        for (const from of component) {
          for (const edge of edges.get(from) ?? []) {
            if (!members.has(edge.to)) continue;
            const entity = entityType === 'service' ? 'Service' : 'Component';
            if (edge.to === from) {
              report(edge.reference.uri, { span: edge.reference.span, messageId: 'selfCycle', args: { entity, from } });
              continue;
            }
            const cycle = describeCycle(edges, members, from, edge.to);
            report(edge.reference.uri, { span: edge.reference.span, messageId: 'cycle', args: { entity, from, to: edge.to, cycle } });
          }
        }
      }
    }
  },
});

/** `spec.services[3].id` → `spec.services[3]`. */
function parentPath(path: string): string {
  return path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
}

function findOwner(ownerByPath: ReadonlyMap<string, string>, reference: EntityReference): string | undefined {
  let path = reference.path;
  for (;;) {
    const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === path) return undefined;
    path = shorter;
    const id = ownerByPath.get(`${reference.uri}\u0000${path}`);
    if (id !== undefined) return id;
  }
}

/** Tarjan's algorithm; returns components that are cycles (size > 1, or a self-loop). */
function stronglyConnected(edges: ReadonlyMap<string, readonly { to: string }[]>): string[][] {
  let counter = 0;
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((list) => list.map((edge) => edge.to))]);
  const visit = (start: string): void => {
    // Iterative to survive long dependency chains without exhausting the call stack.
    const work: { node: string; edgeIndex: number }[] = [{ node: start, edgeIndex: 0 }];
    indexOf.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const successors = edges.get(frame.node) ?? [];
      if (frame.edgeIndex < successors.length) {
        const next = successors[frame.edgeIndex++]!.to;
        if (!indexOf.has(next)) {
          indexOf.set(next, counter);
          lowLink.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, edgeIndex: 0 });
        } else if (onStack.has(next)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, indexOf.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (edges.get(frame.node) ?? []).some((edge) => edge.to === frame.node);
        if (component.length > 1 || selfLoop) out.push(component.reverse());
      }
    }
  };
  for (const node of [...nodes].sort()) if (!indexOf.has(node)) visit(node);
  return out;
}

/** `A → B → C → A`, following edges inside the cycle from `from` through `to`. */
function describeCycle(edges: ReadonlyMap<string, readonly { to: string }[]>, members: ReadonlySet<string>, from: string, to: string): string {
  const path = [from, to];
  const seen = new Set(path);
  let current = to;
  while (current !== from && path.length <= members.size + 1) {
    const nextEdge = (edges.get(current) ?? []).find((edge) => members.has(edge.to) && (edge.to === from || !seen.has(edge.to)));
    if (!nextEdge) break;
    current = nextEdge.to;
    path.push(current);
    seen.add(current);
  }
  return path.join(' → ');
}
