// The few GitHub REST calls a release makes: its GitHub release (made, or brought up to date when
// a re-run finds it) and the pull request that re-pins the starters (opened once). The token comes
// from the environment and goes only into the Authorization header, never into a URL, argv or log.

/** What GitHub said no to, or a missing token: said in one line, never as a stack trace. */
export class GitHubError extends Error {}

export class GitHubApi {
  /** @param {{ url?: string, repository: string, token?: string }} options */
  constructor({ url = 'https://api.github.com', repository, token }) {
    if (!token) throw new GitHubError('GITHUB_TOKEN is not set: the release step needs a token with contents and pull-requests write');
    this.url = url.replace(/\/+$/, '');
    this.repository = repository;
    this.token = token;
  }

  async call(method, path, body) {
    const response = await fetch(`${this.url}/repos/${this.repository}${path}`, {
      method,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${this.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status === 404 && method === 'GET') return undefined;
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = JSON.parse(text).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new GitHubError(`GitHub ${method} ${path}: ${response.status} ${message}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** The GitHub release of `tag` with this text: made, or its text and flags brought up to date. */
  async upsertRelease({ tag, body, prerelease, latest }) {
    const fields = { name: tag, body, prerelease, make_latest: latest ? 'true' : 'false' };
    const existing = await this.call('GET', `/releases/tags/${encodeURIComponent(tag)}`);
    if (existing) {
      await this.call('PATCH', `/releases/${existing.id}`, fields);
      return { created: false, url: existing.html_url };
    }
    const made = await this.call('POST', '/releases', { tag_name: tag, ...fields });
    return { created: true, url: made?.html_url };
  }

  /** An open pull request from `head` into `base`, opened when there is none. */
  async ensurePullRequest({ head, base, title, body }) {
    const owner = this.repository.split('/')[0];
    const open = await this.call('GET', `/pulls?state=open&base=${encodeURIComponent(base)}&head=${encodeURIComponent(`${owner}:${head}`)}`);
    if (open?.length) return { created: false, url: open[0].html_url };
    const made = await this.call('POST', '/pulls', { head, base, title, body, maintainer_can_modify: true });
    return { created: true, url: made?.html_url };
  }
}
