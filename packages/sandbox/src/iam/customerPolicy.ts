import { invalidInput } from './iamErrors.js';
import type { IamStore, ManagedPolicyRecord } from './iamStore.js';
import { awsManagedPolicy } from './managedPolicies.js';

/** A customer managed policy, for the calls that change one: AWS managed policies cannot be changed. */
export function customerPolicy(store: IamStore, arn: string): ManagedPolicyRecord {
  if (awsManagedPolicy(arn)) throw invalidInput(`Policy ${arn} is an AWS managed policy and cannot be changed.`);
  store.policy(arn); // NoSuchEntity with IAM's text
  return store.customerPolicies[arn] as ManagedPolicyRecord;
}
