import path from 'node:path';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { queryService } from '../queryService.js';
import type { SandboxService } from '../server.js';
import { cloudFormationActions } from './actions.js';
import { cloudFormationPermissions } from './iamPermissions.js';
import { withLists } from './queryMembers.js';
import type { AssetSource } from './resources/assetSource.js';
import { createStackClients, type StackClientConfig } from './stackClients.js';
import { StackOperations } from './stackOperations.js';
import { planStack, type PlanRequest, type StackPlan } from './stackPlan.js';
import { StackStore } from './stackStore.js';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** What every CloudFormation action works with. */
export interface CloudFormationContext {
  readonly store: StackStore;
  readonly operations: StackOperations;
  readonly region: string;
  /** An object of the sandbox's S3 (or a local CDK asset, see assetSource.ts). */
  readObject(bucket: string, key: string): Promise<Buffer>;
  /** Checks a template and its parameters (nothing changes when it throws). */
  plan(request: Omit<PlanRequest, 'readParameter' | 'region'>): Promise<StackPlan>;
}

/** One emulated CloudFormation operation: the request's parameters in, the `…Result` members out. */
export type CloudFormationAction = (
  params: Record<string, unknown>,
  context: CloudFormationContext,
) => Promise<unknown>;

export interface CloudFormationServiceOptions {
  readonly dataDir?: string;
  /** Where the stack operations reach the sandbox's services, and as whom. */
  readonly clientConfig: () => StackClientConfig;
  readonly assets: AssetSource;
}

/**
 * CloudFormation's query-protocol endpoint (requests signed for
 * `cloudformation`), creating resources through the sandbox's own services;
 * state in memory, and in `{dataDir}/cloudformation.json` when a data
 * directory is given. Stack operations answer once they are finished.
 */
export function cloudFormationService(options: CloudFormationServiceOptions): SandboxService {
  const store = new StackStore(options.dataDir && path.join(options.dataDir, 'cloudformation.json'));
  return queryService({
    signingName: 'cloudformation',
    title: 'CloudFormation',
    namespace: NAMESPACE,
    actions: cloudFormationActions,
    permissionsFor: cloudFormationPermissions,
    async run({ action, params: tree, req }) {
      const { Action: _action, Version: _version, ...params } = withLists(tree) as Record<string, unknown>;
      const clientConfig = () => ({ ...options.clientConfig(), region: req.region });
      const operations = new StackOperations({
        store,
        clients: () => createStackClients(clientConfig()),
        assets: options.assets,
        region: req.region,
      });
      const context: CloudFormationContext = {
        store,
        operations,
        region: req.region,
        async readObject(bucket, key) {
          const clients = createStackClients(clientConfig());
          try {
            return await options.assets.read(bucket, key, clients.s3);
          } finally {
            clients.destroy();
          }
        },
        async plan(request) {
          const clients = createStackClients(clientConfig());
          try {
            return await planStack({
              ...request,
              region: req.region,
              readParameter: async (Name) => {
                try {
                  return (await clients.ssm.send(new GetParameterCommand({ Name }))).Parameter?.Value;
                } catch (error) {
                  if ((error as Error).name === 'ParameterNotFound') return undefined;
                  throw error;
                }
              },
            });
          } finally {
            clients.destroy();
          }
        },
      };
      return action(params, context);
    },
  });
}
