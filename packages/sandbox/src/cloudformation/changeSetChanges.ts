import { handlerFor } from './resources/resourceTypes.js';
import { conditionsOf, type StackPlan } from './stackPlan.js';
import type { StackRecord } from './stackStore.js';
import { resolveValue, type ResolveScope } from './template/intrinsics.js';

/**
 * A resource's properties with parameters, pseudo parameters, mappings and
 * conditions resolved, and references to resources left as `{{Ref X}}` /
 * `{{X.Attribute}}`: what a change set compares, before anything exists.
 */
export function declaredProperties(plan: StackPlan, id: string): unknown {
  const scope: ResolveScope = {
    values: plan.values,
    mappings: plan.template.Mappings ?? {},
    condition: conditionsOf(plan.template, () => scope),
    ref: (name) => `{{Ref ${name}}}`,
    getAtt: (name, attribute) => `{{${name}.${attribute}}}`,
    importValue: (name) => `{{ImportValue ${name}}}`,
  };
  return resolveValue(plan.template.Resources[id]?.Properties ?? {}, scope);
}

/** Whether the plan's resource exists (its Condition holds). */
export function declaredIn(plan: StackPlan, id: string): boolean {
  const condition = plan.template.Resources[id]?.Condition;
  if (condition === undefined) return true;
  const scope: ResolveScope = {
    values: plan.values,
    mappings: plan.template.Mappings ?? {},
    condition: conditionsOf(plan.template, () => scope),
    ref: (name) => name,
    getAtt: (name) => name,
    importValue: (name) => name,
  };
  return scope.condition(condition);
}

/**
 * A change set's Changes (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html):
 * Add, Modify (Replacement True when a replacing property or the type
 * changes) and Remove, by logical id, against what the stack holds.
 */
export function changeSetChanges(stack: StackRecord | undefined, plan: StackPlan): Record<string, unknown>[] {
  const existing = stack?.resources ?? {};
  const changes: Record<string, unknown>[] = [];
  const change = (resourceChange: Record<string, unknown>) =>
    changes.push({ Type: 'Resource', ResourceChange: resourceChange });
  for (const id of plan.order) {
    if (!declaredIn(plan, id)) continue;
    const type = plan.template.Resources[id]?.Type ?? '';
    const old = existing[id];
    if (!old) {
      change({ Action: 'Add', LogicalResourceId: id, ResourceType: type, Scope: [], Details: [] });
      continue;
    }
    const declared = declaredProperties(plan, id) as Record<string, unknown>;
    const before = (old.declared ?? {}) as Record<string, unknown>;
    const changed = [...new Set([...Object.keys(declared), ...Object.keys(before)])].filter(
      (p) => JSON.stringify(declared[p]) !== JSON.stringify(before[p]),
    );
    if (changed.length === 0 && type === old.ResourceType) continue;
    const replacing = handlerFor(type).replacingProperties;
    change({
      Action: 'Modify',
      LogicalResourceId: id,
      PhysicalResourceId: old.PhysicalResourceId,
      ResourceType: type,
      Replacement: type !== old.ResourceType || changed.some((p) => replacing.includes(p)) ? 'True' : 'False',
      Scope: ['Properties'],
      Details: changed.map((name) => ({
        Target: {
          Attribute: 'Properties',
          Name: name,
          RequiresRecreation: replacing.includes(name) ? 'Always' : 'Never',
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      })),
    });
  }
  for (const [id, old] of Object.entries(existing)) {
    if (!(id in plan.template.Resources) || !declaredIn(plan, id)) {
      change({
        Action: 'Remove',
        LogicalResourceId: id,
        PhysicalResourceId: old.PhysicalResourceId,
        ResourceType: old.ResourceType,
        Scope: [],
        Details: [],
      });
    }
  }
  return changes;
}
