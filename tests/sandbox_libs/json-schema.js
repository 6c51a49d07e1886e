'use strict';
// Checks of the sandbox's tv4 and ajv libraries, run as a test script by tests/sandbox_libs.rs.
const USER_SCHEMA = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2, uniqueItems: true },
    kind: { enum: ['a', 'b'] },
    'x-y': { type: 'string' },
    n: { type: ['string', 'null'] },
    arr: { type: 'array', items: { type: 'object', properties: { v: { type: 'integer' } } } }
  }
};

group('tv4', () => {
  const tv4 = require('tv4');
  const pick = (e) => ({ message: e.message, params: e.params, code: e.code, dataPath: e.dataPath, schemaPath: e.schemaPath });

  test('validate true/false and tv4.error', () => {
    ok(tv4.validate({ id: 1, name: 'ab', tags: ['x'], n: null }, USER_SCHEMA));
    eq(tv4.error, null);
    ok(!tv4.validate({ name: 'ab' }, USER_SCHEMA));
    eq(pick(tv4.error), { message: 'Missing required property: id', params: { key: 'id' }, code: 302, dataPath: '', schemaPath: '/required/0' });
    ok(tv4.error instanceof Error);
    ok(!tv4.validate({ id: 0, name: 'ab' }, USER_SCHEMA));
    eq(pick(tv4.error), { message: 'Value 0 is less than minimum 1', params: { value: 0, minimum: 1 }, code: 101, dataPath: '/id', schemaPath: '/properties/id/minimum' });
  });

  test('validateMultiple error codes and messages', () => {
    const r = tv4.validateMultiple({ id: 1.5, name: 'X', tags: ['a', 2, 'a'], extra: true, kind: 'c', n: 1 }, USER_SCHEMA);
    eq(r.valid, false);
    eq(r.missing, []);
    const byCode = {};
    r.errors.forEach((e) => { byCode[e.code] = pick(e); });
    ok(r.errors.some((e) => e.code === 0 && e.dataPath === '/id' && e.message === 'Invalid type: number (expected integer)'));
    eq(byCode[1], { message: 'No enum match for: "c"', params: { value: '"c"' }, code: 1, dataPath: '/kind', schemaPath: '/properties/kind/enum' });
    eq(byCode[200].message, 'String is too short (1 chars), minimum 2');
    eq(byCode[202].message, 'String does not match pattern: ^[a-z]+$');
    eq(byCode[303], { message: 'Additional properties not allowed', params: { key: 'extra' }, code: 303, dataPath: '/extra', schemaPath: '/additionalProperties' });
    eq(byCode[401].message, 'Array is too long (3), maximum 2');
    eq(byCode[402], { message: 'Array items are not unique (indices 0 and 2)', params: { match1: 0, match2: 2 }, code: 402, dataPath: '/tags', schemaPath: '/properties/tags/uniqueItems' });
    ok(r.errors.some((e) => e.code === 0 && e.dataPath === '/n' && e.message === 'Invalid type: number (expected string/null)'));
    ok(r.errors.some((e) => e.code === 0 && e.dataPath === '/tags/1'));
  });

  test('validateResult, draft-04 exclusiveMaximum, formats ignored unless added', () => {
    const res = tv4.validateResult(5, { type: 'number', maximum: 5, exclusiveMaximum: true });
    eq(res.valid, false);
    eq(pick(res.error).message, 'Value 5 is equal to exclusive maximum 5');
    ok(tv4.validate('not an email', { type: 'string', format: 'email' }));
    const api = tv4.freshApi();
    api.addFormat('even-length', (v) => (v.length % 2 ? 'odd length' : null));
    ok(!api.validate({ a: 'abc' }, { properties: { a: { type: 'string', format: 'even-length' } } }));
    eq(pick(api.error), { message: 'Format validation failed (odd length)', params: { message: 'odd length' }, code: 500, dataPath: '/a', schemaPath: '/properties/a/format' });
  });

  test('addSchema, $ref to added schemas, missing refs', () => {
    const api = tv4.freshApi();
    api.addSchema('http://example.com/user', { type: 'object', required: ['name'], properties: { name: { type: 'string' }, friend: { $ref: '#' } } });
    ok(api.validate({ name: 'a', friend: { name: 'b' } }, 'http://example.com/user'));
    ok(!api.validate([{ name: 'a' }, { friend: {} }], { type: 'array', items: { $ref: 'http://example.com/user' } }));
    eq(pick(api.error).dataPath, '/1');
    ok(!api.validate({ name: 'a', friend: { name: 1 } }, { $ref: 'http://example.com/user#' }));
    eq(pick(api.error).dataPath, '/friend/name');
    ok(api.validate({ x: 1 }, { properties: { x: { $ref: 'http://example.com/missing' } } }));
    eq(api.missing, ['http://example.com/missing']);
    ok(api.validate({ a: 1 }, { properties: { a: { $ref: '#/definitions/n' } }, definitions: { n: { type: 'integer' } } }));
  });
});

