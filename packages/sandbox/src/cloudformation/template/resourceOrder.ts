import { cfnErrors } from '../cfnErrors.js';
import { referencedNames } from './intrinsics.js';
import type { Template } from './parseTemplate.js';

/**
 * Each resource's dependencies (DependsOn, and every Ref, Fn::GetAtt and
 * Fn::Sub naming a resource), checked: a name that is neither a resource, a
 * parameter nor a pseudo parameter is refused as CloudFormation refuses it.
 */
export function resourceDependencies(template: Template, isKnown: (name: string) => boolean): Map<string, Set<string>> {
  const resources = template.Resources;
  const dependencies = new Map<string, Set<string>>();
  const unresolved = new Set<string>();
  for (const [id, resource] of Object.entries(resources)) {
    const names = referencedNames(resource.Properties ?? {});
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    for (const name of dependsOn) {
      if (!(name in resources)) {
        throw cfnErrors.templateFormat(
          `Unresolved resource dependencies [${name}] in the Resources block of the template`,
        );
      }
    }
    const onResources = new Set([...dependsOn, ...[...names].filter((n) => n in resources)]);
    for (const name of names) if (!(name in resources) && !isKnown(name)) unresolved.add(name);
    dependencies.set(id, onResources);
  }
  for (const output of Object.values(template.Outputs ?? {})) {
    for (const name of referencedNames(output)) if (!(name in resources) && !isKnown(name)) unresolved.add(name);
  }
  if (unresolved.size > 0) {
    throw cfnErrors.templateFormat(
      `Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`,
    );
  }
  return dependencies;
}

/** The resources in an order where each comes after what it depends on; a cycle is refused, naming its resources. */
export function creationOrder(dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  let remaining = [...dependencies.keys()];
  while (remaining.length > 0) {
    const ready = remaining.filter((id) => [...(dependencies.get(id) ?? [])].every((d) => placed.has(d)));
    if (ready.length === 0)
      throw cfnErrors.validation(`Circular dependency between resources: [${remaining.join(', ')}]`);
    for (const id of ready) {
      order.push(id);
      placed.add(id);
    }
    remaining = remaining.filter((id) => !placed.has(id));
  }
  return order;
}
