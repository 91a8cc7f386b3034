// The language status item: coverage % and the error count, next to the YAML language indicator.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/shared/protocol';

export class StatusView {
  private readonly item: vscode.LanguageStatusItem;
  private last: StatusParams | undefined;

  constructor(context: vscode.ExtensionContext) {
    this.item = vscode.languages.createLanguageStatusItem('sms.status', [{ language: 'yaml' }]);
    this.item.name = 'SMS coverage';
    this.item.text = '$(sync~spin) SMS';
    this.item.detail = 'starting';
    this.item.command = { command: 'sms.showCoverage', title: 'Show coverage' };
    context.subscriptions.push(this.item);
  }

  get current(): StatusParams | undefined {
    return this.last;
  }

  get text(): string {
    return this.item.text;
  }

  update(status: StatusParams): void {
    this.last = status;
    if (status.indexing) {
      this.item.text = '$(sync~spin) SMS';
      this.item.detail = 'indexing the workspace';
      this.item.busy = true;
      return;
    }
    this.item.busy = false;
    const coverage = status.percent === undefined ? 'no manifest' : `${status.percent.toFixed(1)} %`;
    this.item.text = `SMS ${coverage}`;
    this.item.detail = `${status.covered}/${status.total} requirements evidenced · ${status.errors} error${status.errors === 1 ? '' : 's'}, ${status.warnings} warning${status.warnings === 1 ? '' : 's'}`;
    this.item.severity = status.errors > 0 ? vscode.LanguageStatusSeverity.Error : status.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  clear(): void {
    this.item.text = 'SMS off';
    this.item.detail = 'sms.enable is false';
  }
}
