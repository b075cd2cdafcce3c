import type { SandboxOptions } from './startSandbox.js';

/**
 * A {@link SandboxOptions} value the sandbox cannot start with (a port in use, a data directory that is a file).
 * Thrown by `startSandbox` before it leaves anything running; `option` names the option, so a command line can
 * name its own flag.
 */
export class SandboxOptionError extends Error {
  constructor(
    readonly option: keyof SandboxOptions,
    readonly value: unknown,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(`${option} ${JSON.stringify(value)} ${problem}. ${hint}`);
    this.name = 'SandboxOptionError';
  }
}
