// emoji-mart's words for its picker, one JSON file per language; bundled (AdminJS's rollup reads JSON).
declare module '@emoji-mart/data/i18n/*' {
  const words: Record<string, unknown>;
  export default words;
}
