import type { SandboxRequest } from '../server.js';

/** The session token sent with temporary credentials (`X-Amz-Security-Token`, header or query). */
export function sessionTokenOf(request: Pick<SandboxRequest, 'headers' | 'url'>): string | undefined {
  const header = request.headers['x-amz-security-token'];
  return (
    (typeof header === 'string' ? header : undefined) ??
    request.url.searchParams.get('X-Amz-Security-Token') ??
    undefined
  );
}
