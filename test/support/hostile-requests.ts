import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Actor } from '@docket/domain';
import { signTestToken, testJwtSecret, tokenFor } from './auth-tokens';

type Json = Record<string, unknown>;

/** The kinds of bad input the hostile-input suite sends, one line each in its report. */
export const INPUT_CLASSES = [
  'wrong types',
  'huge strings',
  'unicode edge cases',
  'missing fields',
  'extra fields',
  'bad amounts',
  'bad dates',
  'forged tokens',
  "other agencies' ids",
  'malformed JSON',
  'wrong content types',
] as const;
export type InputClass = (typeof INPUT_CLASSES)[number];

/** One request, as bytes on the wire, and whether the API must refuse it (4xx) rather than only not fail. */
export interface HostileRequest {
  readonly inputClass: InputClass;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly mustRefuse: boolean;
  /** What was done to the request, for the failure message (bodies are cut short). */
  readonly description: string;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Json>>;
  readonly components?: Json;
}

/** One documented operation, with what the suite needs to build requests for it. */
export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly params: readonly { name: string; in: string; schema: Json }[];
  /** The JSON body schema, resolved; undefined for routes without a JSON body. */
  readonly bodySchema?: Json;
  readonly multipart: boolean;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function resolveRef(document: OpenApiDocument, value: unknown): Json {
  let node = value;
  for (let hops = 0; hops < 10 && typeof node === 'object' && node !== null && typeof (node as Json)['$ref'] === 'string'; hops += 1) {
    node = ((node as Json)['$ref'] as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((inner, key) => (typeof inner === 'object' && inner !== null ? (inner as Json)[key] : undefined), document);
  }
  // allOf with a single $ref is how @nestjs/swagger writes a nested DTO with a description.
  if (typeof node === 'object' && node !== null && Array.isArray((node as Json)['allOf']) && ((node as Json)['allOf'] as unknown[]).length === 1) {
    return { ...(node as Json), ...resolveRef(document, ((node as Json)['allOf'] as unknown[])[0]) };
  }
  return (node ?? {}) as Json;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => {
      const operation = item[method];
      const params = ((operation['parameters'] ?? []) as Json[]).map((param) => {
        const resolved = resolveRef(document, param);
        return { name: String(resolved['name']), in: String(resolved['in']), schema: resolveRef(document, resolved['schema']) };
      });
      const content = (resolveRef(document, operation['requestBody'])['content'] ?? {}) as Json;
      const json = content['application/json'] as Json | undefined;
      return {
        method,
        path,
        params,
        ...(json === undefined ? {} : { bodySchema: resolveRef(document, json['schema']) }),
        multipart: content['multipart/form-data'] !== undefined,
      };
    }),
  );
}

/** A plausible body built from the document's examples: the starting point every mutation breaks in one place. */
export function exampleOf(document: OpenApiDocument, schemaOrRef: unknown, depth = 0): unknown {
  const schema = resolveRef(document, schemaOrRef);
  if (schema['example'] !== undefined) {
    return schema['example'];
  }
  if (depth > 6) {
    return undefined;
  }
  const properties = schema['properties'] as Record<string, unknown> | undefined;
  if (properties !== undefined) {
    return Object.fromEntries(
      Object.entries(properties)
        .map(([key, property]) => [key, exampleOf(document, property, depth + 1)] as const)
        .filter(([, value]) => value !== undefined),
    );
  }
  if (schema['type'] === 'array') {
    const item = exampleOf(document, schema['items'], depth + 1);
    return item === undefined ? [] : [item];
  }
  if (Array.isArray(schema['enum'])) {
    return (schema['enum'] as unknown[])[0];
  }
  switch (schema['type']) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      return undefined;
  }
}

/** A leaf of an example body: where it is, its value, and what the schema says of it. */
export interface Leaf {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly schema: Json;
  readonly required: boolean;
}

export function leavesOf(document: OpenApiDocument, value: unknown, schemaOrRef: unknown, path: (string | number)[] = [], required = true): Leaf[] {
  const schema = resolveRef(document, schemaOrRef);
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => leavesOf(document, item, schema['items'], [...path, index], true));
  }
  if (value !== null && typeof value === 'object') {
    const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
    const requiredKeys = new Set((schema['required'] ?? []) as string[]);
    return Object.entries(value as Json).flatMap(([key, inner]) => {
      const innerLeaves = leavesOf(document, inner, properties[key], [...path, key], requiredKeys.has(key));
      return inner !== null && typeof inner === 'object' ? [{ path: [...path, key], value: inner, schema: resolveRef(document, properties[key]), required: requiredKeys.has(key) }, ...innerLeaves] : innerLeaves;
    });
  }
  return path.length === 0 ? [] : [{ path, value, schema, required }];
}

