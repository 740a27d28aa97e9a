export type ValuePath = (string | number)[];

const isContainer = (value: unknown): value is Record<string | number, unknown> =>
  typeof value === 'object' && value !== null;

/** Every path inside a JSON value (objects, arrays and leaves), the root excluded. */
export function fieldPaths(value: unknown, prefix: ValuePath = []): ValuePath[] {
  if (!isContainer(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const step = Array.isArray(value) ? Number(key) : key;
    const path = [...prefix, step];
    return [path, ...fieldPaths(value[key], path)];
  });
}

export function valueAt(value: unknown, path: ValuePath): unknown {
  return path.reduce<unknown>((v, step) => (isContainer(v) ? v[step] : undefined), value);
}

/** A deep copy of `value` with `path` changed by `change` on its parent container. */
function edited(
  value: unknown,
  path: ValuePath,
  change: (parent: Record<string | number, unknown>, step: string | number) => void,
): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return copy;
  const parent = valueAt(copy, path.slice(0, -1));
  if (isContainer(parent)) change(parent, path[path.length - 1]);
  return copy;
}

/** `value` with the thing at `path` replaced (or set, when it is missing). */
export function withAt(value: unknown, path: ValuePath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  return edited(value, path, (parent, step) => {
    parent[step] = replacement;
  });
}

/** `value` without the thing at `path` (an array element is removed, not left as a hole). */
export function withoutAt(value: unknown, path: ValuePath): unknown {
  return edited(value, path, (parent, step) => {
    if (Array.isArray(parent)) parent.splice(Number(step), 1);
    else delete parent[step];
  });
}
