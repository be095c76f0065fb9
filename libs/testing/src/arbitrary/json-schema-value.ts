import { Random } from './random';
import { Bounds, edgeLength, edgeString, simplePattern } from './strings';

/** The JSON Schema keywords message schemas use (what z.toJSONSchema writes for them). */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
}

export interface ValueOptions {
  /** The most items of a list or entries of a record (a schema may allow far more). */
  maxCollection: number;
  /** The longest string (a schema may allow far more; long enough to reach most limits). */
  maxString: number;
  /** How often a length is at a bound rather than typical (see edgeLength). */
  edgeBias: number;
}

export const DEFAULT_VALUE_OPTIONS: ValueOptions = { maxCollection: 40, maxString: 20_000, edgeBias: 0.4 };

/** A random value the schema accepts (refinements aside: the caller checks those). */
export function valueFor(schema: JsonSchema, random: Random, options: ValueOptions = DEFAULT_VALUE_OPTIONS): unknown {
  if (schema.$ref) throw new Error(`valueFor: $ref (${schema.$ref}) is not supported; inline the schema`);
  if ('const' in schema) return schema.const;
  if (schema.enum) return random.pick(schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return valueFor(random.pick(branches), random, options);
  const type = Array.isArray(schema.type) ? random.pick(schema.type) : schema.type;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return random.chance(0.5);
    case 'integer':
    case 'number':
      return numberFor(schema, type === 'integer', random);
    case 'string':
      return stringFor(schema, random, options);
    case 'array':
      return Array.from(
        { length: edgeLength(random, collection(schema.minItems, schema.maxItems, options), 4, options.edgeBias) },
        () => valueFor(schema.items ?? {}, random, options),
      );
    case 'object':
      return objectFor(schema, random, options);
    default:
      return edgeString(random, random.int(0, 8));
  }
}

const collection = (min = 0, max = Infinity, options: ValueOptions): Bounds => ({
  min,
  max: Math.max(min, Math.min(max, options.maxCollection)),
});

function objectFor(schema: JsonSchema, random: Random, options: ValueOptions): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (required.has(key) || random.chance(0.5)) value[key] = valueFor(property, random, options);
  }
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object') return value;
  const count = edgeLength(random, collection(0, schema.maxProperties, options), 4, options.edgeBias);
  for (let i = 0; i < count; i++) {
    const key = valueFor({ type: 'string', ...schema.propertyNames }, random, options) as string;
    if (!(key in value)) value[key] = valueFor(extra, random, options);
  }
  return value;
}

function numberFor(schema: JsonSchema, integer: boolean, random: Random): number {
  const step = integer ? 1 : Number.EPSILON;
  const low =
    schema.minimum ??
    (schema.exclusiveMinimum === undefined ? -Number.MAX_SAFE_INTEGER : schema.exclusiveMinimum + step);
  const high =
    schema.maximum ??
    (schema.exclusiveMaximum === undefined ? Number.MAX_SAFE_INTEGER : schema.exclusiveMaximum - step);
  const edges = [low, high, 0, 1, -1, 2, 0.5, -0.25, 1e-9, 123456.789, Number.MAX_VALUE, -Number.MAX_VALUE];
  // Mostly near zero (or the nearest bound), where the interesting values of a field are.
  const [from, to] = [Math.max(low, Math.min(high, -1000)), Math.min(high, Math.max(low, 1000))];
  const small = from + random.next() * (to - from);
  const candidates = [...edges, small, low + random.next() * (high - low)].filter(
    (n) => n >= low && n <= high && (!integer || Number.isInteger(n)),
  );
  const value = random.chance(0.5) ? random.pick(candidates) : small;
  return integer ? Math.min(high, Math.max(low, Math.round(value))) : value;
}

function stringFor(schema: JsonSchema, random: Random, options: ValueOptions): string {
  if (schema.format === 'uuid') return uuid(random);
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2020, 0, 1) + random.int(0, 10 * 365 * 86_400) * 1000).toISOString();
  const bounds = {
    min: schema.minLength ?? 0,
    max: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 64, options.maxString)),
  };
  if (schema.pattern === undefined) return edgeString(random, edgeLength(random, bounds, 12, options.edgeBias));
  const simple = simplePattern(schema.pattern);
  if (simple)
    return edgeString(random, edgeLength(random, simple.bounds ?? bounds, 12, options.edgeBias), simple.alphabet);
  // Any other pattern: edge-biased candidates until one matches, then plain letters.
  const matches = new RegExp(schema.pattern, 'u');
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = edgeString(
      random,
      edgeLength(random, bounds, 12, options.edgeBias),
      attempt < 10 ? undefined : [...'abcxyz'],
    );
    if (matches.test(candidate)) return candidate;
  }
  throw new Error(`valueFor: no string of ${bounds.min}..${bounds.max} characters matched /${schema.pattern}/`);
}

function uuid(random: Random): string {
  const hex = (count: number) => Array.from({ length: count }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-7${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}
