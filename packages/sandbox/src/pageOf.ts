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

/** How a keyed listing is ordered and how its tokens are written. */
export interface KeyedListing<T> {
  /** The item's unique key: the listing is in its order. */
  readonly keyOf: (item: T) => string;
  /** Newest first (the keys in reverse order), as DynamoDB lists exports. @default false */
  readonly descending?: boolean;
  /** A token for the last key of a page, and back (undefined: not a token of this listing). @default {@link KEY_TOKEN} */
  readonly token?: KeyToken;
}

/** Turns the last key of a page into the next page's token and back. */
export interface KeyToken {
  encode(key: string): string;
  decode(token: string): string | undefined;
}

/** The default token: the key, tagged and base64url-encoded, opaque to clients. */
export const KEY_TOKEN: KeyToken = {
  encode: (key) => Buffer.from(`k:${key}`).toString('base64url'),
  decode(token) {
    const decoded = Buffer.from(token, 'base64url').toString();
    return decoded.startsWith('k:') ? decoded.slice(2) : undefined;
  },
};

/**
 * Pages a listing in the order of a unique key: the token names the last key of the previous page, and the next
 * page starts after it, so an item added or removed between calls shifts nothing (the way IAM's Marker, Lambda's
 * NextMarker and SSM's NextToken behave). A token this listing did not make throws `invalidToken()`.
 */
export function pageAfter<T>(
  items: readonly T[],
  token: unknown,
  pageSize: number,
  listing: KeyedListing<T>,
  invalidToken: () => Error,
): Page<T> {
  const codec = listing.token ?? KEY_TOKEN;
  const order = listing.descending ? -1 : 1;
  const sorted = items
    .map((item) => ({ item, key: listing.keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -order : a.key > b.key ? order : 0));
  let start = 0;
  if (token !== undefined && token !== null) {
    const after = typeof token === 'string' ? codec.decode(token) : undefined;
    if (after === undefined) throw invalidToken();
    start = sorted.findIndex(({ key }) => (listing.descending ? key < after : key > after));
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + pageSize);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    ...(start + pageSize < sorted.length && last ? { nextToken: codec.encode(last.key) } : {}),
  };
}
