'use strict';
// Checks of require('postman-collection'), run as a test script by
// tests/sandbox_libs.rs. Expected values are what newman 6.2.2 gives.
group('postman-collection', () => {
  const sdk = require('postman-collection');

  test('Url', () => {
    const u = new sdk.Url('http://h.test/a/{{p}}?b=1');
    eq([u.getHost(), u.getPath(), u.getQueryString(), u.toString()], ['h.test', '/a/{{p}}', 'b=1', 'http://h.test/a/{{p}}?b=1']);
  });

  test('Property.replaceSubstitutions', () => {
    const vl = new sdk.VariableList(null, [{ key: 'p', value: 'X' }]);
    eq(sdk.Property.replaceSubstitutions('a {{p}} {{q}}', vl), 'a X {{q}}');
    eq(sdk.Property.replaceSubstitutions('{{a}}', { a: 1 }), '1');
    eq(sdk.Property.replaceSubstitutions('{{a}}-{{b}}', [{ a: '{{b}}' }, { b: 2 }]), '2-2');
    pm.environment.set('sdkVar', 'env');
    eq([sdk.Property.replaceSubstitutions('{{sdkVar}}', pm.environment),
      sdk.Property.replaceSubstitutions('{{sdkVar}}', pm.environment.values),
      sdk.Property.replaceSubstitutions('{{sdkVar}}', pm.environment.toObject())], ['{{sdkVar}}', 'env', 'env']);
    ok(/^[0-9a-f-]{36}$/.test(sdk.Property.replaceSubstitutions('{{$guid}}', {})));
    ok(/^\d+$/.test(sdk.Property.replaceSubstitutions('{{$randomInt}}', [])));
  });

  test('VariableScope', () => {
    const vs = new sdk.VariableScope({ values: [{ key: 'x', value: 'y' }] });
    vs.set('z', 2);
    eq([vs.get('x'), vs.get('z'), vs.has('q'), vs.toObject(), vs.replaceIn('{{x}}-{{z}}')], ['y', 2, false, { x: 'y', z: 2 }, 'y-2']);
    vs.unset('x');
    eq(vs.toObject(), { z: 2 });
  });

  test('Header, HeaderList, QueryParam, Variable', () => {
    const hl = new sdk.HeaderList(null, [{ key: 'A', value: '1' }]);
    hl.add(new sdk.Header('B: 2'));
    eq([hl.count(), hl.get('a'), hl.toString()], [2, '1', 'A: 1\r\nB: 2\r\n']);
    const qp = new sdk.QueryParam('a=b');
    eq([qp.key, qp.value, qp.toString()], ['a', 'b', 'a=b']);
    const v = new sdk.Variable({ key: 'k', value: 'v' });
    eq([v.get(), v.key], ['v', 'k']);
  });

  test('Request, RequestBody, Response', () => {
    const r = new sdk.Request({ url: 'http://x.test/p?q=1', method: 'post', header: [{ key: 'H', value: 'v' }], body: { mode: 'raw', raw: 'hi' } });
    eq([r.method, r.url.toString(), r.headers.get('h'), r.body.toString()], ['POST', 'http://x.test/p?q=1', 'v', 'hi']);
    const rb = new sdk.RequestBody({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'b' }] });
    eq([rb.toString(), rb.mode], ['a=b', 'urlencoded']);
    const res = new sdk.Response({ code: 200, body: '{"a":1}', header: [{ key: 'Content-Type', value: 'application/json' }] });
    eq([res.code, res.json(), res.text(), res.headers.get('content-type')], [200, { a: 1 }, '{"a":1}', 'application/json']);
  });

  test('one module per context', () => {
    ok(require('postman-collection') === sdk);
  });
});
