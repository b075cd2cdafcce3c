import type { DynamoAction } from './service.js';

/**
 * The DynamoDB operations the sandbox emulates itself (one file per action
 * under `actions/`); all others are dynalite's.
 */
export const dynamoActions: Readonly<Record<string, DynamoAction>> = {};
