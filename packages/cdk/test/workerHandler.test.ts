import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SegmentStateCodec } from '../../core/src/sync/segmentState.js';
import { CHECKPOINT_SECRET_VARIABLE, checkpointKeyOf, handler } from '../src/worker/workerHandler.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ConsentCheckpoint-AbCdEf';

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env[CHECKPOINT_SECRET_VARIABLE];
  delete process.env.DYNAMO_DR_CHECKPOINT_KEY;
  delete process.env.DYNAMO_DR_JOURNAL_TABLE;
});

describe('the worker of a sensitive table', () => {
  it('derives an AES-256 key from the secret that encrypts and decrypts its checkpoints', () => {
    const key = checkpointKeyOf('q8ZxWm3p0Rt7LkVb2Nc5Hs9Jd4Fg6Ya1Ue0Io8Pw7Qv3Xr5Tz');
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const codec = new SegmentStateCodec(true, key);
    const stored = codec.encode({ cursor: { pk: { S: 'customer#123-45-6789' } } });
    expect(stored).not.toContain('123-45-6789');
    expect(codec.decode(stored).cursor).toEqual({ pk: { S: 'customer#123-45-6789' } });
    expect(() => new SegmentStateCodec(true, checkpointKeyOf('another secret')).decode(stored)).toThrow(
      /cannot be decrypted/,
    );
  });

  it('reads its secret once, before the first event, and sets the checkpoint key core reads', async () => {
    // The sandbox has no Secrets Manager: the client's send is replaced, and says what it was asked.
    const send = vi
      .spyOn(SecretsManagerClient.prototype, 'send')
      .mockImplementation(async () => ({ SecretString: 'the generated secret' }));
    process.env[CHECKPOINT_SECRET_VARIABLE] = SECRET_ARN;
    // An event naming no handler is refused before any DynamoDB call: the journal table is never reached.
    process.env.DYNAMO_DR_JOURNAL_TABLE = 'Test-DisasterRecoveryJournal';
    process.env.AWS_REGION ??= 'eu-west-1';
    await expect(handler({ handler: 'noSuchHandler' as never })).rejects.toThrow(
      /handler "noSuchHandler" is not a step/,
    );
    await expect(handler({ handler: 'noSuchHandler' as never })).rejects.toThrow(
      /handler "noSuchHandler" is not a step/,
    );
    expect(send).toHaveBeenCalledTimes(1);
    expect((send.mock.calls[0]![0] as { input: unknown }).input).toEqual({ SecretId: SECRET_ARN });
    expect(process.env.DYNAMO_DR_CHECKPOINT_KEY).toBe(checkpointKeyOf('the generated secret'));
  });
});
