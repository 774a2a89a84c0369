// The folders of src/ in layers, top to bottom (README, "Architecture"). A folder imports only
// from the layers below its own: never up, never sideways, so no two folders can depend on each
// other. `npm run lint` runs this check; it has no exception list.
const LAYERS = [
  ['index'], // the public API
  ['plugin'], // the composition root
  ['plugin-options'], // the options a host passes
  ['admin', 'jobs', 'api'], // glue: AdminJS resources and components, pg-boss handlers, the REST API
  ['inbound', 'live', 'auth', 'reports', 'integrations'], // use cases: what arrives, live streams, the built-in login, the managers' reports, webhooks and API tokens
  ['assistant'], // the AI assistant: knowledge, models, suggestions and answers; called by what arrives and by agents' actions
  ['conversations'], // what agents do (and the read models of their screens)
  ['campaigns'], // broadcasts, sequences and consent keywords: called by what arrives (replies, keywords) and what agents do (resolve, leads)
  ['automation'], // business hours, automatic messages, assignment, availability, SLA timers, satisfaction: called by what arrives and what agents do, and by campaigns (waits until business hours)
  ['delivery', 'templates', 'agents'], // the send pipeline, template management, who is signed in
  ['statuses', 'permissions', 'http'], // message statuses, permission rules, HTTP protections
  ['context', 'contacts', 'pricing'], // the plugin context handed down to every use case; what contacts are owed (marketing consent); what messages cost
  ['events'], // the outbox: every use case that changes something writes its events there
  ['accounts', 'cloud-api', 'db', 'i18n', 'sandbox'], // numbers, Meta's API, the SQL seam, catalogues, the Meta stand-in
  ['media', 'secrets', 'config'],
  ['entities'],
  ['domain'], // pure: imports nothing of ours
];

const pattern = (folders) => `^src/(${folders.join('|')})(/|\\.tsx?$)`;

module.exports = {
  forbidden: [
    ...LAYERS.map((folders, index) => ({
      name: `layer-${index + 1}-points-down`,
      comment: `${folders.join(', ')} may import only from the layers below (${LAYERS.slice(index + 1).flat().join(', ')})`,
      severity: 'error',
      from: { path: pattern(folders) },
      to: { path: pattern(LAYERS.slice(0, index + 1).flat()), pathNot: '^src/$1(/|\\.tsx?$)' },
    })),
    {
      name: 'no-circular',
      comment: 'no module depends on itself through others',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'a new folder of src/ gets its place in LAYERS',
      severity: 'error',
      from: { path: '^src/', pathNot: pattern(LAYERS.flat()) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
