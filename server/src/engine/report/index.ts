// The conformity report (`sms-lint report`, `sms/conformityReport`): the model and its two renderers.
export { buildConformityReport, percentOf, STATUS_LABEL, type ConformityInputs, type ConformityReport, type ConformityClause, type ConformitySubclause, type ConformityRequirement, type ConformityEvidence, type ConformityDocument, type RegisterItem } from './conformity';
export { formatConformityMarkdown } from './markdown';
export { formatConformityHtml, escapeHtml } from './html';
