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

  test('only v4, as the uuid 3 package of Postman\'s sandbox', () => {
    eq(Object.keys(uuid), ['v4']);
    const buf = uuid.v4('binary');
    eq([buf.length, buf[6] >> 4], [16, 4]);
  });
});
