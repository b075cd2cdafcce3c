import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { declaredProperties } from './changeSetChanges.js';
import { handlerFor } from './resources/resourceTypes.js';
import type { AssetSource } from './resources/assetSource.js';
import type { ProvisionedResource, ResourceContext } from './resources/resourceHandler.js';
import type { StackClients } from './stackClients.js';
import { conditionsOf, type StackPlan } from './stackPlan.js';
import type { ResourceRecord, StackOutput, StackRecord, StackStore } from './stackStore.js';
import { resolveValue, type ResolveScope } from './template/intrinsics.js';
import { MAX_TEMPLATE_URL_BYTES, parseTemplate } from './template/parseTemplate.js';
import { creationOrder, resourceDependencies } from './template/resourceOrder.js';

/** A resource that failed; the operation rolls back. */
class ResourceFailure extends Error {
  constructor(
    readonly logicalId: string,
    readonly verb: 'create' | 'update' | 'delete',
    reason: string,
  ) {
    super(reason);
  }
}

export interface StackOperationOptions {
  readonly store: StackStore;
  readonly clients: () => StackClients;
  readonly assets: AssetSource;
  readonly region: string;
}

/**
 * Applies plans to stacks as CloudFormation does, with its statuses and
 * events (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-describing-stacks.html):
 * resources one at a time in dependency order; a failed create rolls back
 * (the created resources deleted in reverse order, ROLLBACK_COMPLETE); an
 * update changes, replaces, adds and (in cleanup) removes resources by logical
 * id and rolls all of it back on failure; a delete goes in reverse order.
 * DeletionPolicy / UpdateReplacePolicy `Retain` keep a resource (DELETE_SKIPPED).
 */
export class StackOperations {
  constructor(private readonly options: StackOperationOptions) {}

  async create(stack: StackRecord, plan: StackPlan, onFailure: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING'): Promise<void> {
    const { store } = this.options;
    this.applyPlanFields(stack, plan);
    store.event(stack, 'CREATE_IN_PROGRESS', 'User Initiated');
    const clients = this.options.clients();
    const scope = this.scope(stack, plan);
    const created: string[] = [];
    try {
      for (const id of plan.order) {
        if (!this.included(plan, id, scope)) continue;
        await this.createResource(stack, plan, id, scope, clients, 'CREATE');
        created.push(id);
      }
      stack.Outputs = this.outputs(plan, scope);
      store.event(stack, 'CREATE_COMPLETE');
    } catch (error) {
      const failure = error as ResourceFailure;
      if (onFailure === 'DO_NOTHING') {
        store.event(stack, 'CREATE_FAILED', `The following resource(s) failed to create: [${failure.logicalId}]. `);
        return;
      }
      store.event(
        stack,
        onFailure === 'DELETE' ? 'DELETE_IN_PROGRESS' : 'ROLLBACK_IN_PROGRESS',
        `The following resource(s) failed to create: [${failure.logicalId}]. Rollback requested by user.`,
      );
      const deleted = await this.deleteResources(
        stack,
        [...created, failure.logicalId].reverse(),
        clients,
        'DeletionPolicy',
      );
      if (onFailure === 'DELETE' && deleted) {
        stack.DeletionTime = new Date().toISOString();
        store.event(stack, 'DELETE_COMPLETE');
      } else {
        store.event(stack, deleted ? 'ROLLBACK_COMPLETE' : 'ROLLBACK_FAILED');
      }
    } finally {
      clients.destroy();
    }
  }

