import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * An IAM unique id or access key id as AWS spells them: a 4-letter prefix that names the kind
 * (`AROA` role, `ANPA` managed policy, `ASIA` temporary access key) and upper-case base32 characters.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 */
export function awsId(prefix: string, length: number): string {
  const bytes = randomBytes(length - prefix.length);
  return prefix + Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/** A secret of `bytes` random bytes in base64 (a secret access key is 40 characters, 30 bytes). */
export function awsSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}
