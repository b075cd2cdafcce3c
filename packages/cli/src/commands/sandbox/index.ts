import { startSandbox } from '@dynamo-dr/sandbox';
import { InputError } from '@dynamo-dr/core';

export interface SandboxCommandOptions {
  readonly port: string;
  readonly dataDir?: string;
}

/** `dynamo-dr sandbox`: serve until interrupted, after printing the environment to export. */
export async function sandbox(opts: SandboxCommandOptions): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError('--port', opts.port, 'is not a TCP port', 'Give a whole number from 0 to 65535.');
  }
  const running = await startSandbox({ port, dataDir: opts.dataDir });
  console.error(
    `dynamo-dr sandbox listening on ${running.endpoint}${opts.dataDir ? ` (data in ${opts.dataDir})` : ' (in memory)'}`,
  );
  console.error('Point AWS SDK clients and the AWS CLI at it with:');
  for (const [name, value] of Object.entries(running.env)) console.log(`export ${name}=${value}`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
