import { createHash } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CHECKPOINT_KEY_VARIABLE, workflowLambdaHandler } from '@dynamo-dr/core/lambda';

/** The variable naming the Secrets Manager secret a sensitive table's checkpoint key derives from. */
export const CHECKPOINT_SECRET_VARIABLE = 'DYNAMO_DR_CHECKPOINT_SECRET_ARN';

/**
 * The AES-256 key (base64) that encrypts a sensitive table's checkpoints, from its secret: SHA-256 of the
 * secret's random string, so the key never appears in the template, the function's configuration or a log.
 *
 * @example
 * checkpointKeyOf('Xq3...'); // 44 characters of base64 (32 bytes)
 */
export function checkpointKeyOf(secretString: string): string {
  return createHash('sha256').update(secretString, 'utf8').digest('base64');
}

let keyLoaded: Promise<void> | undefined;

/** Reads the checkpoint key once per container, when the function's table is sensitive. */
async function loadCheckpointKey(): Promise<void> {
  const secretArn = process.env[CHECKPOINT_SECRET_VARIABLE];
  if (!secretArn) return;
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  process.env[CHECKPOINT_KEY_VARIABLE] = checkpointKeyOf(out.SecretString ?? '');
}

/**
 * The worker Lambda of a table's recovery workflows: core's workflow handler, after the checkpoint key of a
 * sensitive table is in place. Bundled by the construct at synth time (`workerBundle.ts`).
 *
 * @example
 * // Lambda handler setting: "index.handler" in the bundle of this module
 */
export async function handler(event: Parameters<typeof workflowLambdaHandler>[0]): Promise<unknown> {
  keyLoaded ??= loadCheckpointKey().catch((error: unknown) => {
    keyLoaded = undefined;
    throw error;
  });
  await keyLoaded;
  return workflowLambdaHandler(event);
}