export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name === '' ? part : `${name}.${part}`), '');
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The body with the value at `path` replaced (or removed, for `undefined`). */
export function withValue(body: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = clone(body);
  let node = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) {
    node = node[part] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) {
      node.splice(last as number, 1);
    } else {
      delete node[last];
    }
  } else {
    node[last] = value;
  }
  return copy;
}

/** JSON with some values written as raw tokens (NaN, 1e400) that JSON.stringify cannot produce. */
export function jsonWithRaw(body: unknown, path: readonly (string | number)[], raw: string): string {
  const marker = `__raw_${randomUUID()}__`;
  return JSON.stringify(withValue(body, path, marker)).replace(`"${marker}"`, raw);
}

/** Everything a generator needs to know of the running suite. */
export interface HostileContext {
  readonly document: OpenApiDocument;
  readonly operations: readonly Operation[];
  /** The actor the route serves (found by probing), or undefined for public routes. */
  readonly actorFor: (operation: Operation) => Actor | undefined;
  readonly isProtected: (operation: Operation) => boolean;
  /** Cases of the callers' own agency, at stages where the documented steps apply. */
  readonly ownCaseIds: readonly string[];
  readonly otherAgencyCaseId: string;
  readonly otherAgencyActors: readonly Actor[];
  readonly otherAgencyUserId: string;
  readonly ownAgencyId: string;
  /** Someone of the own agency who reads cases, for routes whose probed actor sits elsewhere. */
  readonly ownAgencyActor: Actor;
  readonly otherAgencyId: string;
}

const base64url = (value: string): string => Buffer.from(value).toString('base64url');

/** Tokens that must all be refused with 401: each is wrong in exactly one way. */
export function forgedTokens(actor: Actor): Array<{ name: string; header: string }> {
  const claims = { sub: actor.userId, agency: actor.agencyId, roles: [actor.role] };
  const good = tokenFor(actor);
  const [header, payload, signature] = good.split('.') as [string, string, string];
  const now = Math.floor(Date.now() / 1000);
  const tamperedPayload = base64url(JSON.stringify({ ...claims, agency: 'sh-minhang-amr', roles: ['admin'], iss: 'docket', aud: 'docket-api', iat: now, exp: now + 3600 }));
  const noneHeader = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const rs256Header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const hs512Header = base64url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }));
  return [
    { name: 'bad signature', header: `Bearer ${signTestToken({ ...claims, secret: 'not-the-secret-the-api-trusts' })}` },
    { name: 'alg none', header: `Bearer ${noneHeader}.${payload}.` },
    { name: 'alg none with the old signature', header: `Bearer ${noneHeader}.${payload}.${signature}` },
    { name: 'RS256 header on an HMAC signature', header: `Bearer ${rs256Header}.${payload}.${signature}` },
    {
      name: 'HS512 with the right secret',
      header: `Bearer ${hs512Header}.${payload}.${createHmac('sha512', testJwtSecret).update(`${hs512Header}.${payload}`).digest('base64url')}`,
    },
    { name: 'expired an hour ago', header: `Bearer ${signTestToken({ ...claims, expiresIn: -3600 })}` },
    { name: 'wrong audience', header: `Bearer ${signTestToken({ ...claims, aud: 'some-other-api' })}` },
    { name: 'wrong issuer', header: `Bearer ${signTestToken({ ...claims, iss: 'evil-idp' })}` },
    { name: 'claims changed after signing', header: `Bearer ${header}.${tamperedPayload}.${signature}` },
    { name: 'signature cut off', header: `Bearer ${header}.${payload}.` },
    { name: 'two parts', header: `Bearer ${header}.${payload}` },
    { name: 'garbage', header: 'Bearer not-a-token' },
    { name: 'empty bearer', header: 'Bearer ' },
    { name: 'basic scheme', header: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    { name: 'token without scheme', header: good },
    { name: 'huge token', header: `Bearer ${'a'.repeat(16_000)}.${payload}.${signature}` },
    { name: 'no header', header: '' },
  ];
}

