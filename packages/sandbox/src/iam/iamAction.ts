import type { IamStore } from './iamStore.js';
import type { QueryTree } from '../queryProtocol.js';

/** One emulated IAM operation: the Query request in, the `…Result` members out, or an AwsError thrown. */
export type IamAction = (request: QueryTree, store: IamStore) => Record<string, unknown> | undefined;
