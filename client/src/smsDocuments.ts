// Which YAML documents are ours. The server gets SMS documents and the config file only, so that
// other YAML (CI files, Kubernetes manifests) is never analysed and never decorated twice next to
// redhat.vscode-yaml.
import * as vscode from 'vscode';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type LanguageClient, type Middleware } from 'vscode-languageclient/node';

const HEADER = /^apiVersion:[ \t]*["']?iso20000\.sms\//m;

export function isSmsText(text: string): boolean {
  return HEADER.test(text);
}

export function isConfigDocument(document: vscode.TextDocument): boolean {
  return /(^|[\\/])\.smsrc\.ya?ml$/.test(document.uri.fsPath);
}

function isOurs(document: vscode.TextDocument): boolean {
  return isConfigDocument(document) || isSmsText(document.getText());
}

/**
 * Gates text synchronisation and feature requests. A document that becomes an SMS document while
 * being typed (the header is added) is opened on the server then; one that stops being one is closed.
 */
export class SmsDocumentFilter {
  private readonly synced = new Set<string>();

  middleware(client: () => LanguageClient | undefined): Middleware {
    const synced = this.synced;
    const ours = (document: vscode.TextDocument): boolean => synced.has(document.uri.toString()) || isOurs(document);
    return {
      didOpen: async (document, next) => {
        if (!isOurs(document)) return;
        synced.add(document.uri.toString());
        await next(document);
      },
      didChange: async (event, next) => {
        const key = event.document.uri.toString();
        const nowOurs = isOurs(event.document);
        const languageClient = client();
        if (synced.has(key) && nowOurs) return next(event);
        if (!languageClient) return;
        if (!synced.has(key) && nowOurs) {
          synced.add(key);
          await languageClient.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: languageClient.code2ProtocolConverter.asUri(event.document.uri), languageId: event.document.languageId, version: event.document.version, text: event.document.getText() },
          });
        } else if (synced.has(key) && !nowOurs) {
          synced.delete(key);
          await languageClient.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: languageClient.code2ProtocolConverter.asUri(event.document.uri) } });
        }
      },
      didSave: async (document, next) => {
        if (synced.has(document.uri.toString())) await next(document);
      },
      didClose: async (document, next) => {
        if (!synced.delete(document.uri.toString())) return;
        await next(document);
      },
      provideCompletionItem: (document, position, context, token, next) => (ours(document) ? next(document, position, context, token) : undefined),
      provideHover: (document, position, token, next) => (ours(document) ? next(document, position, token) : undefined),
      provideDefinition: (document, position, token, next) => (ours(document) ? next(document, position, token) : undefined),
      provideReferences: (document, position, options, token, next) => (ours(document) ? next(document, position, options, token) : undefined),
      provideDocumentSymbols: (document, token, next) => (ours(document) ? next(document, token) : undefined),
      provideCodeLenses: (document, token, next) => (ours(document) ? next(document, token) : undefined),
      provideCodeActions: (document, range, context, token, next) => (ours(document) ? next(document, range, context, token) : undefined),
      prepareRename: (document, position, token, next) => (ours(document) ? next(document, position, token) : undefined),
      provideRenameEdits: (document, position, newName, token, next) => (ours(document) ? next(document, position, newName, token) : undefined),
    };
  }
}