/** Characters the API must refuse in any field, path or query value. */
export const UNSAFE_CHARACTERS: ReadonlyArray<readonly [name: string, text: string]> = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['lone high surrogate', '\ud83d'],
  ['lone low surrogate', '\ude00'],
  ['right-to-left override', '\u202e'],
  ['left-to-right embedding', '\u202a'],
  ['first strong isolate', '\u2068'],
];

const TEXT_OF_EVERY_KIND = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '../../etc/passwd', "'; DROP TABLE case_events; --", '<script>alert(1)</script>', '%00', '${jndi:ldap://x}', '😀'.repeat(50)),
);

/** The value given to a path parameter, by its name: mostly real targets, so the request reaches the code that reads the body. */
function pathValue(context: HostileContext, operation: Operation, name: string): fc.Arbitrary<string> {
  const param = operation.params.find((candidate) => candidate.name === name && candidate.in === 'path');
  const enumValues = (param?.schema['enum'] as string[] | undefined) ?? undefined;
  switch (name) {
    case 'caseId':
      return fc.constantFrom(...context.ownCaseIds);
    case 'agencyId':
      return fc.constantFrom(context.ownAgencyId, 'hostile-no-such-agency');
    case 'userId':
      return fc.constantFrom('handler-li', 'hostile-no-such-user');
    case 'year':
      return fc.constantFrom('2026', '2031');
    case 'certificateNumber':
      return fc.constantFrom('SH-0451203', 'HOSTILE-NO-SUCH');
    default:
      return enumValues !== undefined && enumValues.length > 0 ? fc.constantFrom(...enumValues) : fc.constant(randomUUID());
  }
}

function concretePath(context: HostileContext, operation: Operation, overrides: Readonly<Record<string, string>> = {}): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  return fc
    .tuple(...names.map((name) => (overrides[name] === undefined ? pathValue(context, operation, name) : fc.constant(overrides[name]))))
    .map((values) => names.reduce((path, name, index) => path.replace(`{${name}}`, encodePart(values[index])), operation.path));
}

/** Percent-encoding that also writes a lone surrogate, as the bytes a careless client would send (CESU-8), instead of throwing. */
export function encodePart(text: string): string {
  return [...text]
    .map((character) => {
      const unit = character.charCodeAt(0);
      if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
      }
      return encodeURIComponent(character);
    })
    .join('');
}

function headersFor(actor: Actor | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(actor === undefined ? {} : { authorization: `Bearer ${tokenFor(actor)}` }), ...extra };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function cut(text: string | Buffer): string {
  const shown = typeof text === 'string' ? text : text.toString('latin1');
  return shown.length > 160 ? `${shown.slice(0, 160)}… (${shown.length} chars)` : shown;
}

/** Requests whose body breaks one leaf of the example in the given way. */
function bodyMutation(
  context: HostileContext,
  inputClass: InputClass,
  pick: (leaf: Leaf) => boolean,
  replacement: (leaf: Leaf) => fc.Arbitrary<{ body: (example: unknown) => string; what: string }>,
): fc.Arbitrary<HostileRequest> | undefined {
  const candidates = context.operations.flatMap((operation) => {
    if (operation.bodySchema === undefined) {
      return [];
    }
    const example = exampleOf(context.document, operation.bodySchema) ?? {};
    return leavesOf(context.document, example, operation.bodySchema)
      .filter(pick)
      .map((leaf) => ({ operation, example, leaf }));
  });
  if (candidates.length === 0) {
    return undefined;
  }
  return fc.constantFrom(...candidates).chain(({ operation, example, leaf }) =>
    fc.tuple(concretePath(context, operation), replacement(leaf)).map(([path, { body, what }]) => {
      const text = body(example);
      return {
        inputClass,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), JSON_HEADERS),
        body: text,
        mustRefuse: refusalRequired(inputClass, operation),
        description: `${fieldName(leaf.path)} ${what}: ${cut(text)}`,
      };
    }),
  );
}

const isString = (leaf: Leaf): boolean => typeof leaf.value === 'string';
const isScalar = (leaf: Leaf): boolean => leaf.value === null || typeof leaf.value !== 'object';
const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const AMOUNT_KEY = /^(amount|fine|proposedFine|expectedVersion|.*Yuan|.*Days|.*Count|.*Years|.*Percent.*)$/i;
const DATE_KEY = /(At|On|Date|Until|From|Since)$/;

