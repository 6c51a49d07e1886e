'use strict';
// Checks of the sandbox's url library, run as a test script by tests/sandbox_libs.rs.
group('url', () => {
  const url = require('url');
  const fields = (u) => ({ protocol: u.protocol, slashes: u.slashes, auth: u.auth, host: u.host, port: u.port, hostname: u.hostname, hash: u.hash, search: u.search, query: u.query, pathname: u.pathname, path: u.path, href: u.href });

  test('url.parse fields like node', () => {
    eq(fields(url.parse('http://user:pa%20ss@Example.COM:8080/p/a/t/h?query=string&a=1#hash')), {
      protocol: 'http:', slashes: true, auth: 'user:pa ss', host: 'example.com:8080', port: '8080', hostname: 'example.com', hash: '#hash',
      search: '?query=string&a=1', query: 'query=string&a=1', pathname: '/p/a/t/h', path: '/p/a/t/h?query=string&a=1',
      href: 'http://user:pa%20ss@example.com:8080/p/a/t/h?query=string&a=1#hash'
    });
    eq(fields(url.parse('https://example.com')), {
      protocol: 'https:', slashes: true, auth: null, host: 'example.com', port: null, hostname: 'example.com', hash: null,
      search: null, query: null, pathname: '/', path: '/', href: 'https://example.com/'
    });
    eq(fields(url.parse('/path/only?x=1')), {
      protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null,
      search: '?x=1', query: 'x=1', pathname: '/path/only', path: '/path/only?x=1', href: '/path/only?x=1'
    });
    const q = url.parse('http://h/p?a=1&a=2&b=x%20y', true);
    eq(q.query, { a: ['1', '2'], b: 'x y' });
    eq(url.parse('http://h/p', true).query, {});
    eq(url.parse('http://[::1]:3000/x').hostname, '::1');
    eq(url.parse('http://a b.com/x y?q=a b').href, 'http://a/%20b.com/x%20y?q=a%20b');
    eq(url.parse('HTTP://EX.com\\foo\\bar').href, 'http://ex.com/foo/bar');
    eq(url.parse('//host/path', false, true).host, 'host');
    eq(url.parse('mailto:someone@example.com').auth, 'someone');
  });

  test('url.format and url.resolve', () => {
    eq(url.format({ protocol: 'https', hostname: 'ex.com', pathname: '/a b', query: { x: '1 2', y: ['a', 'b'] } }), 'https://ex.com/a b?x=1%202&y=a&y=b');
    eq(url.format({ protocol: 'http:', host: 'h:1', search: 'q=1', hash: 'x' }), 'http://h:1?q=1#x');
    eq(url.format(url.parse('http://ex.com/a?b#c')), 'http://ex.com/a?b#c');
    eq(url.format({ protocol: 'http', auth: 'us er:p@ss', host: 'h' }), 'http://us%20er:p%40ss@h');
    const base = 'http://a/b/c/d;p?q';
    const cases = { g: 'http://a/b/c/g', './g': 'http://a/b/c/g', '/g': 'http://a/g', '//g': 'http://g/', '?y': 'http://a/b/c/d;p?y', 'g?y': 'http://a/b/c/g?y', '#s': 'http://a/b/c/d;p?q#s', '': 'http://a/b/c/d;p?q', '..': 'http://a/b/', '../g': 'http://a/b/g', '../../../g': 'http://a/g' };
    for (const rel of Object.keys(cases)) eq(url.resolve(base, rel), cases[rel], rel);
    eq(url.resolve('/one/two/three', 'four'), '/one/two/four');
    eq(url.resolve('http://example.com/one', '/two'), 'http://example.com/two');
  });

  test('no WHATWG URL, as the url module of Postman\'s sandbox', () => {
    eq(Object.keys(url), ['parse', 'format', 'resolve', 'resolveObject', 'Url']);
    eq([typeof url.URL, typeof url.URLSearchParams], ['undefined', 'undefined']);
  });
});
