const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Appends one key to a field path in the sdk's `FieldIssue` form.
 * @example joinFieldPath('panels', 0) // 'panels[0]'; joinFieldPath('panels[0]', 'gridPos') // 'panels[0].gridPos'
 */
export function joinFieldPath(parent: string, key: string | number): string {
  const text = String(key);
  if (INDEX.test(text)) return `${parent}[${text}]`;
  if (IDENTIFIER.test(text)) return parent ? `${parent}.${text}` : text;
  return `${parent}[${JSON.stringify(text)}]`;
}

/**
 * Turns a JSON Pointer, such as Ajv's `instancePath`, into a field path under `parent`.
 * @example pointerToFieldPath('/panels/0/gridPos/w', 'dashboard') // 'dashboard.panels[0].gridPos.w'
 */
export function pointerToFieldPath(pointer: string, parent = ''): string {
  if (pointer === '') return parent;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(joinFieldPath, parent);
}
