/** One page of a listing, and the token of the next page when there is one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Pages a listing whose order is stable: the token is the next page's offset,
 * opaque to clients; a token this function did not make throws `invalidToken()`.
 */
export function pageOf<T>(items: readonly T[], token: unknown, pageSize: number, invalidToken: () => Error): Page<T> {
  let start = 0;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString()) : null;
    if (!decoded) throw invalidToken();
    start = Number(decoded[1]);
  }
  const end = start + pageSize;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`o:${end}`).toString('base64url') } : {}),
  };
}
