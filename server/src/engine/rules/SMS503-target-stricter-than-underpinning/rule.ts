import { defineRule, ruleCode } from '../rule';
import { nodeSpan, walkPath } from '../../parse/yamlNodes';
import { isJsonObject } from '../../schema/schemaTree';
import type { RelatedLocation, Span } from '../../types';
import { documentsOfKind, objects, stringOf, strings, type KindDocument } from '../SMS501-live-service-without-sla/serviceLevels';

/** Clock units in minutes; business hours and days only compare with themselves. */
const MINUTES: Readonly<Record<string, number>> = { milliseconds: 1 / 60000, seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

interface Target {
  readonly owner: KindDocument;
  readonly index: number;
  readonly id: string;
  readonly service: string | undefined;
  readonly metric: string;
  readonly priority: string | undefined;
  readonly value: number;
  readonly unit: string;
  readonly comparison: string;
}

/**
 * A customer promise must not be stricter than what the suppliers it relies on promise (ISO/IEC
 * 20000-1 8.3.4.1: supplier contracts support the service level targets; 8.3.3). A supplier target
 * underpins an SLA target when the supplier provides a component of the SLA target's service and the
 * supplier target is for that service (or for no service in particular), on the same metric, direction
 * and priority; or when the agreement's `alignment` says it supports the SLA target. A stricter SLA
 * target is blamed on its value, showing both values, unless the alignment entry linking the two
 * explains the difference in its `note` (redundancy, a recorded risk): then it is a known, documented
 * position, not an oversight.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS503'),
    name: 'target-stricter-than-underpinning',
    family: 'service-level',
    defaultSeverity: 'warning',
    summary: 'An SLA target promises more than the supplier agreement that underpins it.',
    fix: 'none',
    messages: {
      stricter: 'Target {target} promises {metric} {comparison} {value} for {service}, more than {supplierTarget} of {agreement} ({supplier}) underpins: {comparison} {underpinning} (8.3.4.1).',
    },
    clauses: ['8.3.3', '8.3.4.1'],
    stability: 'preview',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: ['target', 'component', 'supplier', 'service'], documentKinds: ['ServiceCatalogue', 'ServiceLevelAgreement', 'Agreement'], coverage: false, values: ['ServiceCatalogue', 'ServiceLevelAgreement', 'Agreement'] },
  check({ index, file, value, report }) {
    const providers = new Map<string, Set<string>>();
    for (const catalogue of documentsOfKind(index, file, value, 'ServiceCatalogue')) {
      for (const service of objects(catalogue.spec['services'])) {
        const serviceId = stringOf(service, 'id');
        if (serviceId === undefined) continue;
        providers.set(serviceId, new Set(objects(service['components']).flatMap((component) => strings([component['providedBy']]))));
      }
    }
    const supplierTargets: { supplier: string; target: Target }[] = [];
    /** `supplier target id → SLA target id → note` from the agreements' alignment blocks. */
    const alignments = new Map<string, Map<string, string | undefined>>();
    for (const agreement of documentsOfKind(index, file, value, 'Agreement')) {
      const supplier = stringOf(agreement.spec, 'supplier');
      if (supplier === undefined) continue;
      for (const target of targetsOf(agreement)) supplierTargets.push({ supplier, target });
      for (const alignment of objects(agreement.spec['alignment'])) {
        const from = stringOf(alignment, 'target');
        if (from === undefined) continue;
        const supported = alignments.get(from) ?? new Map<string, string | undefined>();
        for (const to of strings(alignment['supports'])) supported.set(to, stringOf(alignment, 'note'));
        alignments.set(from, supported);
      }
    }
    // Candidates by supplier, metric and direction, and by the alignments' SLA target: every SLA target
    // against every supplier target would be quadratic in the workspace (seconds at 10,000 documents).
    const bySupplierMetric = new Map<string, number[]>();
    const byTargetId = new Map<string, number[]>();
    supplierTargets.forEach(({ supplier, target }, ordinal) => {
      push(bySupplierMetric, `${supplier}\u0000${target.metric}\u0000${target.comparison}`, ordinal);
      push(byTargetId, target.id, ordinal);
    });
    /** SLA target id → supplier target ids whose alignment says they support it. */
    const declaredFor = new Map<string, Set<string>>();
    for (const [from, supported] of alignments) for (const to of supported.keys()) declaredFor.set(to, (declaredFor.get(to) ?? new Set()).add(from));
    for (const sla of documentsOfKind(index, file, value, 'ServiceLevelAgreement')) {
      for (const target of targetsOf(sla)) {
        if (target.service === undefined) continue;
        const suppliers = providers.get(target.service) ?? new Set<string>();
        const candidates = new Set<number>();
        for (const supplier of suppliers) for (const ordinal of bySupplierMetric.get(`${supplier}\u0000${target.metric}\u0000${target.comparison}`) ?? []) candidates.add(ordinal);
        for (const supplierTargetId of declaredFor.get(target.id) ?? []) for (const ordinal of byTargetId.get(supplierTargetId) ?? []) candidates.add(ordinal);
        for (const ordinal of [...candidates].sort((a, b) => a - b)) {
          const { supplier, target: underpinning } = supplierTargets[ordinal]!;
          if (underpinning.metric !== target.metric || underpinning.comparison !== target.comparison) continue;
          if (underpinning.priority !== undefined && target.priority !== undefined && underpinning.priority !== target.priority) continue;
          const aligned = alignments.get(underpinning.id);
          const declared = aligned?.has(target.id) === true;
          const direct = suppliers.has(supplier) && (underpinning.service === undefined || underpinning.service === target.service);
          if (!declared && !direct) continue;
          if (declared && aligned?.get(target.id) !== undefined) continue;
          const promised = comparable(target);
          const supported = comparable(underpinning);
          if (promised.scale !== supported.scale) continue;
          const stricter = target.comparison === 'at-least' ? promised.value > supported.value : promised.value < supported.value;
          if (!stricter) continue;
          const span = valueSpan(target);
          if (!span) continue;
          const supportedSpan = valueSpan(underpinning);
          const related: RelatedLocation[] = supportedSpan ? [{ uri: underpinning.owner.uri, span: supportedSpan, message: `${underpinning.id}: ${underpinning.comparison} ${underpinning.value} ${underpinning.unit}` }] : [];
          report(sla.uri, {
            span,
            messageId: 'stricter',
            args: {
              target: target.id,
              metric: target.metric,
              comparison: target.comparison,
              value: `${target.value} ${target.unit}`,
              service: target.service,
              supplierTarget: underpinning.id,
              agreement: underpinning.owner.id ?? '?',
              supplier,
              underpinning: `${underpinning.value} ${underpinning.unit}`,
            },
            related,
          });
        }
      }
    }
  },
});

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function targetsOf(owner: KindDocument): Target[] {
  const out: Target[] = [];
  objects(owner.spec['targets']).forEach((target, targetIndex) => {
    const objective = target['objective'];
    if (!isJsonObject(objective)) return;
    const id = stringOf(target, 'id');
    const metric = stringOf(target, 'metric');
    const value = objective['value'];
    const unit = stringOf(objective, 'unit');
    const comparison = stringOf(objective, 'comparison');
    if (id === undefined || metric === undefined || metric === 'other' || typeof value !== 'number' || unit === undefined || comparison === undefined) return;
    out.push({ owner, index: targetIndex, id, service: stringOf(target, 'service'), metric, priority: stringOf(target, 'priority'), value, unit, comparison });
  });
  return out;
}

function comparable(target: Target): { scale: string; value: number } {
  const factor = MINUTES[target.unit];
  if (factor !== undefined) return { scale: 'minutes', value: target.value * factor };
  return { scale: target.unit, value: target.value };
}

function valueSpan(target: Target): Span | undefined {
  const steps = walkPath(target.owner.document.yaml.contents, ['spec', 'targets', String(target.index), 'objective', 'value']);
  return steps.length === 5 ? nodeSpan(steps[4]?.node) : undefined;
}
