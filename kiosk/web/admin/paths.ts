/** Paths like `fields[2].numbering.end` (the server's ConfigProblem paths) → get/set in plain data. */
export function tokens(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

export function getAt(root: unknown, path: (string | number)[]): unknown {
  let x = root;
  for (const k of path) x = x == null ? undefined : (x as Record<string | number, unknown>)[k];
  return x;
}

export function setAt(root: unknown, path: (string | number)[], v: unknown): void {
  let x = root as Record<string | number, unknown>;
  path.forEach((k, i) => {
    if (i === path.length - 1) { x[k] = v; return; }
    if (x[k] == null) x[k] = typeof path[i + 1] === 'number' ? [] : {};
    x = x[k] as Record<string | number, unknown>;
  });
}

/** Is `prefix` the same path as `path`, or one of its parents? */
export function isPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