function lastKey(leaf: Leaf): string {
  return String(leaf.path[leaf.path.length - 1]);
}

function isDateLeaf(leaf: Leaf): boolean {
  const format = leaf.schema['format'];
  return typeof leaf.value === 'string' && (format === 'date' || format === 'date-time' || DATE_KEY.test(lastKey(leaf)) || /^\d{4}-\d{2}-\d{2}/.test(leaf.value));
}

const BAD_DATES = [
  '2026-02-30',
  '2026-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '2026-10-02T25:00:00Z',
  '2026-10-02T08:00:00+25:00',
  '+275760-09-14T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '99999-01-01',
  '',
  'yesterday',
  '2026/10/02',
  '02.10.2026',
] as const;

/**
 * The codec endpoints speak Temporal's remote codec protocol (proto3 JSON), where an empty metadata
 * map is omitted and unknown fields are ignored: there a missing or extra field need not be refused,
 * only never fail and never change anything.
 */
function refusalRequired(inputClass: InputClass, operation: Operation): boolean {
  return !(operation.path.startsWith('/codec/') && (inputClass === 'missing fields' || inputClass === 'extra fields'));
}

function oneOf(...arbitraries: Array<fc.Arbitrary<HostileRequest> | undefined>): fc.Arbitrary<HostileRequest> {
  return fc.oneof(...arbitraries.filter((arbitrary): arbitrary is fc.Arbitrary<HostileRequest> => arbitrary !== undefined));
}

