/**
 * The union of handlers' permissions (`{ actions, on }` per handler), one entry per kind of resource, actions
 * sorted and unique: what a worker role is granted.
 *
 * @example
 * permissionUnion({ a: [{ actions: ['s3:PutObject'], on: 'reports' }] }); // [{ on: 'reports', actions: ['s3:PutObject'] }]
 */
export function permissionUnion<R extends string>(
  byHandler: Readonly<Record<string, readonly { readonly actions: readonly string[]; readonly on: R }[]>>,
): { on: R; actions: string[] }[] {
  const byResource = new Map<R, Set<string>>();
  for (const permissions of Object.values(byHandler)) {
    for (const { actions, on } of permissions) {
      const set = byResource.get(on) ?? new Set<string>();
      for (const action of actions) set.add(action);
      byResource.set(on, set);
    }
  }
  return [...byResource].map(([on, actions]) => ({ on, actions: [...actions].sort() }));
}