group('ajv', () => {
  const Ajv = require('ajv');
  const data = { id: 0, tags: ['a', 2, 'a'], extra: true, kind: 'c', 'x-y': 1, n: 1, arr: [{ v: 'x' }] };
  const key = (e) => [e.keyword, e.dataPath, e.schemaPath, JSON.stringify(e.params), e.message].join(' | ');

  test('compile / validate / errors (first error only by default)', () => {
    const ajv = new Ajv();
    const validate = ajv.compile(USER_SCHEMA);
    ok(validate({ id: 1, name: 'ab' }));
    eq(validate.errors, null);
    ok(!validate({ id: 'x', name: 'ab' }));
    eq(validate.errors, [{ keyword: 'type', dataPath: '.id', instancePath: '/id', schemaPath: '#/properties/id/type', params: { type: 'integer' }, message: 'should be integer' }]);
    ok(!ajv.validate(USER_SCHEMA, data));
    eq(ajv.errors.length, 1);
    ok(ajv.validate({ type: 'string' }, 'x'));
    eq(ajv.errors, null);
    eq(ajv.errorsText(), 'No errors');
    eq(Ajv.default, Ajv);
  });

  test('allErrors: Ajv 6 keywords, params, messages and paths', () => {
    const ajv = new Ajv({ allErrors: true });
    ok(!ajv.validate(USER_SCHEMA, data));
    const got = ajv.errors.map(key);
    const expected = [
      "required |  | #/required | {\"missingProperty\":\"name\"} | should have required property 'name'",
      'minimum | .id | #/properties/id/minimum | {"comparison":">=","limit":1,"exclusive":false} | should be >= 1',
      'maxItems | .tags | #/properties/tags/maxItems | {"limit":2} | should NOT have more than 2 items',
      'uniqueItems | .tags | #/properties/tags/uniqueItems | {"i":0,"j":2} | should NOT have duplicate items (items ## 2 and 0 are identical)',
      'type | .tags[1] | #/properties/tags/items/type | {"type":"string"} | should be string',
      'additionalProperties |  | #/additionalProperties | {"additionalProperty":"extra"} | should NOT have additional properties',
      'enum | .kind | #/properties/kind/enum | {"allowedValues":["a","b"]} | should be equal to one of the allowed values',
      "type | ['x-y'] | #/properties/x-y/type | {\"type\":\"string\"} | should be string",
      'type | .n | #/properties/n/type | {"type":"string,null"} | should be string,null',
      'type | .arr[0].v | #/properties/arr/items/properties/v/type | {"type":"integer"} | should be integer'
    ];
    eq(got.slice().sort(), expected.slice().sort());
    ok(/^data\.id should be >= 1$|data should have required property 'name'/.test(ajv.errorsText().split(', ')[0]));
    eq(ajv.errorsText([ajv.errors.find((e) => e.keyword === 'minimum')], { dataVar: 'x' }), 'x.id should be >= 1');
  });

  test('jsonPointers, verbose, more keywords', () => {
    const ajv = new Ajv({ allErrors: true, jsonPointers: true, verbose: true });
    const schema = {
      properties: {
        k: { dependencies: { x: ['y'] } },
        l: { propertyNames: { pattern: '^a' } },
        o: { oneOf: [{ type: 'integer' }, { minimum: 0 }] },
        c: { const: 5 },
        nn: { not: { type: 'string' } },
        m: { exclusiveMaximum: 100, multipleOf: 7 },
        s: { maxLength: 1 }
      }
    };
    ok(!ajv.validate(schema, { k: { x: 1 }, l: { b: 1 }, o: 3, c: 4, nn: 's', m: 100, s: 'ab' }));
    const got = ajv.errors.map(key).sort();
    eq(got, [
      'const | /c | #/properties/c/const | {"allowedValue":5} | should be equal to constant',
      'dependencies | /k | #/properties/k/dependencies | {"property":"x","missingProperty":"y","depsCount":1,"deps":"y"} | should have property y when property x is present',
      'exclusiveMaximum | /m | #/properties/m/exclusiveMaximum | {"comparison":"<","limit":100,"exclusive":true} | should be < 100',
      'maxLength | /s | #/properties/s/maxLength | {"limit":1} | should NOT be longer than 1 characters',
      'multipleOf | /m | #/properties/m/multipleOf | {"multipleOf":7} | should be multiple of 7',
      'not | /nn | #/properties/nn/not | {} | should NOT be valid',
      'oneOf | /o | #/properties/o/oneOf | {"passingSchemas":[0,1]} | should match exactly one schema in oneOf',
      'pattern | /l | #/properties/l/propertyNames/pattern | {"pattern":"^a"} | should match pattern "^a"',
      "propertyNames | /l | #/properties/l/propertyNames | {\"propertyName\":\"b\"} | property name 'b' is invalid"
    ]);
    const c = ajv.errors.find((e) => e.keyword === 'const');
    eq([c.data, c.schema, c.parentSchema], [4, 5, { const: 5 }]);
  });

  test('addSchema / getSchema / $ref by id, formats, invalid schemas', () => {
    const ajv = new Ajv();
    ajv.addSchema({ $id: 'http://ex.com/user.json', type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
    ok(!ajv.validate({ type: 'array', items: { $ref: 'http://ex.com/user.json' } }, [{ name: 'a' }, {}]));
    eq(ajv.errors[0].dataPath, '[1]');
    eq(ajv.errors[0].schemaPath, 'http://ex.com/user.json/required');
    ok(!ajv.validate('http://ex.com/user.json', { name: 1 }));
    ok(typeof ajv.getSchema('http://ex.com/user.json') === 'function');
    eq(ajv.getSchema('nope'), undefined);
    ajv.addSchema({ type: 'integer' }, 'int');
    ok(ajv.validate('int', 3) && !ajv.validate('int', 'x'));
    throws(() => ajv.validate('unknown-key', 1), /no schema with key or ref/);
    throws(() => ajv.compile({ properties: { a: { $ref: 'http://ex.com/missing.json' } } }), /can't resolve reference/);
    throws(() => ajv.compile({ format: 'nonsense' }), /unknown format "nonsense"/);
    ajv.addFormat('even', (s) => s.length % 2 === 0);
    ok(!ajv.validate({ properties: { a: { format: 'even' } } }, { a: 'abc' }));
    eq(ajv.errors[0].message, 'should match format "even"');
    ok(ajv.validate({ properties: { a: { format: 'even' } } }, { a: 'ab' }));
    throws(() => ajv.compile({ type: 12 }), /schema is invalid/);
    eq(ajv.validateSchema({ type: 'string' }), true);
    const same = new Ajv();
    ok(same.compile(USER_SCHEMA) === same.compile(JSON.parse(JSON.stringify(USER_SCHEMA))), 'compiled schemas are cached');
  });
});
