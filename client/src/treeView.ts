// The requirement tree: standard → clauses 4–10 → headings → subclause → requirement → evidence,
// with status icons and counts, rendered from the server's sms/coverageTree (a requirement's evidence from
// sms/requirementEvidence when it is expanded). A filter shows gaps only.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CoverageTreeRequest,
  RequirementEvidenceRequest,
  type CoverageCountsDto,
  type CoverageStatus,
  type CoverageTree,
  type EvidenceNode,
  type HeadingNode,
  type RequirementNode,
  type SubclauseNode,
} from '../../server/src/shared/protocol';

export type TreeNode =
  | { readonly type: 'standard'; readonly tree: CoverageTree }
  | { readonly type: 'heading'; readonly node: HeadingNode; readonly folderUri: string | undefined }
  | { readonly type: 'subclause'; readonly node: SubclauseNode; readonly folderUri: string | undefined }
  | { readonly type: 'requirement'; readonly node: RequirementNode; readonly subclause: SubclauseNode; readonly folderUri: string | undefined }
  | { readonly type: 'evidence'; readonly node: EvidenceNode; readonly requirement: RequirementNode }
  | { readonly type: 'message'; readonly text: string };

export class RequirementTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tree: CoverageTree | undefined;
  private gapsOnly = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private loading: Promise<CoverageTree | undefined> | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  get showsGapsOnly(): boolean {
    return this.gapsOnly;
  }

  setGapsOnly(value: boolean): void {
    this.gapsOnly = value;
    void vscode.commands.executeCommand('setContext', 'sms.gapsOnly', value);
    this.changed.fire(undefined);
  }

  /**
   * The documents evidencing a requirement, asked for when its node is expanded (the tree carries only
   * their number); kept until the tree is read again.
   */
  async evidenceOf(element: Extract<TreeNode, { type: 'requirement' }>): Promise<readonly EvidenceNode[]> {
    const key = `${element.folderUri ?? ''}\u0000${element.node.id}`;
    let pending = this.evidence.get(key);
    if (!pending) {
      const client = this.client();
      if (!client) return [];
      pending = client.sendRequest<EvidenceNode[] | null>(RequirementEvidenceRequest, { folderUri: element.folderUri, requirementId: element.node.id }).then(
        (list) => list ?? [],
        () => [],
      );
      this.evidence.set(key, pending);
    }
    return pending;
  }

  private readonly evidence = new Map<string, Promise<readonly EvidenceNode[]>>();

  /** Re-reads the tree from the server (coalesced: many status notifications, one request). */
  refresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.tree = undefined;
      this.loading = undefined;
      this.evidence.clear();
      this.changed.fire(undefined);
    }, 100);
  }

  /** The current tree (requested from the server when needed). */
  async data(): Promise<CoverageTree | undefined> {
    if (this.tree) return this.tree;
    const client = this.client();
    if (!client) return undefined;
    this.loading ??= client.sendRequest<CoverageTree | null>(CoverageTreeRequest, {}).then((tree) => (this.tree = tree ?? undefined));
    return this.loading;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (!element) {
      const tree = await this.data();
      if (!tree) return [{ type: 'message', text: this.client() ? 'Loading coverage…' : 'No SMS documents in this workspace.' }];
      if (!tree.hasManifest) return [{ type: 'message', text: 'No ServiceManagementSystem manifest: run "SMS: New SMS workspace".' }];
      return [{ type: 'standard', tree }];
    }
    switch (element.type) {
      case 'standard':
        return element.tree.clauses.filter((node) => this.visible(node.status)).map((node) => ({ type: 'heading', node, folderUri: element.tree.folderUri }));
      case 'heading':
        return element.node.children
          .filter((child) => this.visible(child.status))
          .map((child) => (child.kind === 'heading' ? { type: 'heading', node: child, folderUri: element.folderUri } : { type: 'subclause', node: child, folderUri: element.folderUri }));
      case 'subclause':
        return element.node.requirements.filter((r) => this.visible(r.status)).map((node) => ({ type: 'requirement', node, subclause: element.node, folderUri: element.folderUri }));
      case 'requirement':
        return (await this.evidenceOf(element)).map((node) => ({ type: 'evidence', node, requirement: element.node }));
      default:
        return [];
    }
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    switch (element.type) {
      case 'message':
        return new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
      case 'standard': {
        const item = new vscode.TreeItem(element.tree.standard, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${covered(element.tree.counts)}/${element.tree.counts.total} · ${element.tree.percent.toFixed(1)} %`;
        item.iconPath = new vscode.ThemeIcon('book');
        item.id = 'standard';
        return item;
      }
      case 'heading': {
        const item = new vscode.TreeItem(`${element.node.id} ${element.node.title}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = countsText(element.node.counts);
        item.iconPath = statusIcon(element.node.status);
        item.tooltip = tooltip(element.node.counts);
        item.id = `heading:${element.node.id}`;
        item.contextValue = 'heading';
        return item;
      }
      case 'subclause': {
        const item = new vscode.TreeItem(`${element.node.id} ${element.node.title}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = countsText(element.node.counts);
        item.iconPath = statusIcon(element.node.status);
        item.tooltip = new vscode.MarkdownString(`**${element.node.id} ${element.node.title}**\n\n${tooltip(element.node.counts)}\n\nConfidence of the requirement model: ${element.node.confidence}`);
        item.id = `subclause:${element.node.id}`;
        item.contextValue = element.node.status === 'evidenced' || element.node.status === 'operated' ? 'subclause' : element.node.hasTemplate ? 'subclause.gap.template' : 'subclause.gap';
        return item;
      }
      case 'requirement': {
        const item = new vscode.TreeItem(element.node.id, element.node.evidenceCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = element.node.text;
        item.iconPath = statusIcon(element.node.status);
        item.tooltip = new vscode.MarkdownString(`**${element.node.id}** — ${element.node.status}\n\n${element.node.text}\n\nDocumented information: ${element.node.documentedInformation} · confidence: ${element.node.confidence}`);
        item.id = `requirement:${element.node.id}`;
        const gap = element.node.status === 'missing' || element.node.status === 'partial';
        item.contextValue = gap ? (element.subclause.hasTemplate ? 'requirement.gap.template' : 'requirement.gap') : 'requirement';
        item.command = { command: 'sms.showRequirement', title: 'Show requirement', arguments: [element] };
        return item;
      }
      case 'evidence': {
        const label = element.node.documentId ?? '(document)';
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        const detail = element.node.status === 'partial' ? `missing ${element.node.missing.join(', ')}` : element.node.status === 'operated' ? `operated by ${element.node.operatedBy ?? 'another party'}` : (element.node.documentTitle ?? '');
        item.description = `${element.node.documentKind ?? ''}${detail ? ` · ${detail}` : ''}`;
        item.iconPath = element.node.status === 'partial' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('file-text');
        const uri = vscode.Uri.parse(element.node.location.uri);
        const range = element.node.location.range;
        item.resourceUri = uri;
        item.tooltip = `${uri.fsPath}:${range.start.line + 1}:${range.start.character + 1}`;
        item.command = { command: 'vscode.open', title: 'Open evidence', arguments: [uri, { selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) }] };
        item.contextValue = 'evidence';
        return item;
      }
    }
  }

  private visible(status: CoverageStatus): boolean {
    return !this.gapsOnly || status === 'missing' || status === 'partial';
  }
}

function covered(counts: CoverageCountsDto): number {
  return counts.evidenced + counts.operated;
}

function countsText(counts: CoverageCountsDto): string {
  return `${covered(counts)}/${counts.total}`;
}

function tooltip(counts: CoverageCountsDto): string {
  const parts = [`${counts.evidenced} evidenced`];
  if (counts.operated > 0) parts.push(`${counts.operated} operated by another party`);
  if (counts.partial > 0) parts.push(`${counts.partial} partial`);
  if (counts.missing > 0) parts.push(`${counts.missing} missing`);
  return `${parts.join(', ')} of ${counts.total} requirements`;
}

export function statusIcon(status: CoverageStatus): vscode.ThemeIcon {
  switch (status) {
    case 'evidenced':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'operated':
      return new vscode.ThemeIcon('organization', new vscode.ThemeColor('testing.iconPassed'));
    case 'partial':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground'));
    case 'missing':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
}
