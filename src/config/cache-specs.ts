// Which layer-cache specs (`--cache-from`/`--cache-to` values, buildx's `type=…,key=value` form)
// a repository's own `.oep45.yml` may name. A repository is content anyone can propose in a pull
// request, so from it only caches this tool lays out itself are taken: the registry cache
// (`type=registry,ref=…`, or a plain reference) and the GitHub Actions cache (`type=gha`) without
// `url=`, `url_v2=`, `token=` or `ghtoken=` — the gha backend sends the run's cache token to its
// URL, which must be the runner's own (buildx reads it from the runner's environment) — and the
// inline cache. A `local` cache (a path on the runner), `s3` or `azblob` (credentials) belongs in
// the workflow's inputs, which a pull request does not change. Hand-written: buildx's spec is
// comma-separated `key=value` fields; a quoted field (a CSV value with a comma) is kept whole.

/** The fields of a spec; a plain reference is `{ ref }` of a registry cache. */
export function cacheSpecFields(spec: string): Map<string, string> {
  const fields = new Map<string, string>();
  if (!spec.includes('=')) {
    fields.set('type', 'registry');
    fields.set('ref', spec.trim());
    return fields;
  }
  for (const raw of spec.match(/(?:"[^"]*"|[^,])+/g) ?? []) {
    const field = raw.trim().replace(/^"(.*)"$/, '$1');
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    fields.set(key, eq < 0 ? '' : field.slice(eq + 1));
  }
  if (!fields.has('type')) fields.set('type', 'registry');
  return fields;
}

const FROM_RUNNER_ONLY = ['url', 'url_v2', 'token', 'ghtoken'];
const REPOSITORY_TYPES = ['registry', 'gha', 'inline'];

/** Why `.oep45.yml` may not name `spec`, or undefined when it may. */
export function repositoryCacheSpecProblem(spec: string): string | undefined {
  const fields = cacheSpecFields(spec);
  const type = fields.get('type')!;
  if (!REPOSITORY_TYPES.includes(type)) {
    return `a ${type} cache is not taken from the repository (only registry, gha and inline are): name it in the workflow's cache-from/cache-to inputs`;
  }
  const runnerOnly = FROM_RUNNER_ONLY.filter((key) => fields.has(key));
  if (type === 'gha' && runnerOnly.length) {
    return `a gha cache's ${runnerOnly.map((k) => `${k}=`).join(', ')} is never taken from the repository: the cache service and its token are the runner's own`;
  }
  return undefined;
}