/** The generators, one per input class, each over every documented route it applies to. */
export function hostileArbitraries(context: HostileContext): Record<InputClass, fc.Arbitrary<HostileRequest>> {
  const withBody = context.operations.filter((operation) => operation.bodySchema !== undefined);
  // Routes documented as taking no fields ignore whatever body comes; extra fields and content types are moot there.
  const withFields = withBody.filter((operation) => {
    const schema = operation.bodySchema as Json;
    return schema['properties'] !== undefined || JSON.stringify(schema['example'] ?? {}) !== '{}';
  });
  const stringify = (value: unknown) => JSON.stringify(value);

  const wrongTypes = oneOf(
    bodyMutation(context, 'wrong types', isScalar, (leaf) =>
      fc
        .constantFrom<unknown>(12345, -1, true, false, [], {}, 'text', ['a', 'b'], { nested: { deeper: 1 } })
        .filter((value) => typeOf(value) !== typeOf(leaf.value))
        .map((value) => ({ body: (example: unknown) => stringify(withValue(example, leaf.path, value)), what: `as ${typeOf(value)}` })),
    ),
    fc.tuple(fc.constantFrom(...withBody), fc.constantFrom('[]', '[{}]', '"a string"', '42', 'true', 'null')).chain(([operation, text]) =>
      concretePath(context, operation).map((path) => ({
        inputClass: 'wrong types' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), JSON_HEADERS),
        body: text,
        mustRefuse: true,
        description: `the whole body as ${text}`,
      })),
    ),
  );

  const hugeStrings = oneOf(
    bodyMutation(context, 'huge strings', isString, (leaf) => {
      const limit = typeof leaf.schema['maxLength'] === 'number' ? leaf.schema['maxLength'] : undefined;
      return fc
        .constantFrom(...[limit === undefined ? 20_001 : limit + 1, 300_000, 2_300_000])
        .chain((length) => fc.constantFrom('x', '字', '😀').map((unit) => ({ length, unit })))
        .map(({ length, unit }) => ({
          body: (example: unknown) => stringify(withValue(example, leaf.path, unit.repeat(Math.ceil(length / unit.length)))),
          what: `${length} × ${unit}`,
        }));
    }),
    fc.tuple(fc.constantFrom(...context.operations.filter((operation) => operation.path.includes('{'))), fc.constantFrom(2_000, 20_000)).chain(([operation, length]) => {
      const name = (/\{([^}]+)\}/.exec(operation.path) as RegExpExecArray)[1];
      return concretePath(context, operation, { [name]: 'x'.repeat(length) }).map((path) => ({
        inputClass: 'huge strings' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), JSON_HEADERS),
        ...(operation.bodySchema === undefined ? {} : { body: stringify(exampleOf(context.document, operation.bodySchema)) }),
        mustRefuse: true,
        description: `path parameter ${name} of ${length} characters`,
      }));
    }),
    fc.constantFrom(...withBody).chain((operation) =>
      concretePath(context, operation).map((path) => ({
        inputClass: 'huge strings' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), { ...JSON_HEADERS, 'idempotency-key': 'k'.repeat(4_000) }),
        body: stringify(exampleOf(context.document, operation.bodySchema)),
        mustRefuse: true,
        description: 'an Idempotency-Key of 4,000 characters',
      })),
    ),
  );

  const unsafe = fc.constantFrom(...UNSAFE_CHARACTERS);
  const unicode = oneOf(
    bodyMutation(context, 'unicode edge cases', isString, (leaf) =>
      fc.tuple(unsafe, fc.nat()).map(([[name, character], at]) => {
        const text = String(leaf.value);
        const position = text.length === 0 ? 0 : at % text.length;
        return {
          body: (example: unknown) => stringify(withValue(example, leaf.path, `${text.slice(0, position)}${character}${text.slice(position)}`)),
          what: `with ${name}`,
        };
      }),
    ),
    fc.tuple(fc.constantFrom(...context.operations.filter((operation) => /\{(?!caseId)[^}]+\}/.test(operation.path) || operation.params.some((param) => param.in === 'query'))), unsafe).chain(
      ([operation, [name, character]]) => {
        const query = operation.params.find((param) => param.in === 'query');
        const pathParam = /\{((?!caseId)[^}]+)\}/.exec(operation.path)?.[1];
        const inPath = pathParam !== undefined && (query === undefined || operation.method !== 'get');
        return concretePath(context, operation, inPath ? { [pathParam]: `hostile${character}id` } : {}).map((path) => ({
          inputClass: 'unicode edge cases' as const,
          method: operation.method.toUpperCase(),
          path: inPath ? path : `${path}?${encodePart((query as { name: string }).name)}=${encodePart(`x${character}`)}`,
          headers: headersFor(context.actorFor(operation), JSON_HEADERS),
          ...(operation.bodySchema === undefined ? {} : { body: stringify(exampleOf(context.document, operation.bodySchema)) }),
          mustRefuse: true,
          description: inPath ? `path parameter ${pathParam} with ${name}` : `query parameter ${(query as { name: string }).name} with ${name}`,
        }));
      },
    ),
    // Bytes that are not UTF-8 at all inside a JSON string.
    fc.tuple(fc.constantFrom(...withBody), fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82])).chain(([operation, bytes]) =>
      concretePath(context, operation).map((path) => {
        const example = exampleOf(context.document, operation.bodySchema) ?? {};
        const leaf = leavesOf(context.document, example, operation.bodySchema).find(isString);
        const marker = '__not_utf8__';
        const text = stringify(leaf === undefined ? { note: marker } : withValue(example, leaf.path, marker));
        const [before, after] = text.split(marker) as [string, string];
        return {
          inputClass: 'unicode edge cases' as const,
          method: operation.method.toUpperCase(),
          path,
          headers: headersFor(context.actorFor(operation), JSON_HEADERS),
          body: Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
          mustRefuse: true,
          description: `${leaf === undefined ? 'note' : fieldName(leaf.path)} with bytes ${Buffer.from(bytes).toString('hex')} that are not UTF-8`,
        };
      }),
    ),
  );

  const missingFields = oneOf(
    bodyMutation(context, 'missing fields', (leaf) => leaf.required && lastKey(leaf) !== 'expectedVersion' && typeof leaf.path[leaf.path.length - 1] === 'string', (leaf) =>
      fc.constant({ body: (example: unknown) => stringify(withValue(example, leaf.path, undefined)), what: 'removed' }),
    ),
    fc.tuple(fc.constantFrom(...withBody.filter((operation) => ((operation.bodySchema?.['required'] ?? []) as unknown[]).length > 0)), fc.constantFrom('{}', '')).chain(([operation, text]) =>
      concretePath(context, operation).map((path) => ({
        inputClass: 'missing fields' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), JSON_HEADERS),
        body: text,
        mustRefuse: true,
        description: text === '' ? 'no body at all' : 'an empty object',
      })),
    ),
  );

  const extraFields = fc
    .tuple(
      fc.constantFrom(...withFields),
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'agencyId', 'actor', 'version', 'stage', 'caseNumber', 'registeredBy', 'role'),
        fc.string({ minLength: 1, maxLength: 12 }).filter((key) => /^[a-z][a-zA-Z]*$/.test(key)),
      ),
      fc.oneof(fc.constant<unknown>({ polluted: true }), fc.constant<unknown>('admin'), fc.constant<unknown>(999), TEXT_OF_EVERY_KIND),
      fc.boolean(),
    )
    .chain(([operation, key, value, nested]) =>
      concretePath(context, operation).map((path) => {
        const example = (exampleOf(context.document, operation.bodySchema) ?? {}) as Json;
        const objects = leavesOf(context.document, example, operation.bodySchema).filter((leaf) => leaf.value !== null && typeof leaf.value === 'object' && !Array.isArray(leaf.value));
        const target = nested && objects.length > 0 ? (objects[0]) : undefined;
        const known = new Set(Object.keys((target?.value ?? example)));
        const extraKey = known.has(key) ? `${key}Extra` : key;
        // JSON.stringify drops a __proto__ own key, so the body is written by hand around it.
        const marker = '"__extra_marker__":0';
        const base = target === undefined ? { ...example, __extra_marker__: 0 } : withValue(example, target.path, { ...(target.value as Json), __extra_marker__: 0 });
        const body = stringify(base).replace(marker, `${JSON.stringify(extraKey)}:${JSON.stringify(value)}`);
        return {
          inputClass: 'extra fields' as const,
          method: operation.method.toUpperCase(),
          path,
          headers: headersFor(context.actorFor(operation), JSON_HEADERS),
          body,
          // A known key under another name ("agencyIdExtra") is still unknown to the route.
          mustRefuse: refusalRequired('extra fields', operation),
          description: `extra ${target === undefined ? '' : `${fieldName(target.path)}.`}${extraKey}: ${cut(body)}`,
        };
      }),
    );

  const amountTokens = fc.constantFrom('-1', '-0.01', '0.001', '1e13', '1e308', '1e400', '-1e400', 'NaN', 'Infinity', '"50000"', '9007199254740993', '[50000]', '{"yuan":50000}');
  const amounts = oneOf(
    bodyMutation(context, 'bad amounts', (leaf) => typeof leaf.value === 'number' || AMOUNT_KEY.test(lastKey(leaf)), (leaf) =>
      amountTokens.map((token) => ({ body: (example: unknown) => jsonWithRaw(example, leaf.path, token), what: `as ${token}` })),
    ),
  );

  const dates = oneOf(
    bodyMutation(context, 'bad dates', isDateLeaf, (leaf) =>
      fc.constantFrom<unknown>(...BAD_DATES, 1_790_985_600_000).map((value) => ({
        body: (example: unknown) => stringify(withValue(example, leaf.path, value)),
        what: `= ${JSON.stringify(value)}`,
      })),
    ),
    fc
      .tuple(
        fc.constantFrom(...context.operations.filter((operation) => operation.params.some((param) => param.in === 'query' && (DATE_KEY.test(param.name) || /^(from|to|at|until|since|period|month|year)$/i.test(param.name) || param.schema['format'] === 'date' || param.schema['format'] === 'date-time')))),
        fc.constantFrom(...BAD_DATES.filter((date) => date !== '')),
      )
      .chain(([operation, date]) => {
        const param = operation.params.find((candidate) => candidate.in === 'query' && (DATE_KEY.test(candidate.name) || /^(from|to|at|until|since|period|month|year)$/i.test(candidate.name) || candidate.schema['format'] === 'date' || candidate.schema['format'] === 'date-time')) as { name: string };
        return concretePath(context, operation).map((path) => ({
          inputClass: 'bad dates' as const,
          method: operation.method.toUpperCase(),
          path: `${path}?${param.name}=${encodePart(date)}`,
          headers: headersFor(context.actorFor(operation)),
          mustRefuse: true,
          description: `query ${param.name}=${date}`,
        }));
      }),
  );

  const protectedOperations = context.operations.filter((operation) => context.isProtected(operation));
  const tokens = fc.tuple(fc.constantFrom(...protectedOperations), fc.nat()).chain(([operation, index]) => {
    const actor = context.actorFor(operation) as Actor;
    const forged = forgedTokens(actor);
    const token = forged[index % forged.length];
    return concretePath(context, operation).map((path) => ({
      inputClass: 'forged tokens' as const,
      method: operation.method.toUpperCase(),
      path,
      headers: { ...(token.header === '' ? {} : { authorization: token.header }), ...(operation.bodySchema === undefined ? {} : JSON_HEADERS) },
      ...(operation.bodySchema === undefined ? {} : { body: stringify(exampleOf(context.document, operation.bodySchema)) }),
      mustRefuse: true,
      description: `token: ${token.name}`,
    }));
  });

  const caseOperations = context.operations.filter((operation) => operation.path.includes('{caseId}'));
  const ownAgencyActorFor = (operation: Operation): Actor | undefined => {
    const actor = context.actorFor(operation);
    return actor !== undefined && actor.agencyId !== context.ownAgencyId && actor.role !== 'admin' ? context.ownAgencyActor : actor;
  };
  const otherAgencies = oneOf(
    // Our own people at another agency's case (not the auditor: the supervision body oversees both agencies).
    fc.constantFrom(...caseOperations).chain((operation) =>
      concretePath(context, operation, { caseId: context.otherAgencyCaseId }).map((path) => ({
        inputClass: "other agencies' ids" as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(ownAgencyActorFor(operation), operation.bodySchema === undefined ? {} : JSON_HEADERS),
        ...(operation.bodySchema === undefined ? {} : { body: stringify(exampleOf(context.document, operation.bodySchema)) }),
        mustRefuse: true,
        description: `another agency's case as ${ownAgencyActorFor(operation)?.userId ?? 'anyone'}`,
      })),
    ),
    // Another agency's people at our cases.
    fc.tuple(fc.constantFrom(...caseOperations), fc.constantFrom(...context.otherAgencyActors)).chain(([operation, actor]) =>
      concretePath(context, operation).map((path) => ({
        inputClass: "other agencies' ids" as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(actor, operation.bodySchema === undefined ? {} : JSON_HEADERS),
        ...(operation.bodySchema === undefined ? {} : { body: stringify(exampleOf(context.document, operation.bodySchema)) }),
        mustRefuse: true,
        description: `a case of ours as ${actor.userId} of ${actor.agencyId}`,
      })),
    ),
    // Another agency's people named inside a body (handlers, assignees).
    bodyMutation(context, "other agencies' ids", (leaf) => /userId|assignee|handler/i.test(lastKey(leaf)) && typeof leaf.value === 'string', (leaf) =>
      fc.constant({ body: (example: unknown) => stringify(withValue(example, leaf.path, context.otherAgencyUserId)), what: `= another agency's ${context.otherAgencyUserId}` }),
    ),
  );

  const malformed = fc
    .tuple(
      fc.constantFrom(...withBody),
      fc.constantFrom(
        '{',
        '{"reason":',
        '{"reason":"x"}}',
        "{'reason':'x'}",
        '{"reason":"x",}',
        '{"reason":"x" "y":1}',
        '{"reason":"unterminated}',
        '\u0000',
        '\ufeff{"reason":"x"}',
        'reason=x',
        '{"a":1}{"b":2}',
        `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
        `${'['.repeat(500_000)}${']'.repeat(500_000)}`,
      ),
    )
    .chain(([operation, text]) =>
      concretePath(context, operation).map((path) => ({
        inputClass: 'malformed JSON' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), JSON_HEADERS),
        body: text,
        mustRefuse: true,
        description: `body ${cut(text)}`,
      })),
    );

  const contentTypes = fc
    .tuple(
      fc.constantFrom(...withFields),
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-16', 'application/octet-stream', 'text/json'),
    )
    .chain(([operation, type]) =>
      concretePath(context, operation).map((path) => ({
        inputClass: 'wrong content types' as const,
        method: operation.method.toUpperCase(),
        path,
        headers: headersFor(context.actorFor(operation), type === '' ? {} : { 'content-type': type }),
        body: stringify(exampleOf(context.document, operation.bodySchema)),
        mustRefuse: true,
        description: `content-type ${type === '' ? '(none)' : type}`,
      })),
    );

  return {
    'wrong types': wrongTypes,
    'huge strings': hugeStrings,
    'unicode edge cases': unicode,
    'missing fields': missingFields,
    'extra fields': extraFields,
    'bad amounts': amounts,
    'bad dates': dates,
    'forged tokens': tokens,
    "other agencies' ids": otherAgencies,
    'malformed JSON': malformed,
    'wrong content types': contentTypes,
  };
}

/** Whether a concrete path is an instance of a documented one. */
export function matchesPath(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
  return pattern.test(path);
}
