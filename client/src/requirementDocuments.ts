// "Show requirement": a read-only Markdown page for one requirement, with its status and evidence.
import * as vscode from 'vscode';
import type { EvidenceNode, RequirementNode, SubclauseNode } from '../../server/src/shared/protocol';

export class RequirementDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'sms-requirement';
  private readonly pages = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? 'This requirement page is no longer available.';
  }

  uriFor(requirement: RequirementNode, subclause: SubclauseNode, documents: readonly EvidenceNode[]): vscode.Uri {
    const evidence = documents.map((e) => `- ${e.documentId ?? '(document)'} (${e.documentKind ?? ''}) — ${e.status}${e.missing.length > 0 ? `, missing ${e.missing.join(', ')}` : ''}: ${vscode.Uri.parse(e.location.uri).fsPath}:${e.location.range.start.line + 1}`);
    const page = [
      `# ${requirement.id}`,
      '',
      `Subclause ${subclause.id} ${subclause.title} of ISO/IEC 20000-1:2018`,
      '',
      `> ${requirement.text}`,
      '',
      `Status: **${requirement.status}** · documented information: ${requirement.documentedInformation} · confidence of the model: ${requirement.confidence}`,
      '',
      '## Evidence',
      '',
      ...(evidence.length > 0 ? evidence : ['None yet. Use "Create document from template" on the subclause in the Requirements view, or claim it in a document with `metadata.satisfies`.']),
      '',
      '_The text above is a paraphrase written for this tool; it does not reproduce ISO/IEC 20000-1._',
      '',
    ].join('\n');
    const path = `/${requirement.id}.md`;
    this.pages.set(path, page);
    return vscode.Uri.from({ scheme: RequirementDocuments.scheme, path });
  }
}
