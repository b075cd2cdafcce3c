import type { SandboxRequest } from '../server.js';

const CREDENTIAL_IN_HEADER = /Credential=([^/,\s]+)\//;

/**
 * The access key id a request was signed with: SigV4's `Credential=` in the Authorization header, or
 * `X-Amz-Credential` of a presigned URL. Signatures themselves are not verified (docs/sandbox.md).
 */
export function accessKeyIdOf(request: Pick<SandboxRequest, 'headers' | 'url'>): string | undefined {
  const auth = request.headers.authorization;
  const inHeader = typeof auth === 'string' ? CREDENTIAL_IN_HEADER.exec(auth)?.[1] : undefined;
  return inHeader ?? request.url.searchParams.get('X-Amz-Credential')?.split('/')[0];
}

/** The session token sent with temporary credentials (`X-Amz-Security-Token`, header or query). */
export function sessionTokenOf(request: Pick<SandboxRequest, 'headers' | 'url'>): string | undefined {
  const header = request.headers['x-amz-security-token'];
  return (
    (typeof header === 'string' ? header : undefined) ??
    request.url.searchParams.get('X-Amz-Security-Token') ??
    undefined
  );
}
