// Layering of the monorepo, checked in CI by `npm run depcruise` (deploy/local/test.sh).
// Violations that existed when a rule was introduced are listed in
// .dependency-cruiser-known-violations.json (regenerate with `npm run --silent depcruise:baseline`);
// CI fails only on new ones. Remove an entry from the baseline when its violation is fixed.

/** Node's own modules (`node:fs`, `path`, ...) are part of the platform, not dependencies. */
const CORE = ['core'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that does not resolve is a typo, a package missing from package.json or a ' +
        '@rangefinder/* alias that tsconfig.json does not map; every other rule would silently ' +
        'pass over it.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      comment:
        'Libraries are shared by every app; a lib importing an app would drag that app (and its ' +
        'module graph) into all the others and make the layers circular. Move the shared code ' +
        'into a lib instead.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-to-other-app',
      severity: 'error',
      comment:
        'Each app is deployed and scaled on its own and talks to the others over Kafka or HTTP ' +
        '(contracts in libs/contracts). Importing another app couples their releases; put the ' +
        'shared code in a lib.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'comp-math-self-contained',
      severity: 'error',
      comment:
        'libs/comp-math is the pure calculation core (percentiles, bands, verdicts, money): no ' +
        'I/O, no framework, no other lib, and of npm packages only decimal.js (pure arithmetic: ' +
        'money is decimal), so it stays deterministic, trivially testable and usable from every ' +
        'layer. Its ISO 4217 table is generated (tools/), not a runtime dependency.',
      from: { path: '^libs/comp-math/', pathNot: ['\\.spec\\.ts$', '^libs/comp-math/tools/'] },
      to: {
        pathNot: ['^libs/comp-math/', '^node_modules/decimal\\.js/'],
        dependencyTypesNot: CORE,
      },
    },
    {
      name: 'comp-math-specs-self-contained',
      severity: 'error',
      comment:
        "comp-math's specs and tools may use fast-check (property tests) and currency-codes (the " +
        'ISO 4217 list the minor-unit table is generated from), both devDependencies, besides ' +
        'what comp-math itself may use; nothing else, for the same reason as the sources.',
      from: { path: ['^libs/comp-math/.+\\.spec\\.ts$', '^libs/comp-math/tools/'] },
      to: {
        pathNot: [
          '^libs/comp-math/',
          '^node_modules/(fast-check|currency-codes|decimal\\.js)/',
        ],
        dependencyTypesNot: CORE,
      },
    },
    {
      name: 'platform-not-to-service-wiring',
      severity: 'error',
      comment:
        'libs/platform (config, tokens and roles, the HTTP edge helpers) is loaded by every ' +
        'process, the CLI included. The catalogue, database and messaging libs bring TypeORM, pg ' +
        'and kafkajs; wiring them into a Nest service is libs/service, which depends on platform, ' +
        'never the other way round.',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(catalogue|database|messaging|service)/' },
    },
    {
      name: 'platform-light-packages',
      severity: 'error',
      comment:
        'For the same reason platform may use these packages only as types: Nest core (also ' +
        'loaded by the entries of @nestjs/swagger, terminus and throttler), Fastify, TypeORM, pg, ' +
        'kafkajs. A Nest module, guard or controller that needs them at run time belongs in ' +
        'libs/service.',
      from: { path: '^libs/platform/' },
      to: {
        path: '^node_modules/(@nestjs/(core|platform-[^/]+|typeorm|terminus|swagger|throttler)|typeorm|pg|kafkajs|fastify)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'runtime-not-to-deploy-or-test',
      severity: 'error',
      comment:
        'deploy/ (local stack tooling) and test/ (e2e harness, benchmarks) are not shipped with ' +
        'a service; runtime code that imports them breaks the build output and pulls dev-only ' +
        'code into production. Specs may use them.',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(deploy|test)/' },
    },
    {
      name: 'deploy-test-via-lib-entry',
      severity: 'error',
      comment:
        'deploy/ and test/ use a lib the way an app does, through its public entry ' +
        '(@rangefinder/<name> = libs/<name>/src/index.ts), so a lib can reorganise its internals ' +
        'without breaking tooling.',
      from: { path: '^(deploy|test)/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'deploy-test-not-into-apps',
      severity: 'error',
      comment:
        'deploy/ and test/ drive the apps as a user would: they start dist/apps/<app>/src/main.js ' +
        'and talk HTTP/Kafka. No deploy/ or test/ file imports an app main or module, so none ' +
        "may import an app at all; reaching into app internals ties the harness to an app's " +
        'file layout. Shared code belongs in a lib.',
      from: { path: '^(deploy|test)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module cycle makes load order matter (undefined imports at start-up, Nest providers ' +
        'resolving to undefined) and means the folders involved cannot be understood or moved ' +
        'apart. Break it by moving the shared piece into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-circular',
      severity: 'error',
      scope: 'folder',
      comment:
        'Folders are the architecture a newcomer reads (issue 11: no folder cycles). Two folders ' +
        'that import each other, even through different modules, are one component in two places: ' +
        'neither can be understood, tested or moved on its own. Move the shared type or function ' +
        'to the folder that owns the concept, or to a small file both import, so dependencies ' +
        'point one way.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluding it would hide npm imports from the rules (doNotFollow is enough).
    exclude: { path: '^dist/' },
    // Type-only imports are layering too: a `type` import from another app is still coupling.
    tsPreCompilationDeps: true,
    // Resolves the @rangefinder/* aliases (paths in tsconfig.json) to libs/*/src.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
