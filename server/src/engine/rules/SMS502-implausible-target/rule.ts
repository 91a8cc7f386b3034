import { defineRule, ruleCode } from '../rule';
import { fileFix } from '../support';
import { nodeSpan, walkPath } from '../../parse/yamlNodes';
import { isJsonObject } from '../../schema/schemaTree';
import type { Span } from '../../types';

/** Metrics measured as a share of time or of cases: percent, the higher the better. */
const PERCENT_METRICS = new Set(['availability', 'change-success', 'backup-success']);
/** Metrics measured as a duration: the lower the better. */
const TIME_METRICS = new Set(['incident-response', 'incident-resolution', 'request-response', 'request-fulfilment', 'recovery-time', 'recovery-point', 'response-time']);
const TIME_UNITS = new Set(['milliseconds', 'seconds', 'minutes', 'hours', 'business-hours', 'days', 'business-days']);

/**
 * The schema makes every target measurable (value, unit, comparison, window); this rule checks that
 * the numbers can be met and measured at all (ISO/IEC 20000-1 8.3.3: agreed targets; 9.1: what is
 * measured): a percentage between 0 and 100, an attainment share in (0, 100], a unit and a
 * direction that fit the metric. It checks SLAs and supplier agreements alike.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS502'),
    name: 'implausible-target',
    family: 'service-level',
    defaultSeverity: 'warning',
    summary: 'A service level target cannot be met or measured as written: a percentage over 100, a unit or direction that does not fit the metric.',
    fix: 'sometimes',
    messages: {
      percentOutOfRange: 'Target {target}: {value} percent is outside 0–100.',
      attainmentOutOfRange: 'Target {target}: an attainment of {value} % is outside 0–100 (the share of cases that must meet the target).',
      negativeValue: 'Target {target} ({metric}): a negative value ({value}) cannot be measured.',
      unitMismatch: 'Target {target}: {metric} is measured in {expected}, not in {unit}.',
      comparisonMismatch: 'Target {target} ({metric}) is met by {better} values, so its comparison is {expected}, not {comparison}.',
    },
    clauses: ['8.3.3', '8.3.4.1', '9.1'],
    stability: 'preview',
  },
  phase: 'document',
  check({ file, document, report }) {
    if (document.kind !== 'ServiceLevelAgreement' && document.kind !== 'Agreement') return;
    if (!isJsonObject(document.value)) return;
    const spec = document.value['spec'];
    const targets = isJsonObject(spec) ? spec['targets'] : undefined;
    if (!Array.isArray(targets)) return;
    const root = document.yaml.contents;
    targets.forEach((target: unknown, targetIndex) => {
      if (!isJsonObject(target) || !isJsonObject(target['objective'])) return;
      const objective = target['objective'];
      const id = typeof target['id'] === 'string' ? target['id'] : `#${targetIndex + 1}`;
      const metric = typeof target['metric'] === 'string' ? target['metric'] : 'other';
      const spanOf = (key: string): Span | undefined => {
        const steps = walkPath(root, ['spec', 'targets', String(targetIndex), 'objective', key]);
        return steps.length === 5 ? nodeSpan(steps[4]?.node) : undefined;
      };
      const value = objective['value'];
      const unit = objective['unit'];
      const comparison = objective['comparison'];
      const attainment = objective['attainment'];
      if (typeof value === 'number') {
        const span = spanOf('value');
        if (span && unit === 'percent' && (value < 0 || value > 100)) report({ span, messageId: 'percentOutOfRange', args: { target: id, value } });
        else if (span && value < 0) report({ span, messageId: 'negativeValue', args: { target: id, metric, value } });
      }
      if (typeof attainment === 'number' && (attainment <= 0 || attainment > 100)) {
        const span = spanOf('attainment');
        if (span) report({ span, messageId: 'attainmentOutOfRange', args: { target: id, value: attainment } });
      }
      if (typeof unit === 'string') {
        const expected = PERCENT_METRICS.has(metric) && unit !== 'percent' ? 'percent' : TIME_METRICS.has(metric) && !TIME_UNITS.has(unit) ? 'a unit of time' : undefined;
        const span = spanOf('unit');
        if (expected && span) report({ span, messageId: 'unitMismatch', args: { target: id, metric, expected, unit } });
      }
      if (typeof comparison === 'string') {
        const expected = PERCENT_METRICS.has(metric) ? 'at-least' : TIME_METRICS.has(metric) ? 'at-most' : undefined;
        const span = spanOf('comparison');
        if (expected && comparison !== expected && span) {
          report({
            span,
            messageId: 'comparisonMismatch',
            args: { target: id, metric, better: expected === 'at-least' ? 'higher' : 'lower', expected, comparison },
            fixes: [fileFix(file, `Change the comparison to ${expected}`, [{ span, newText: expected }], { preferred: true, safety: 'unsafe' })],
          });
        }
      }
    });
  },
});
