import type http from 'node:http';

/** What a SigV4 signature says about its caller: `Credential=KEY/YYYYMMDD/REGION/SERVICE/aws4_request`. */
export interface SigningScope {
  readonly accessKeyId: string;
  /** The Region and service signed for; absent when the credential is not a whole scope. */
  readonly region?: string;
  readonly service?: string;
}

/**
 * The credential of a signed request: the Authorization header's `Credential=`, or a presigned URL's
 * `X-Amz-Credential`. Its scope routes requests that carry no `X-Amz-Target` (S3, the Query-protocol services) and
 * gives every request its Region; its access key id tells the operator from a role session. Signatures themselves
 * are not verified (docs/sandbox.md).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export function signingScopeOf(request: {
  readonly headers: http.IncomingHttpHeaders;
  readonly url?: URL | string;
}): SigningScope | undefined {
  const auth = request.headers.authorization;
  const credential =
    (typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined) ?? presignedCredential(request.url);
  if (!credential) return undefined;
  const [accessKeyId = '', date = '', region = '', service = '', terminator] = credential.split('/');
  const scoped = /^\d{8}$/.test(date) && /^[a-z0-9-]+$/.test(region) && /^[a-z0-9-]+$/.test(service);
  return scoped && terminator === 'aws4_request' ? { accessKeyId, region, service } : { accessKeyId };
}

function presignedCredential(url: URL | string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = typeof url === 'string' ? new URL(url, 'http://sandbox') : url;
  return parsed.searchParams.get('X-Amz-Credential') ?? undefined;
}
