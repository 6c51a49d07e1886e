'use strict';
// Checks of the sandbox's querystring library, run as a test script by tests/sandbox_libs.rs.
group('querystring', () => {
  const qs = require('querystring');

  test('parse: repeats, plus, decoding, separators', () => {
    eq(qs.parse('a=1&b=2&a=3'), { a: ['1', '3'], b: '2' });
    eq(qs.parse('x=%20y+z&empty=&novalue'), { x: ' y z', empty: '', novalue: '' });
    eq(qs.parse('%E4%BD%A0=%E5%A5%BD'), { 你: '好' });
    eq(qs.parse('bad=%E4%BD&ok=1'), { bad: '\ufffd', ok: '1' });
    eq(qs.parse('a:1;b:2', ';', ':'), { a: '1', b: '2' });
    eq(qs.parse('k=v=w'), { k: 'v=w' });
    eq(qs.parse(''), {});
    eq(Object.getPrototypeOf(qs.parse('a=1')), null);
    eq(qs.decode('x=1'), { x: '1' });
  });

  test('stringify / escape / unescape', () => {
    eq(qs.stringify({ a: 1, b: [2, 3], c: 'x y', d: true, e: null, f: undefined, g: { h: 1 }, ü: '€', i: NaN }), 'a=1&b=2&b=3&c=x%20y&d=true&e=&f=&g=&%C3%BC=%E2%82%AC&i=');
    eq(qs.stringify({ a: 1, b: 2 }, ';', ':'), 'a:1;b:2');
    eq(qs.encode({ x: "!'()*~" }), "x=!'()*~");
    eq(qs.escape('a b&c/d'), 'a%20b%26c%2Fd');
    eq(qs.unescape('a%20b%zz'), 'a b%zz');
  });
});
