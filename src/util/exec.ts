// The one place that starts external programs (git, docker). Arguments go as an array, never
// through a shell; secrets go on stdin or in files, never in argv.

import { spawn } from 'node:child_process';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, then closed. */
  input?: string | Buffer;
  /** Called with each chunk of combined output as it arrives (build logs). */
  onOutput?: (chunk: string) => void;
  /** Resolve with the exit code instead of rejecting on a non-zero exit. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class ExecError extends Error {
  constructor(
    readonly command: string,
    readonly result: ExecResult,
  ) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
    super(`${command} exited with ${result.code}${tail ? `: ${tail}` : ''}`);
    this.name = 'ExecError';
  }
}

export function exec(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      out.push(c);
      options.onOutput?.(c.toString('utf8'));
    });
    child.stderr.on('data', (c: Buffer) => {
      err.push(c);
      options.onOutput?.(c.toString('utf8'));
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new Error(`${program} is not installed or not on PATH`) : e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = {
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (result.code !== 0 && !options.allowFailure) reject(new ExecError(`${program} ${args[0] ?? ''}`.trim(), result));
      else resolvePromise(result);
    });
    child.stdin.on('error', () => {
      // The child may exit before reading its input; its exit code tells what happened.
    });
    child.stdin.end(options.input ?? '');
  });
}
