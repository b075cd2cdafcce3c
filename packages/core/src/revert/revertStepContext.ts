import type { S3Client } from '@aws-sdk/client-s3';
import type { RestoreStepContext } from '../restore/restoreStepContext.js';

/** What a revert's steps run with: a restore's context and a client of the exports' bucket. */
export interface RevertStepContext extends RestoreStepContext {
  readonly s3: S3Client;
}
