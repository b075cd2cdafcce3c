import { resourceNotFound } from '../lambdaError.js';
import type { LambdaStore, MappingRecord } from '../lambdaStore.js';

/** The mapping with this UUID; ResourceNotFoundException if none. */
export function findMapping(store: LambdaStore, region: string, uuid: string): MappingRecord {
  const mapping = store.region(region).mappings[uuid];
  if (!mapping) throw resourceNotFound();
  return mapping;
}
