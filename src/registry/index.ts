// The registry client's public face, for the builder and the distributed workflow's merge job.

export { RegistryClient, sha256Digest, type Access, type Manifest, type RegistryClientOptions } from './client.js';
export { createIndex, indexDocument, type PlatformImage, type CreatedIndex } from './create-index.js';
export { credentialSource, dockerConfigDir, type Credential, type CredentialSource } from './credentials.js';
export { RegistryAuthError, RegistryError } from './errors.js';
export { describeAnswer, engineExcerpt, excerpt, WITHHELD } from './answer.js';
export { credentialForms, secretForms, Secrets } from './secrets.js';
export * from './media-types.js';
export * from './reference.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
