// `sms/conformityReport`: the conformity report of one project, built by the engine's report model
// and renderers (the same code as `sms-lint report`). Paths are shown relative to the workspace
// folder, as the CLI shows them relative to the folder it runs in.
import { relative, sep } from 'node:path';
import { buildConformityReport, formatConformityHtml, formatConformityMarkdown } from '../engine/report';
import type { DocUri } from '../engine';
import { pathOf, type Project } from './projects';
import type { ConformityReportResult } from '../shared/protocol';

export function conformityReportOf(project: Project, format: 'html' | 'markdown', today: string, toolVersion: string): ConformityReportResult {
  const { workspace } = project;
  const shownPath = (uri: DocUri): string => {
    const path = pathOf(uri);
    if (path === undefined) return uri;
    if (project.folderPath === undefined) return path;
    return relative(project.folderPath, path).split(sep).join('/') || '.';
  };
  // The config and the baseline are not files of the report (as in the CLI).
  const uris = workspace.fileUris().filter((uri) => uri !== project.configUri && uri !== project.baselineUri);
  const report = buildConformityReport({ workspace, uris, pathOf: shownPath, today, toolVersion });
  const text = format === 'html' ? formatConformityHtml(report) : formatConformityMarkdown(report);
  return { format, text, folderUri: project.folderUri, hasManifest: report.hasManifest };
}
