// esbuild bundles YAML data files as text (see esbuild.mjs: loader '.yaml': 'text').
declare module '*.yaml' {
  const text: string;
  export default text;
}
