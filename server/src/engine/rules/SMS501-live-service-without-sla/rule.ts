import { defineRule, ruleCode } from '../rule';
import type { Fix } from '../../types';
import { findPair, walkPath } from '../../parse/yamlNodes';
import { appendToSequenceEdit, eolOf } from '../../edits/yamlEdits';
import { documentsOfKind, objects, stringOf, strings } from './serviceLevels';

/**
 * Every live customer-facing service of the catalogue is covered by a service level agreement
 * (ISO/IEC 20000-1 8.3.3: an SLA for each service delivered). Supporting services are underpinned by
 * internal agreements instead and are not checked. Blamed on the service's id in the catalogue.
 */
export default defineRule({
  meta: {
    code: ruleCode('SMS501'),
    name: 'live-service-without-sla',
    family: 'service-level',
    defaultSeverity: 'warning',
    summary: 'A live customer-facing service of the catalogue is not listed by any service level agreement.',
    fix: 'sometimes',
    messages: {
      noSla: 'Live service {service} is not covered by any service level agreement: no SLA lists it in spec.services (8.3.3).',
    },
    clauses: ['8.3.3', '8.2.4'],
    stability: 'preview',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: ['service', 'party'], documentKinds: ['ServiceCatalogue', 'ServiceLevelAgreement'], coverage: false },
  check({ index, file, lines, report }) {
    const slas = documentsOfKind(index, file, 'ServiceLevelAgreement');
    const covered = new Set(slas.flatMap((sla) => strings(sla.spec['services'])));
    for (const catalogue of documentsOfKind(index, file, 'ServiceCatalogue')) {
      for (const service of objects(catalogue.spec['services'])) {
        const serviceId = stringOf(service, 'id');
        if (serviceId === undefined || covered.has(serviceId)) continue;
        if (stringOf(service, 'status') !== 'live' || stringOf(service, 'type') === 'supporting') continue;
        const definition = index.definitions('service', serviceId).find((candidate) => candidate.uri === catalogue.uri);
        if (!definition) continue;
        // The SLAs of the service's customers are where it most likely belongs.
        const customers = new Set(strings(service['customers']));
        const candidates = slas.filter((sla) => customers.has(stringOf(sla.spec, 'customer') ?? ''));
        const fixes: Fix[] = [];
        for (const sla of candidates) {
          const slaLines = lines(sla.uri);
          const specNode = findPair(sla.document.yaml.contents, 'spec')?.value;
          const steps = walkPath(specNode, ['services']);
          if (!slaLines || steps.length !== 1) continue;
          const edit = appendToSequenceEdit({ seq: steps[0]?.node, owner: steps[0]?.pair, item: serviceId, lines: slaLines, eol: eolOf(sla.file.text) });
          if (!edit) continue;
          fixes.push({
            title: `Add ${serviceId} to ${sla.document.id ?? 'the SLA'}`,
            isPreferred: candidates.length === 1,
            safety: 'unsafe',
            documentEdits: [{ uri: sla.uri, version: sla.file.version, edits: [edit] }],
            createFiles: [],
          });
        }
        report(catalogue.uri, { span: definition.span, messageId: 'noSla', args: { service: serviceId }, fixes });
      }
    }
  },
});
