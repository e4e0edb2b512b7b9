// The Azure side of a diagnosis, as plain data: the snapshot model and how JSON documents become one.
export { forbiddenFromError, readAzureErrorBody } from './azure-error.js';
export { type AzureDocument, type BuiltSnapshot, buildAzureSnapshot, emptyAzureSnapshot } from './build-snapshot.js';
export { type AzureDocumentKind, classifyAzureDocument, typeFromResourceId } from './classify-document.js';
export { AZURE_JSON_EXPECTED, parseAzureJsonText } from './json-document.js';
export * from './snapshot-schema.js';
