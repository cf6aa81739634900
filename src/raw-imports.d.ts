// `import text from './file?raw'`: the file's text as a string. vitest (vite) does it itself; the
// bundle does it with the plugin in scripts/bundle.mjs.
declare module '*?raw' {
  const text: string;
  export default text;
}