  async update(stack: StackRecord, plan: StackPlan): Promise<void> {
    const { store } = this.options;
    const before = structuredClone({
      resources: stack.resources,
      Parameters: stack.Parameters,
      templateBody: stack.templateBody,
      Outputs: stack.Outputs,
      Description: stack.Description,
    });
    this.applyPlanFields(stack, plan);
    stack.LastUpdatedTime = new Date().toISOString();
    store.event(stack, 'UPDATE_IN_PROGRESS', 'User Initiated');
    const clients = this.options.clients();
    const scope = this.scope(stack, plan);
    /** What was done, to undo on failure; `old` is the record before. */
    const done: {
      id: string;
      kind: 'created' | 'updated' | 'replaced';
      old?: ResourceRecord;
      replacement?: ResourceRecord;
    }[] = [];
    try {
      for (const id of plan.order) {
        if (!this.included(plan, id, scope)) continue;
        const old = before.resources[id];
        if (!old) {
          await this.createResource(stack, plan, id, scope, clients, 'CREATE');
          done.push({ id, kind: 'created' });
          continue;
        }
        const outcome = await this.updateResource(stack, plan, id, old, scope, clients);
        if (outcome) done.push({ id, old, ...outcome });
      }
      stack.Outputs = this.outputs(plan, scope);
      store.event(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      const removed = this.deletionOrder(before.templateBody, before.resources).filter(
        (id) => !(id in plan.template.Resources) || !this.included(plan, id, scope),
      );
      for (const id of removed) {
        await this.deleteResources(stack, [id], clients, 'DeletionPolicy');
        delete stack.resources[id];
      }
      for (const { old } of done.filter((d) => d.kind === 'replaced')) {
        if (old) await this.deleteRecord(stack, structuredClone(old), clients, 'UpdateReplacePolicy');
      }
      store.event(stack, 'UPDATE_COMPLETE');
    } catch (error) {
      const failure = error as ResourceFailure;
      store.event(
        stack,
        'UPDATE_ROLLBACK_IN_PROGRESS',
        `The following resource(s) failed to ${failure.verb}: [${failure.logicalId}]. `,
      );
      for (const step of done.reverse()) {
        const current = stack.resources[step.id];
        if (step.kind === 'created' && current) {
          await this.deleteResources(stack, [step.id], clients, 'DeletionPolicy');
          delete stack.resources[step.id];
        } else if (step.kind === 'updated' && current && step.old) {
          store.event(stack, 'UPDATE_IN_PROGRESS', undefined, current);
          const restored = await handlerFor(current.ResourceType, current.properties)
            .update(
              provisioned(current),
              step.old.properties,
              current.properties,
              this.context(stack, step.id, clients),
            )
            .catch(() => undefined);
          stack.resources[step.id] = { ...step.old, attributes: restored?.attributes ?? step.old.attributes };
          store.event(stack, restored ? 'UPDATE_COMPLETE' : 'UPDATE_FAILED', undefined, stack.resources[step.id]);
        } else if (step.kind === 'replaced' && current && step.old) {
          stack.resources[step.id] = step.old;
          store.event(stack, 'UPDATE_COMPLETE', undefined, step.old);
        }
      }
      if (!before.resources[failure.logicalId]) delete stack.resources[failure.logicalId];
      else stack.resources[failure.logicalId] = before.resources[failure.logicalId] as ResourceRecord;
      Object.assign(stack, {
        Parameters: before.Parameters,
        templateBody: before.templateBody,
        Outputs: before.Outputs,
        Description: before.Description,
      });
      store.event(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
      for (const step of done.filter((d) => d.kind === 'replaced' && d.replacement)) {
        await this.deleteRecord(stack, step.replacement as ResourceRecord, clients, 'DeletionPolicy');
      }
      store.event(stack, 'UPDATE_ROLLBACK_COMPLETE');
    } finally {
      clients.destroy();
    }
  }

  async delete(stack: StackRecord): Promise<void> {
    const { store } = this.options;
    store.event(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
    const clients = this.options.clients();
    try {
      const order = this.deletionOrder(stack.templateBody, stack.resources);
      if (await this.deleteResources(stack, order, clients, 'DeletionPolicy')) {
        stack.DeletionTime = new Date().toISOString();
        store.event(stack, 'DELETE_COMPLETE');
      } else {
        const failed = Object.values(stack.resources).filter((r) => r.ResourceStatus === 'DELETE_FAILED');
        store.event(
          stack,
          'DELETE_FAILED',
          `The following resource(s) failed to delete: [${failed.map((r) => r.LogicalResourceId).join(', ')}]. `,
        );
      }
    } finally {
      clients.destroy();
    }
  }

  private applyPlanFields(stack: StackRecord, plan: StackPlan): void {
    stack.templateBody = plan.templateBody;
    stack.Parameters = plan.parameters;
    stack.Description = plan.template.Description;
  }

  private included(plan: StackPlan, id: string, scope: ResolveScope): boolean {
    const condition = plan.template.Resources[id]?.Condition;
    return condition === undefined || scope.condition(condition);
  }

  private async createResource(
    stack: StackRecord,
    plan: StackPlan,
    id: string,
    scope: ResolveScope,
    clients: StackClients,
    verb: 'CREATE' | 'UPDATE',
    replacing?: ResourceRecord,
  ): Promise<ResourceRecord> {
    const { store } = this.options;
    const declaration = plan.template.Resources[id];
    const type = declaration?.Type ?? '';
    const handler = handlerFor(type, declaration?.Properties);
    const record: ResourceRecord = {
      LogicalResourceId: id,
      ResourceType: type,
      ResourceStatus: `${verb}_IN_PROGRESS`,
      Timestamp: new Date().toISOString(),
      properties: {},
      attributes: {},
      DeletionPolicy: declaration?.DeletionPolicy,
      ...(handler.recordedReason && { recordedOnly: true }),
    };
    if (replacing) record.PhysicalResourceId = replacing.PhysicalResourceId;
    stack.resources[id] = record;
    store.event(
      stack,
      `${verb}_IN_PROGRESS`,
      replacing ? 'Requested update requires the creation of a new physical resource; hence creating one.' : undefined,
      record,
    );
    try {
      record.properties = resolveValue(declaration?.Properties ?? {}, scope) as Record<string, unknown>;
      record.declared = declaredProperties(plan, id);
      const made = await handler.create(record.properties, this.context(stack, id, clients));
      record.PhysicalResourceId = made.physicalId;
      record.attributes = { ...made.attributes };
      store.event(stack, `${verb}_IN_PROGRESS`, handler.recordedReason ?? 'Resource creation Initiated', record);
      store.event(stack, `${verb}_COMPLETE`, handler.recordedReason, record);
      return record;
    } catch (error) {
      store.event(stack, `${verb}_FAILED`, reasonOf(error), record);
      throw new ResourceFailure(id, verb === 'CREATE' ? 'create' : 'update', reasonOf(error));
    }
  }

  /** Updates one resource of an existing stack; undefined when its properties did not change. */
  private async updateResource(
    stack: StackRecord,
    plan: StackPlan,
    id: string,
    old: ResourceRecord,
    scope: ResolveScope,
    clients: StackClients,
  ): Promise<{ kind: 'updated' | 'replaced'; replacement?: ResourceRecord } | undefined> {
    const { store } = this.options;
    const declaration = plan.template.Resources[id];
    const type = declaration?.Type ?? '';
    const handler = handlerFor(type, declaration?.Properties);
    let properties: Record<string, unknown>;
    try {
      properties = resolveValue(declaration?.Properties ?? {}, scope) as Record<string, unknown>;
    } catch (error) {
      store.event(stack, 'UPDATE_FAILED', reasonOf(error), stack.resources[id]);
      throw new ResourceFailure(id, 'update', reasonOf(error));
    }
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (type === old.ResourceType && same(properties, old.properties)) return undefined;
    const replace =
      type !== old.ResourceType || handler.replacingProperties.some((p) => !same(properties[p], old.properties[p]));
    if (replace) {
      const named = handler.replacingProperties.find((p) => p.endsWith('Name') && properties[p] !== undefined);
      if (named && same(properties[named], old.properties[named])) {
        const reason = `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(properties[named])} and update the stack again.`;
        store.event(stack, 'UPDATE_FAILED', reason, stack.resources[id]);
        throw new ResourceFailure(id, 'update', reason);
      }
      const replacement = await this.createResource(stack, plan, id, scope, clients, 'UPDATE', old);
      return { kind: 'replaced', replacement: structuredClone(replacement) };
    }
    const record = stack.resources[id] as ResourceRecord;
    store.event(stack, 'UPDATE_IN_PROGRESS', undefined, record);
    try {
      const updated = await handler.update(
        provisioned(old),
        properties,
        old.properties,
        this.context(stack, id, clients),
      );
      Object.assign(record, {
        properties,
        declared: declaredProperties(plan, id),
        attributes: { ...updated.attributes },
        DeletionPolicy: declaration?.DeletionPolicy,
      });
      store.event(stack, 'UPDATE_COMPLETE', handler.recordedReason, record);
      return { kind: 'updated' };
    } catch (error) {
      store.event(stack, 'UPDATE_FAILED', reasonOf(error), record);
      throw new ResourceFailure(id, 'update', reasonOf(error));
    }
  }

  /** Deletes resources in the order given; false when one could not be deleted. */
  private async deleteResources(
    stack: StackRecord,
    ids: readonly string[],
    clients: StackClients,
    policy: 'DeletionPolicy' | 'UpdateReplacePolicy',
  ): Promise<boolean> {
    let all = true;
    for (const id of ids) {
      const record = stack.resources[id];
      if (record && !(await this.deleteRecord(stack, record, clients, policy))) all = false;
    }
    return all;
  }

  private async deleteRecord(
    stack: StackRecord,
    record: ResourceRecord,
    clients: StackClients,
    policy: 'DeletionPolicy' | 'UpdateReplacePolicy',
  ): Promise<boolean> {
    const { store } = this.options;
    const event = (status: string, reason?: string) => store.event(stack, status, reason, record);
    const retainedBy = policy === 'DeletionPolicy' ? record.DeletionPolicy : this.updateReplacePolicy(stack, record);
    if (retainedBy === 'Retain' && record.PhysicalResourceId) {
      event('DELETE_SKIPPED');
      return true;
    }
    event('DELETE_IN_PROGRESS');
    try {
      if (record.PhysicalResourceId && record.ResourceStatus !== 'CREATE_FAILED') {
        await handlerFor(record.ResourceType, record.properties).delete(
          provisioned(record),
          record.properties,
          this.context(stack, record.LogicalResourceId, clients),
        );
      }
      event('DELETE_COMPLETE');
      return true;
    } catch (error) {
      if (isGone(error)) {
        event('DELETE_COMPLETE');
        return true;
      }
      event('DELETE_FAILED', reasonOf(error));
      return false;
    }
  }

  private updateReplacePolicy(stack: StackRecord, record: ResourceRecord): string | undefined {
    try {
      return parseTemplate(stack.templateBody, MAX_TEMPLATE_URL_BYTES).Resources[record.LogicalResourceId]
        ?.UpdateReplacePolicy;
    } catch {
      return undefined;
    }
  }

  /** The resources of a template's stack, each before what it depends on (reverse creation order). */
  private deletionOrder(templateBody: string, resources: Readonly<Record<string, ResourceRecord>>): string[] {
    const template = parseTemplate(templateBody, MAX_TEMPLATE_URL_BYTES);
    // The template was checked when it was applied: every name it uses is known.
    const inTemplate = creationOrder(resourceDependencies(template, () => true)).reverse();
    const orphans = Object.keys(resources).filter((id) => !inTemplate.includes(id));
    return [...orphans, ...inTemplate.filter((id) => id in resources)];
  }

  private outputs(plan: StackPlan, scope: ResolveScope): StackOutput[] {
    return Object.entries(plan.template.Outputs ?? {})
      .filter(([, output]) => output.Condition === undefined || scope.condition(output.Condition))
      .map(([key, output]) => {
        const value = resolveValue(output.Value, scope);
        return {
          OutputKey: key,
          OutputValue: Array.isArray(value) ? value.join(',') : String(value),
          ...(output.Description !== undefined && { Description: output.Description }),
          ...(output.Export && { ExportName: String(resolveValue(output.Export.Name, scope)) }),
        };
      });
  }

  private scope(stack: StackRecord, plan: StackPlan): ResolveScope {
    const { store } = this.options;
    const scope: ResolveScope = {
      values: plan.values,
      mappings: plan.template.Mappings ?? {},
      condition: conditionsOf(plan.template, () => scope),
      ref(id) {
        const resource = stack.resources[id];
        if (!resource?.PhysicalResourceId)
          throw new Error(`Template error: resource ${id} has no physical id (it was not created).`);
        return resource.PhysicalResourceId;
      },
      getAtt(id, attribute) {
        const resource = stack.resources[id];
        const value = resource?.attributes[attribute];
        if (value !== undefined) return value;
        if (resource?.recordedOnly)
          return `arn:aws:sandbox:${stack.StackId.split(':')[3]}:${SANDBOX_ACCOUNT}:${resource.PhysicalResourceId}/${attribute}`;
        throw new Error(`Template error: resource ${id} does not support attribute type ${attribute} in Fn::GetAtt`);
      },
      importValue(name) {
        for (const other of Object.values(store.stacks)) {
          if (other.StackStatus === 'DELETE_COMPLETE') continue;
          const found = other.Outputs.find((o) => o.ExportName === name);
          if (found) return found.OutputValue;
        }
        throw new Error(`No export named ${name} found.`);
      },
    };
    return scope;
  }

  private context(stack: StackRecord, logicalId: string, clients: StackClients): ResourceContext {
    return { clients, stackName: stack.StackName, logicalId, region: this.options.region, assets: this.options.assets };
  }
}

function provisioned(record: ResourceRecord): ProvisionedResource {
  return { physicalId: record.PhysicalResourceId ?? '', attributes: record.attributes };
}

/** Each service's "not found": a resource already gone counts as deleted, as CloudFormation treats it. */
const GONE = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'NotFoundException',
  'NotFound',
  'StateMachineDoesNotExist',
  'TableNotFoundException',
  'NoSuchBucket',
  'NoSuchEntity',
  'NoSuchEntityException',
]);

function isGone(error: unknown): boolean {
  return GONE.has((error as { name?: string }).name ?? '');
}

/** An error as CloudFormation reports a handler's failure. */
function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  if (e.$metadata?.httpStatusCode) {
    return `Resource handler returned message: "${e.message} (Status Code: ${e.$metadata.httpStatusCode}, Error Code: ${e.name}, Request ID: ${e.$metadata.requestId ?? 'none'})"`;
  }
  return e.message ?? String(error);
}
