import type { QueryRequest } from '../queryRequest.js';
import type { IamStore } from './iamStore.js';

/** One emulated IAM operation: the Query request in, the `…Result` members out, or an AwsError thrown. */
export type IamAction = (request: QueryRequest, store: IamStore) => Record<string, unknown> | undefined;
