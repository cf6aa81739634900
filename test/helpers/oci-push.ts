// Pushes a small OCI image (a config and one layer blob, then the manifest) straight over the
// registry's HTTP API, so registry tests need no engine. The layer is a real gzip stream; the
// registry checks digests, not what the layer holds.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface PushedImage {
  digest: string;
  size: number;
  mediaType: string;
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function uploadBlob(base: string, repo: string, blob: Buffer, headers: Record<string, string>): Promise<string> {
  const digest = sha(blob);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers });
  if (start.status !== 202) throw new Error(`blob upload start: ${start.status} ${await start.text()}`);
  const location = new URL(start.headers.get('location')!, base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: blob });
  if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
  return digest;
}

/** Pushes an image whose content is `content` under `tag` (or by digest only when tag is omitted). */
export async function pushTestImage(
  host: string,
  repo: string,
  options: { tag?: string; content?: string; created?: string; labels?: Record<string, string>; architecture?: string; authorization?: string } = {},
): Promise<PushedImage> {
  const base = `http://${host}`;
  const headers: Record<string, string> = options.authorization ? { authorization: options.authorization } : {};
  const layer = gzipSync(Buffer.from(options.content ?? 'hello'));
  const config = Buffer.from(
    JSON.stringify({
      architecture: options.architecture ?? 'amd64',
      os: 'linux',
      created: options.created ?? new Date().toISOString(),
      config: { Labels: options.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [sha(Buffer.from(options.content ?? 'hello'))] },
    }),
  );
  const configDigest = await uploadBlob(base, repo, config, headers);
  const layerDigest = await uploadBlob(base, repo, layer, headers);
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
    }),
  );
  const digest = sha(manifest);
  const put = await fetch(`${base}/v2/${repo}/manifests/${options.tag ?? digest}`, { method: 'PUT', headers: { ...headers, 'content-type': mediaType }, body: manifest });
  if (put.status !== 201) throw new Error(`manifest put: ${put.status} ${await put.text()}`);
  return { digest, size: manifest.length, mediaType };
}
