import { LambdaError } from '../lambdaError.js';
import type { ExecutionEnvironment } from './executionEnvironment.js';

/** How long an idle environment stays warm: Lambda keeps one for minutes, never guaranteed. */
const IDLE_MS = 10 * 60_000;

/** What the pool needs to know of a function to place an invocation. */
export interface PooledFunction {
  /** Region and name: environments of one function serve only it. */
  readonly key: string;
  /** Code, configuration and credentials the environment must have been made with. */
  readonly revision: string;
  readonly reservedConcurrency?: number;
}

/**
 * The sandbox's execution environments, warm and reused, one invocation at a time each. A function gets a
 * new environment when all of its own are busy, up to its reserved concurrency (beyond it: Lambda's 429
 * TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded) and up to `limit`
 * environments in all (the machine's budget, not an AWS quota: an invocation beyond it waits for one to
 * be free, and an idle environment of another function is stopped to make room).
 */
export class EnvironmentPool {
  private readonly environments = new Map<ExecutionEnvironment, PooledFunction['key']>();
  private readonly waiting: (() => void)[] = [];
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly limit: number) {
    this.reaper = setInterval(() => this.reapIdle(), 60_000).unref();
  }

  /** An environment for one invocation of `fn`, marked busy; give it back with {@link release}. */
  async acquire(
    fn: PooledFunction,
    create: () => ExecutionEnvironment,
    waitForCapacity: boolean,
  ): Promise<ExecutionEnvironment> {
    for (;;) {
      for (const [env, key] of this.environments) {
        const stale = !env.alive || env.revision !== fn.revision || env.expiresAt <= Date.now();
        if (key === fn.key && !env.busy && stale) this.stop(env);
      }
      const own = [...this.environments].filter(([, key]) => key === fn.key).map(([env]) => env);
      if (fn.reservedConcurrency !== undefined && own.filter((e) => e.busy).length >= fn.reservedConcurrency) {
        if (!waitForCapacity) {
          throw new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, {
            Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
          });
        }
      } else {
        const warm = own.find((e) => !e.busy);
        if (warm) return this.take(warm);
        if (this.environments.size >= this.limit) {
          const idle = [...this.environments.keys()].filter((e) => !e.busy).sort((a, b) => a.lastUsed - b.lastUsed)[0];
          if (idle) this.stop(idle);
        }
        if (this.environments.size < this.limit) {
          const env = create();
          this.environments.set(env, fn.key);
          return this.take(env);
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  release(env: ExecutionEnvironment): void {
    env.busy = false;
    if (!env.alive) this.environments.delete(env);
    // Every waiter looks again: the one this frees may be of another function than the first in line.
    this.waiting.splice(0).forEach((wake) => wake());
  }

  /** Stops a function's idle environments; busy ones finish their invocation and are then replaced. */
  retire(key: string): void {
    for (const [env, owner] of this.environments) if (owner === key && !env.busy) this.stop(env);
  }

  close(): void {
    clearInterval(this.reaper);
    for (const env of this.environments.keys()) env.kill();
    this.environments.clear();
  }

  private take(env: ExecutionEnvironment): ExecutionEnvironment {
    env.busy = true;
    return env;
  }

  private stop(env: ExecutionEnvironment): void {
    env.kill();
    this.environments.delete(env);
  }

  private reapIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const env of this.environments.keys()) if (!env.busy && env.lastUsed < cutoff) this.stop(env);
    this.waiting.splice(0).forEach((wake) => wake());
  }
}
