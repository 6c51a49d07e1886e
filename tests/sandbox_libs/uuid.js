'use strict';
// Checks of the sandbox's uuid library, run as a test script by tests/sandbox_libs.rs.
group('uuid', () => {
  const uuid = require('uuid');
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test('v4, callable module, uniqueness', () => {
    ok(V4.test(uuid()), 'module call');
    ok(V4.test(uuid.v4()));
    const seen = new Set();
    for (let i = 0; i < 200; i++) seen.add(uuid.v4());
    eq(seen.size, 200);
    const r = [0x10, 0x91, 0x56, 0xbe, 0xc4, 0xfb, 0xc1, 0xea, 0x71, 0xb4, 0xef, 0xe1, 0x67, 0x1c, 0x58, 0x36];
    eq(uuid.v4({ random: r }), '109156be-c4fb-41ea-b1b4-efe1671c5836');
  });

  test('v1 (known vector, ordering, version)', () => {
    eq(uuid.v1({ node: [0x01, 0x23, 0x45, 0x67, 0x89, 0xab], clockseq: 0x1234, msecs: Date.UTC(2011, 10, 1), nsecs: 5678 }), '710b962e-041c-11e1-9234-0123456789ab');
    const a = uuid.v1();
    const b = uuid.v1();
    ok(a !== b);
    ok(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a), a);
    eq(uuid.version(a), 1);
  });

  test('validate / version / parse / stringify', () => {
    ok(uuid.validate('109156be-c4fb-41ea-b1b4-efe1671c5836'));
    ok(uuid.validate(uuid.NIL));
    ok(!uuid.validate('109156be-c4fb-41ea-b1b4-efe1671c583'));
    ok(!uuid.validate(42));
    eq(uuid.version('109156be-c4fb-41ea-b1b4-efe1671c5836'), 4);
    throws(() => uuid.version('nope'), /Invalid UUID/);
    eq(uuid.stringify(uuid.parse('109156be-c4fb-41ea-b1b4-efe1671c5836')), '109156be-c4fb-41ea-b1b4-efe1671c5836');
  });
});
