import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DrError, InputError } from '../errors.js';
import type { Item } from '../aws/tableRef.js';
import { itemFromJson, itemToJson, type JsonItem } from './attributeJson.js';
import type { TableDigest } from './tableDigest.js';

/** What a segment needs to continue: where its scan stopped and the digest of what it read so far. */
export interface SegmentState {
  /** Where the scan (of the source, for a delta) continues. */
  readonly cursor?: Item;
  /** A delta's second scan, of the destination. */
  readonly destinationCursor?: Item;
  readonly sourceDone?: boolean;
  readonly destinationDone?: boolean;
  readonly digest?: TableDigest;
}

/**
 * The environment variable holding the key that encrypts checkpoints of sensitive tables.
 *
 * @example
 * process.env[CHECKPOINT_KEY_VARIABLE] = randomBytes(32).toString('base64'); // before syncing a sensitive table
 */
export const CHECKPOINT_KEY_VARIABLE = 'DYNAMO_DR_CHECKPOINT_KEY';
const ENCRYPTED = 'aes-256-gcm:';

/**
 * How a segment's resume state is stored. Ordinary tables: plain JSON.
 * Sensitive tables: AES-256-GCM with a 32-byte key (base64) given as an option
 * or in `DYNAMO_DR_CHECKPOINT_KEY` — the cursor is a key value, and the
 * digest of a few items could be guessed back, so both are encrypted.
 */
export class SegmentStateCodec {
  private readonly key?: Buffer;

  constructor(
    readonly sensitive: boolean,
    key: string | undefined = process.env[CHECKPOINT_KEY_VARIABLE],
  ) {
    if (sensitive && key !== undefined) this.key = parseKey(key);
  }

  /** Whether states can be stored at all (a sensitive table needs a key). */
  get canStore(): boolean {
    return !this.sensitive || this.key !== undefined;
  }

  /** Fails before any change when a sensitive run is asked to checkpoint without a key. */
  assertCanStore(): void {
    if (!this.canStore) {
      throw new InputError(
        CHECKPOINT_KEY_VARIABLE,
        '(unset)',
        'is required to checkpoint a table marked sensitive: its checkpoints hold key values and are encrypted',
        `Set ${CHECKPOINT_KEY_VARIABLE} to 32 random bytes in base64 (openssl rand -base64 32), or run without checkpoints.`,
      );
    }
  }

  encode(state: SegmentState): string {
    const json = JSON.stringify({
      ...state,
      cursor: state.cursor && itemToJson(state.cursor),
      destinationCursor: state.destinationCursor && itemToJson(state.destinationCursor),
    });
    if (!this.sensitive) return json;
    this.assertCanStore();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key!, iv);
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return ENCRYPTED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decode(text: string): SegmentState {
    let json = text;
    if (text.startsWith(ENCRYPTED)) {
      this.assertCanStore();
      const raw = Buffer.from(text.slice(ENCRYPTED.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key!, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new DrError('A sensitive checkpoint cannot be decrypted with the key given.', {
          hint: `Use the ${CHECKPOINT_KEY_VARIABLE} of the run that wrote it, or start a new run id.`,
          cause: error,
        });
      }
    } else if (this.sensitive) {
      throw new DrError('A checkpoint of a sensitive table is stored in plain text; refusing to use it.', {
        hint: 'Start a new run id.',
      });
    }
    const parsed = JSON.parse(json) as Omit<SegmentState, 'cursor' | 'destinationCursor'> & {
      cursor?: JsonItem;
      destinationCursor?: JsonItem;
    };
    return {
      ...parsed,
      cursor: parsed.cursor && itemFromJson(parsed.cursor),
      destinationCursor: parsed.destinationCursor && itemFromJson(parsed.destinationCursor),
    };
  }
}

function parseKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new InputError(
      CHECKPOINT_KEY_VARIABLE,
      `(${key.length} bytes)`,
      'is not a 32-byte AES-256 key in base64',
      'Generate one with: openssl rand -base64 32',
    );
  }
  return key;
}
