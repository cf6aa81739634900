// A FAKE of the two GitHub REST API routes our workflows call, on loopback (GitHub's API cannot be
// reached from here): `GET /repos/{owner}/{repo}` (visibility, pushed_at) and
// `GET /repos/{owner}/{repo}/attestations/{digest}` (this repository's attestation store). It
// answers only a request carrying the run's token, as GitHub does for a private repository, and
// logs every request so a test can see what was asked.

import { createServer, type Server } from 'node:http';

export interface FakeGitHubApi {
  url: string;
  requests: Array<{ path: string; authorization: string }>;
  /** Digests (`sha256:…`) this repository has attestations for. */
  attested: Set<string>;
  stop(): Promise<void>;
}

export interface FakeRepository {
  full_name: string;
  visibility?: string;
  pushed_at?: string;
}

export async function startFakeGitHubApi(repository: FakeRepository, token = 'fake-github-token'): Promise<FakeGitHubApi> {
  const requests: FakeGitHubApi['requests'] = [];
  const attested = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const authorization = req.headers.authorization ?? '';
    requests.push({ path, authorization });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (authorization !== `Bearer ${token}`) return send(401, { message: 'Bad credentials' });
    if (path === `/repos/${repository.full_name}`) return send(200, repository);
    const m = new RegExp(`^/repos/${repository.full_name}/attestations/(sha256:[0-9a-f]{64})$`).exec(path);
    if (m) {
      return attested.has(m[1]!) ? send(200, { attestations: [{ bundle: {}, repository_id: 1 }] }) : send(404, { message: 'Not Found' });
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    attested,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
