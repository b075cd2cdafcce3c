import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runtimeFailure, timedOut, type InvocationOutcome } from './invocationOutcome.js';

const BOOTSTRAP = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

/** One invocation as the environment receives it. */
export interface Invocation {
  readonly requestId: string;
  /** The event, as the JSON text the caller sent. */
  readonly payload: string;
  readonly invokedFunctionArn: string;
  readonly clientContext?: unknown;
  readonly timeoutSeconds: number;
}

type ChildMessage =
  | { type: 'ready' }
  | { type: 'initError'; error: unknown }
  | { type: 'result'; requestId: string; payload: string }
  | { type: 'error'; requestId: string; error: unknown; fatal?: boolean };

/**
 * A Lambda execution environment: one child Node.js process running `bootstrap.mjs` in the function's code
 * directory with its environment variables, kept warm between invocations and running one at a time. A
 * timed-out invocation kills it, as Lambda discards an environment after a timeout; so does a failed init or
 * the process exiting.
 */
export class ExecutionEnvironment {
  private readonly child: ChildProcess;
  private readonly init: Promise<{ ok: true } | { ok: false; error: string }>;
  private output = '';
  private exited = false;
  private killed = false;
  private onMessage?: (message: ChildMessage) => void;
  private onExit?: (code: number | null, signal: string | null) => void;
  busy = false;
  lastUsed = Date.now();

  constructor(
    nodeBinary: string,
    codeDir: string,
    env: Readonly<Record<string, string>>,
    /** What the environment was made for (code and configuration revision, credentials): see environmentPool.ts. */
    readonly revision: string,
    readonly expiresAt: number,
  ) {
    this.child = spawn(nodeBinary, [BOOTSTRAP], { cwd: codeDir, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    // Only the tail is ever returned (LogType Tail: 4 KB), so a chatty function cannot grow this without bound.
    const capture = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-65_536));
    this.child.stdout?.on('data', capture);
    this.child.stderr?.on('data', capture);
    this.init = new Promise((resolve) => {
      this.onMessage = (message) => {
        if (message.type === 'ready') resolve({ ok: true });
        if (message.type === 'initError') resolve({ ok: false, error: JSON.stringify(message.error) });
      };
      this.onExit = (code, signal) =>
        resolve({
          ok: false,
          error: runtimeFailure('Runtime.ExitError', `Runtime exited with error: ${exitReason(code, signal)}`),
        });
    });
    this.child.on('message', (m: ChildMessage) => this.onMessage?.(m));
    this.child.on('error', (error) => {
      this.exited = true;
      this.onExit?.(null, String(error));
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.onExit?.(code, signal);
    });
  }

  /** Whether the environment can take another invocation. */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /**
   * Runs one invocation, the timeout counting from now (a cold start's init included). Never rejects: a
   * failure is an outcome with Lambda's error payload.
   */
  async invoke(invocation: Invocation): Promise<InvocationOutcome> {
    const started = Date.now();
    const deadline = started + invocation.timeoutSeconds * 1000;
    const outcome = (payload: string, failed: boolean): InvocationOutcome => {
      const logs = this.output;
      this.output = '';
      return { payload, functionError: failed ? 'Unhandled' : undefined, logs, durationMs: Date.now() - started };
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<InvocationOutcome>((resolve) => {
      timer = setTimeout(() => {
        this.kill();
        resolve(outcome(timedOut(invocation.requestId, invocation.timeoutSeconds), true));
      }, deadline - started);
    });
    const run = async (): Promise<InvocationOutcome> => {
      const ready = await this.init;
      if (!ready.ok) {
        this.kill();
        return outcome(ready.error, true);
      }
      return new Promise<InvocationOutcome>((resolve) => {
        this.onMessage = (message) => {
          if (message.type === 'result' && message.requestId === invocation.requestId) {
            resolve(outcome(message.payload, false));
          } else if (message.type === 'error') {
            // An uncaught exception or unhandled rejection ends the runtime, as Lambda's does.
            if (message.fatal) this.kill();
            resolve(outcome(JSON.stringify(message.error), true));
          }
        };
        this.onExit = (code, signal) =>
          resolve(
            outcome(
              runtimeFailure(
                'Runtime.ExitError',
                `RequestId: ${invocation.requestId} Error: Runtime exited with error: ${exitReason(code, signal)}`,
              ),
              true,
            ),
          );
        const message = {
          type: 'invoke',
          requestId: invocation.requestId,
          payload: invocation.payload,
          invokedFunctionArn: invocation.invokedFunctionArn,
          clientContext: invocation.clientContext,
          deadline,
        };
        // A process that just exited has no channel left: its exit handler answers the invocation.
        this.child.send(message, (error) => error && this.kill());
      });
    };
    try {
      return await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
      this.lastUsed = Date.now();
    }
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

function exitReason(code: number | null, signal: string | null): string {
  return signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code ?? 'unknown'}`;
}
