// The `yaml` package's functions and classes, each read once. `yaml` is a CommonJS package: in the
// esbuild bundles every `import { isMap } from 'yaml'` becomes a getter call at each use, which the
// hot paths (the fast parser, the index walk, schema problems) paid millions of times (5 % of the
// CLI). Engine code imports the package's values from here; types still come from 'yaml'.
import * as yaml from 'yaml';

export const isAlias = yaml.isAlias;
export const isCollection = yaml.isCollection;
export const isDocument = yaml.isDocument;
export const isMap = yaml.isMap;
export const isPair = yaml.isPair;
export const isScalar = yaml.isScalar;
export const isSeq = yaml.isSeq;
// Each class also under its name as a type, as when imported from 'yaml'.
export const Composer = yaml.Composer;
export type Composer = yaml.Composer;
export const Document = yaml.Document;
export type Document = yaml.Document;
export declare namespace Document {
  type Parsed = yaml.Document.Parsed;
}
export const Pair = yaml.Pair;
export type Pair<K = unknown, V = unknown> = yaml.Pair<K, V>;
export const Scalar = yaml.Scalar;
export type Scalar<T = unknown> = yaml.Scalar<T>;
export const YAMLMap = yaml.YAMLMap;
export type YAMLMap<K = unknown, V = unknown> = yaml.YAMLMap<K, V>;
export const YAMLSeq = yaml.YAMLSeq;
export type YAMLSeq<T = unknown> = yaml.YAMLSeq<T>;
export const parse = yaml.parse;
export const parseAllDocuments = yaml.parseAllDocuments;
export const parseDocument = yaml.parseDocument;
export const stringify = yaml.stringify;
export const visit = yaml.visit;
