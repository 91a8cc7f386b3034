// Editor settings some e2e tests need (bundled into the test files that import it; not a test file).
import * as vscode from 'vscode';

/**
 * Turns auto-save off (user settings) until the returned function is called. VS Code in a browser
 * (code-server, the offline runner) saves after a delay by default, which would write a test's
 * "unsaved" edit to disk; the desktop does not.
 */
export async function withoutAutoSave(): Promise<() => Promise<void>> {
  const files = vscode.workspace.getConfiguration('files');
  const previous = files.inspect<string>('autoSave')?.globalValue;
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', previous, vscode.ConfigurationTarget.Global);
  };
}
