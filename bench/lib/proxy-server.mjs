// A counting HTTP proxy in front of the loopback registry, in its own process (started by
// proxy.mjs): every request is forwarded unchanged (the Host header too, so the registry's upload
// URLs point back at the proxy), and what goes up is counted: bytes of blob uploads, completed
// blob uploads, cross-repository mounts, manifest PUTs. The registry's own log says which requests
// came but not how many bytes they carried; this does.
//   node proxy-server.mjs <registry-port>   → sends {port} once listening; answers 'take' with
//   the counts since the last 'take'.

import http from 'node:http';

const upstreamPort = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const empty = () => ({ requests: 0, blobUploads: 0, blobMounts: 0, blobBytes: 0, manifestPuts: 0, manifestBytes: 0, errors: 0 });
let counts = empty();

const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => (bytes += chunk.length));
  const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    answer.pipe(res);
    answer.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      counts.requests++;
      if (answer.statusCode >= 400 && answer.statusCode !== 404 && answer.statusCode !== 401) counts.errors++;
      if (/\/blobs\/uploads\//.test(path) && ['PATCH', 'PUT', 'POST'].includes(req.method)) {
        counts.blobBytes += bytes;
        if (req.method === 'PUT' && answer.statusCode === 201) counts.blobUploads++;
        if (req.method === 'POST' && answer.statusCode === 201 && /[?&]mount=/.test(req.url)) counts.blobMounts++;
      } else if (/\/manifests\//.test(path) && req.method === 'PUT') {
        counts.manifestBytes += bytes;
        if (answer.statusCode === 201) counts.manifestPuts++;
      }
    });
  });
  upstream.on('error', (error) => {
    counts.errors++;
    if (!res.headersSent) res.writeHead(502);
    res.end(String(error));
  });
  req.pipe(upstream);
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'take') {
    process.send({ counts });
    counts = empty();
  }
});
process.on('disconnect', () => process.exit(0));
