// Base images made here, since none can be pulled: a tiny one from Debian's busybox-static, the
// same for linux/amd64 and linux/arm64 in one image (for the multi-platform build), and a realistic
// Debian made with debootstrap (mirror read from this machine's apt sources), each cached in the
// engine by name so later runs reuse it.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, copyFileSync, symlinkSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER } from './docker-engine.js';

// Named under the loopback host `localhost`, so that whatever looks an image up in its registry (our
// input key, BuildKit's metadata resolver) asks this machine and never a registry on the internet.
export const BUSYBOX_IMAGE = 'localhost/oep45-test/busybox:1';
export const DEBIAN_IMAGE = 'localhost/oep45-test/debian:bookworm';

function imageExists(name: string): boolean {
  try {
    execFileSync(DOCKER, ['image', 'inspect', name], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Where `.ci/run` puts Debian 12's arm64 busybox-static (outside the repository; OEP45_TEST_BUSYBOX_ARM64 names another). */
export const BUSYBOX_ARM64_DEFAULT = '/opt/oep45-busybox-arm64/root/bin/busybox';
export const BUSYBOX_MULTIARCH_IMAGE = 'localhost/oep45-test/busybox-multiarch:1';

const APPLETS = ['sh', 'ls', 'cat', 'echo', 'mkdir', 'cp', 'rm', 'true', 'false', 'env', 'sleep', 'wc', 'touch', 'printf', 'test', 'date', 'sed', 'grep', 'dd', 'head', 'uname'];

/** A busybox-static image (about 2 MB): enough for RUN, COPY and CMD in tests. */
export function busyboxImage(name = BUSYBOX_IMAGE): string {
  if (imageExists(name)) return name;
  const root = mkdtempSync(join(tmpdir(), 'oep45-busybox-'));
  try {
    busyboxRoot(root, '/bin/busybox');
    execFileSync('sh', ['-c', `tar -C "${root}" -c . | "${DOCKER}" import --change 'ENV PATH=/bin' - "${name}"`], { stdio: 'pipe' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return name;
}

function busyboxRoot(root: string, busybox: string): void {
  for (const d of ['bin', 'tmp', 'etc', 'root']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(busybox, join(root, 'bin/busybox'));
  for (const applet of APPLETS) symlinkSync('busybox', join(root, 'bin', applet));
}

/** The arm64 busybox-static the multi-platform base is made of, or why there is none. */
export function arm64Busybox(): { file?: string; missing?: string } {
  const file = process.env.OEP45_TEST_BUSYBOX_ARM64 || BUSYBOX_ARM64_DEFAULT;
  return existsSync(file) ? { file } : { missing: `no arm64 busybox at ${file} (bash .ci/run extracts Debian 12's busybox-static:arm64 there; or set OEP45_TEST_BUSYBOX_ARM64)` };
}

/**
 * busybox for linux/amd64 and linux/arm64 in one image, built with buildx from the two binaries
 * (`FROM scratch`, one COPY per platform: nothing runs, so no emulator is needed to make it).
 */
export function busyboxMultiarchImage(buildx: string, name = BUSYBOX_MULTIARCH_IMAGE): string {
  if (imageExists(name)) return name;
  const arm64 = arm64Busybox();
  if (!arm64.file) throw new Error(arm64.missing);
  const dir = mkdtempSync(join(tmpdir(), 'oep45-busybox-multiarch-'));
  try {
    busyboxRoot(join(dir, 'rootfs-amd64'), '/bin/busybox');
    busyboxRoot(join(dir, 'rootfs-arm64'), arm64.file);
    const dockerfile = 'FROM scratch\nARG TARGETARCH\nCOPY rootfs-${TARGETARCH}/ /\nENV PATH=/bin\n';
    execFileSync(buildx, ['buildx', 'build', '--quiet', '--platform', 'linux/amd64,linux/arm64', '--load', '--tag', name, '--file', '-', dir], { input: dockerfile, stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}

/** The Debian mirror this machine's apt uses, so no host is written into the repository. */
export function debianMirror(): string {
  const files = ['/etc/apt/sources.list', ...readdirSafe('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f))];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    if (deb822?.[1] && /debian\/?$/.test(deb822[1]) && !/security/.test(deb822[1])) return deb822[1];
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+debian\/?)\s+bookworm\s/m.exec(text);
    if (oneLine?.[1]) return oneLine[1];
  }
  throw new Error('no Debian mirror found in the apt sources');
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A minbase Debian bookworm made with debootstrap (a few minutes the first time, then cached). */
export function debianImage(name = DEBIAN_IMAGE): string {
  if (imageExists(name)) return name;
  const root = mkdtempSync(join(tmpdir(), 'oep45-debian-'));
  try {
    execFileSync('debootstrap', ['--variant=minbase', 'bookworm', root, debianMirror()], { stdio: 'pipe', timeout: 900_000 });
    execFileSync('sh', ['-c', `tar -C "${root}" -c . | "${DOCKER}" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' - "${name}"`], {
      stdio: 'pipe',
      maxBuffer: 1 << 26,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return name;
}
