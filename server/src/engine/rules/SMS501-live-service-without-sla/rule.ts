import { defineRule, ruleCode } from '../rule';
import type { Node } from 'yaml';
import type { RelatedLocation } from '../../types';
import { findPair, nodeSpan } from '../../parse/yamlNodes';
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
    fix: 'none',
    messages: {
      noSla: 'Live service {service} is not covered by any service level agreement: no SLA lists it in spec.services (8.3.3).',
    },
    clauses: ['8.3.3', '8.2.4'],
    stability: 'preview',
  },
  phase: 'workspace',
  scope: { kind: 'global', entityTypes: ['service', 'party'], documentKinds: ['ServiceCatalogue', 'ServiceLevelAgreement'], coverage: false, values: ['ServiceCatalogue', 'ServiceLevelAgreement'] },
  check({ index, file, value, report }) {
    const slas = documentsOfKind(index, file, value, 'ServiceLevelAgreement');
    const covered = new Set(slas.flatMap((sla) => strings(sla.spec['services'])));
    for (const catalogue of documentsOfKind(index, file, value, 'ServiceCatalogue')) {
      for (const service of objects(catalogue.spec['services'])) {
        const serviceId = stringOf(service, 'id');
        if (serviceId === undefined || covered.has(serviceId)) continue;
        if (stringOf(service, 'status') !== 'live' || stringOf(service, 'type') === 'supporting') continue;
        const definition = index.definitions('service', serviceId).find((candidate) => candidate.uri === catalogue.uri);
        if (!definition) continue;
        // The SLAs of the service's customers are where it most likely belongs. They are pointed at,
        // not edited: a fix never changes another document than the finding's.
        const customers = new Set(strings(service['customers']));
        const related: RelatedLocation[] = [];
        for (const sla of slas) {
          const customer = stringOf(sla.spec, 'customer');
          if (customer === undefined || !customers.has(customer)) continue;
          const servicesKey = findPair(findPair(sla.document.yaml.contents, 'spec')?.value, 'services')?.key as Node | undefined;
          const span = nodeSpan(servicesKey) ?? sla.document.headerSpan;
          related.push({ uri: sla.uri, span, message: `${sla.id ?? 'This SLA'} is the agreement with ${customer}, a customer of ${serviceId}: list ${serviceId} in its spec.services.` });
        }
        report(catalogue.uri, { span: definition.span, messageId: 'noSla', args: { service: serviceId }, related });
      }
    }
  },
});
