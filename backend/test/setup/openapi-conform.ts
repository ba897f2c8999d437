/**
 * A small checker of a JSON value against an OpenAPI 3 schema of the served document (the subset
 * Nest's swagger module emits: $ref, allOf, type, nullable, enum, required, properties,
 * additionalProperties, items). Returns the mismatches as `path: problem` lines; [] = conforms.
 */
export function conformsTo(doc: any, schema: any, value: unknown, at = '$'): string[] {
  if (!schema) return [];
  if (schema.$ref) return conformsTo(doc, resolveRef(doc, schema.$ref), value, at);
  if (value === null) return schema.nullable || schema.type === 'null' ? [] : [`${at}: null but not nullable`];
  if (schema.allOf) return schema.allOf.flatMap((s: any) => conformsTo(doc, s, value, at));
  if (schema.oneOf || schema.anyOf) {
    const alts = schema.oneOf ?? schema.anyOf;
    return alts.some((s: any) => conformsTo(doc, s, value, at).length === 0) ? [] : [`${at}: matches no alternative`];
  }
  const out: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') out.push(`${at}: expected string, got ${typeof value}`);
      break;
    case 'number':
      if (typeof value !== 'number') out.push(`${at}: expected number, got ${typeof value}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) out.push(`${at}: expected integer, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: expected boolean, got ${typeof value}`);
      break;
    case 'array':
      if (!Array.isArray(value)) out.push(`${at}: expected array`);
      else value.forEach((v, i) => out.push(...conformsTo(doc, schema.items, v, `${at}[${i}]`)));
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push(`${at}: expected object`);
        break;
      }
      const obj = value as Record<string, unknown>;
      for (const k of schema.required ?? []) if (!(k in obj)) out.push(`${at}.${k}: required but missing`);
      const props = schema.properties ?? {};
      for (const [k, v] of Object.entries(obj)) {
        if (props[k]) out.push(...conformsTo(doc, props[k], v, `${at}.${k}`));
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...conformsTo(doc, schema.additionalProperties, v, `${at}.${k}`));
        else if (schema.properties && schema.additionalProperties !== true) out.push(`${at}.${k}: not in the schema`);
      }
      break;
    }
  }
  return out;
}

function resolveRef(doc: any, ref: string): any {
  return ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc);
}

/** The JSON schema of an operation's success response (`200`/`201`/`202`) in the served document. */
export function successSchema(doc: any, method: string, path: string): any {
  const op = doc.paths[`/api/v1${path}`]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${path}`);
  const res = op.responses['200'] ?? op.responses['201'] ?? op.responses['202'];
  const schema = res?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path}: untyped success response`);
  return schema;
}
