'use strict';
// Checks of the sandbox's lodash library, run as a test script by tests/sandbox_libs.rs.
group('lodash', () => {
  const _ = require('lodash');
  const users = [
    { user: 'barney', age: 36, active: true },
    { user: 'fred', age: 40, active: false },
    { user: 'pebbles', age: 1, active: true }
  ];

  test('get/set/has with string and array paths', () => {
    const o = { a: [{ b: { c: 3 } }], 'x.y': 1, k: { 'b-c': 2 } };
    eq(_.get(o, 'a[0].b.c'), 3);
    eq(_.get(o, ['a', '0', 'b', 'c']), 3);
    eq(_.get(o, 'a.0.b.c'), 3);
    eq(_.get(o, 'a.b.c', 'default'), 'default');
    eq(_.get(o, 'x.y'), 1);
    eq(_.get(o, "k['b-c']"), 2);
    eq(_.get(null, 'a'), undefined);
    eq(_.get({ a: null }, 'a', 5), null);
    eq(_.set({}, 'a[0].b.c', 4), { a: [{ b: { c: 4 } }] });
    eq(_.set({ a: 1 }, ['x', '0'], 2), { a: 1, x: [2] });
    ok(_.has(o, 'a[0].b'));
    ok(!_.has(o, 'a[1]'));
    ok(!_.has({}, 'toString'));
    ok(_.hasIn({}, 'toString'));
    const u = { a: { b: 1, c: 2 } };
    _.unset(u, 'a.b');
    eq(u, { a: { c: 2 } });
  });

  test('isEqual / isEmpty / type predicates', () => {
    ok(_.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
    ok(_.isEqual({ a: 1, b: 2 }, { b: 2, a: 1 }));
    ok(!_.isEqual([1, 2], [2, 1]));
    ok(_.isEqual(NaN, NaN));
    ok(_.isEqual(new Date(5), new Date(5)));
    ok(!_.isEqual({ a: undefined }, {}));
    ok(!_.isEqual(1, '1'));
    ok(!_.isEqual([], {}));
    eq([_.isEmpty(null), _.isEmpty(0), _.isEmpty(true), _.isEmpty(''), _.isEmpty('a'), _.isEmpty({}), _.isEmpty({ a: 1 }), _.isEmpty([]), _.isEmpty([0]), _.isEmpty(new Map())],
      [true, true, true, true, false, true, false, true, false, true]);
    eq([_.isString('a'), _.isNumber(NaN), _.isNumber('1'), _.isArray([]), _.isObject(() => 1), _.isObject(null), _.isPlainObject({}), _.isPlainObject([]),
      _.isPlainObject(Object.create(null)), _.isFunction(function () {}), _.isNil(undefined), _.isNil(0), _.isNull(undefined), _.isUndefined(void 0), _.isBoolean(false), _.isInteger(1.5), _.isNaN(undefined), _.isDate(new Date())],
    [true, true, false, true, true, false, true, false, true, true, true, false, false, true, true, false, false, true]);
  });

  test('collections with iteratee shorthands', () => {
    eq(_.map(users, 'user'), ['barney', 'fred', 'pebbles']);
    eq(_.map([{ a: { b: 1 } }, { a: { b: 2 } }], 'a.b'), [1, 2]);
    eq(_.map({ a: 1, b: 2 }, (v, k) => k + v), ['a1', 'b2']);
    eq(_.map([1, 2, 3], (n) => n * 3), [3, 6, 9]);
    eq(_.filter(users, { age: 36, active: true }).length, 1);
    eq(_.filter(users, ['active', false])[0].user, 'fred');
    eq(_.filter(users, 'active').map((u) => u.user), ['barney', 'pebbles']);
    eq(_.find(users, (o) => o.age < 40).user, 'barney');
    eq(_.find(users, { user: 'pebbles' }).age, 1);
    eq(_.find(users, ['active', false]).user, 'fred');
    eq(_.find(users, 'nope'), undefined);
    eq(_.findIndex(users, { user: 'fred' }), 1);
    eq(_.findIndex(users, (o) => o.age > 100), -1);
    eq(_.reduce([1, 2, 3], (a, b) => a + b), 6);
    eq(_.reduce({ a: 1, b: 2 }, (acc, v, k) => { acc.push(k + v); return acc; }, []), ['a1', 'b2']);
    ok(_.some(users, { age: 1 }));
    ok(!_.every(users, 'active'));
    ok(_.every([], 'x'));
    eq(_.includes([1, NaN], NaN), true);
    eq(_.includes({ a: 1 }, 1), true);
    eq(_.includes('abc', 'bc'), true);
    eq(_.contains([1, 2], 3), false);
    eq(_.filter('abc', (c) => c !== 'b'), ['a', 'c']);
  });

  test('each/forEach iterate arrays and objects and exit early on false', () => {
    const seen = [];
    _.each([1, 2, 3, 4], (v) => { seen.push(v); return v < 2; });
    _.forEach({ a: 1, b: 2 }, (v, k) => { seen.push(k); });
    eq(seen, [1, 2, 'a', 'b']);
  });

  test('groupBy / countBy / keyBy / partition', () => {
    eq(_.groupBy([6.1, 4.2, 6.3], Math.floor), { 4: [4.2], 6: [6.1, 6.3] });
    eq(_.groupBy(['one', 'two', 'three'], 'length'), { 3: ['one', 'two'], 5: ['three'] });
    eq(_.countBy(users, 'active'), { true: 2, false: 1 });
    eq(Object.keys(_.keyBy(users, 'user')), ['barney', 'fred', 'pebbles']);
    eq(_.partition([1, 2, 3], (x) => x % 2), [[1, 3], [2]]);
  });

  test('sortBy / orderBy (stable, undefined last)', () => {
    eq(_.sortBy(users, 'age').map((u) => u.user), ['pebbles', 'barney', 'fred']);
    eq(_.sortBy([{ a: 2, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 0 }], ['a', 'b']), [{ a: 1, b: 2 }, { a: 2, b: 0 }, { a: 2, b: 1 }]);
    eq(_.sortBy([3, 1, undefined, 2]), [1, 2, 3, undefined]);
    eq(_.sortBy(['b', 'c', 'a']), ['a', 'b', 'c']);
    eq(_.orderBy([{ a: 1, b: 2 }, { a: 1, b: 3 }, { a: 0, b: 1 }], ['a', 'b'], ['desc', 'asc']), [{ a: 1, b: 2 }, { a: 1, b: 3 }, { a: 0, b: 1 }]);
    eq(_.orderBy(users, 'age', 'desc').map((u) => u.age), [40, 36, 1]);
  });

  test('objects: keys/values/entries/pick/omit/merge/assign/defaults', () => {
    eq(_.keys({ a: 1, b: 2 }), ['a', 'b']);
    eq(_.keys('hi'), ['0', '1']);
    eq(_.values({ a: 1, b: 2 }), [1, 2]);
    eq(_.entries({ a: 1 }), [['a', 1]]);
    eq(_.toPairs({ a: 1, b: 2 }), [['a', 1], ['b', 2]]);
    eq(_.pick({ a: { b: 1, c: 2 }, d: 3 }, ['a.b', 'd']), { a: { b: 1 }, d: 3 });
    eq(_.pick({ a: 1, b: 2, c: 3 }, 'a', 'c'), { a: 1, c: 3 });
    eq(_.omit({ a: { b: 1, c: 2 }, d: 3 }, 'a.b'), { a: { c: 2 }, d: 3 });
    eq(_.omit({ a: 1, b: 2, c: 3 }, ['a', 'c']), { b: 2 });
    eq(_.merge({ a: [{ x: 1 }], b: { c: 1 } }, { a: [{ y: 2 }], b: { d: 2 } }), { a: [{ x: 1, y: 2 }], b: { c: 1, d: 2 } });
    eq(_.merge({ a: 1, b: { c: [1, 2, 3] } }, { b: { c: [4] } }, { a: undefined }), { a: 1, b: { c: [4, 2, 3] } });
    eq(_.assign({ a: 1 }, { b: 2 }, { a: 3 }), { a: 3, b: 2 });
    eq(_.extend({ a: 1 }, { b: 2 }), { a: 1, b: 2 });
    eq(_.defaults({ a: 1 }, { a: 2, b: 2 }), { a: 1, b: 2 });
    eq(_.mapValues({ a: { n: 1 }, b: { n: 2 } }, 'n'), { a: 1, b: 2 });
    eq(_.pickBy({ a: 1, b: 'x', c: 2 }, _.isNumber), { a: 1, c: 2 });
    eq(_.omitBy({ a: 1, b: 'x' }, _.isNumber), { b: 'x' });
  });

  test('clone / cloneDeep', () => {
    const o = { a: [1, { b: 2 }], d: new Date(0) };
    const deep = _.cloneDeep(o);
    const shallow = _.clone(o);
    eq(deep.a, [1, { b: 2 }]);
    ok(deep.a !== o.a && deep.a[1] !== o.a[1]);
    ok(shallow.a === o.a);
    eq(deep.d.getTime(), 0);
    ok(deep.d !== o.d);
    const circ = { n: 1 };
    circ.self = circ;
    const c2 = _.cloneDeep(circ);
    ok(c2.self === c2);
  });

  test('arrays', () => {
    eq(_.uniq([2, 1, 2, NaN, NaN]), [2, 1, NaN]);
    eq(_.uniqBy([2.1, 1.2, 2.3], Math.floor), [2.1, 1.2]);
    eq(_.uniqBy([{ x: 1 }, { x: 2 }, { x: 1 }], 'x'), [{ x: 1 }, { x: 2 }]);
    eq(_.flatten([1, [2, [3, [4]]], 5]), [1, 2, [3, [4]], 5]);
    eq(_.flattenDeep([1, [2, [3, [4]]], 5]), [1, 2, 3, 4, 5]);
    eq(_.compact([0, 1, false, 2, '', 3, null, NaN, undefined]), [1, 2, 3]);
    eq(_.concat([1], 2, [3], [[4]]), [1, 2, 3, [4]]);
    eq(_.difference([2, 1], [2, 3]), [1]);
    eq(_.intersection([2, 1], [2, 3]), [2]);
    eq(_.union([2], [1, 2]), [2, 1]);
    eq(_.zip(['a', 'b'], [1, 2], [true, false]), [['a', 1, true], ['b', 2, false]]);
    eq(_.chunk(['a', 'b', 'c', 'd', 'e'], 2), [['a', 'b'], ['c', 'd'], ['e']]);
    eq([_.head([]), _.first([1, 2]), _.last([1, 2]), _.last([])], [undefined, 1, 2, undefined]);
    eq(_.range(4), [0, 1, 2, 3]);
    eq(_.range(-4), [0, -1, -2, -3]);
    eq(_.range(1, 5), [1, 2, 3, 4]);
    eq(_.range(0, 20, 5), [0, 5, 10, 15]);
    eq(_.range(1, 4, 0), [1, 1, 1]);
    eq(_.range(0), []);
    eq(_.times(3, String), ['0', '1', '2']);
    eq(_.times(2), [0, 1]);
    eq(_.without([2, 1, 2, 3], 1, 2), [3]);
    eq(_.take([1, 2, 3], 2), [1, 2]);
    eq(_.drop([1, 2, 3]), [2, 3]);
    eq(_.zipObject(['a', 'b'], [1, 2]), { a: 1, b: 2 });
  });

  test('size / sum / max / min / mean', () => {
    eq([_.size('héllo'), _.size({ a: 1, b: 2 }), _.size([1, 2]), _.size(null)], [5, 2, 2, 0]);
    eq([_.sum([]), _.sum([1, 2, 3]), _.sumBy([{ n: 1 }, { n: 2 }], 'n'), _.sumBy([{ n: 1 }, { n: 2 }], (o) => o.n * 2)], [0, 6, 3, 6]);
    eq([_.max([1, 3, 2]), _.max([]), _.min([4, 2, 8]), _.min([])], [3, undefined, 2, undefined]);
    eq(_.maxBy([{ n: 1 }, { n: 3 }], 'n'), { n: 3 });
    eq(_.minBy([{ n: 1 }, { n: 3 }], (o) => o.n), { n: 1 });
    eq(_.mean([1, 2, 3, 4]), 2.5);
    ok(isNaN(_.mean([])));
  });

  test('random / sample / sampleSize / shuffle', () => {
    for (let i = 0; i < 50; i++) {
      const r = _.random(1, 3);
      ok(r >= 1 && r <= 3 && r % 1 === 0, 'int ' + r);
      const f = _.random(1.5, 2.5);
      ok(f >= 1.5 && f <= 2.5, 'float ' + f);
      const z = _.random(5);
      ok(z >= 0 && z <= 5 && z % 1 === 0);
      const b = _.random();
      ok(b === 0 || b === 1);
      ok(_.random(0, 1, true) <= 1);
    }
    eq(_.random(5, 5), 5);
    ok([1, 2, 3].includes(_.sample([1, 2, 3])));
    eq(_.sample([]), undefined);
    eq(_.sampleSize([1, 2, 3], 2).length, 2);
    eq(_.sampleSize([1, 2, 3], 5).length, 3);
    eq(_.shuffle([1, 2, 3, 4]).sort(), [1, 2, 3, 4]);
  });

  test('case conversion and words', () => {
    const cases = {
      'Foo Bar': ['fooBar', 'foo-bar', 'foo_bar', 'Foo Bar', 'Foo bar'],
      '--foo-bar--': ['fooBar', 'foo-bar', 'foo_bar', 'Foo Bar', '--foo-bar--'],
      __FOO_BAR__: ['fooBar', 'foo-bar', 'foo_bar', 'FOO BAR', '__foo_bar__'],
      XMLHttpRequest: ['xmlHttpRequest', 'xml-http-request', 'xml_http_request', 'XML Http Request', 'Xmlhttprequest'],
      foo2bar: ['foo2Bar', 'foo-2-bar', 'foo_2_bar', 'Foo 2 Bar', 'Foo2bar'],
      userID: ['userId', 'user-id', 'user_id', 'User ID', 'Userid'],
      "don't stop": ['dontStop', 'dont-stop', 'dont_stop', 'Dont Stop', "Don't stop"],
      'déjà vu': ['dejaVu', 'deja-vu', 'deja_vu', 'Deja Vu', 'Déjà vu'],
      getHTTPResponseCode: ['getHttpResponseCode', 'get-http-response-code', 'get_http_response_code', 'Get HTTP Response Code', 'Gethttpresponsecode']
    };
    for (const input of Object.keys(cases)) {
      eq([_.camelCase(input), _.kebabCase(input), _.snakeCase(input), _.startCase(input), _.capitalize(input)], cases[input], input);
    }
    eq(_.words('fred, barney, & pebbles'), ['fred', 'barney', 'pebbles']);
    eq(_.words('camelCase2Go'), ['camel', 'Case', '2', 'Go']);
    eq([_.upperFirst('fred'), _.lowerFirst('FRED'), _.upperCase('fooBar'), _.lowerCase('--Foo-Bar--')], ['Fred', 'fRED', 'FOO BAR', 'foo bar']);
  });

  test('string helpers', () => {
    eq([_.pad('abc', 8, '_-'), _.padStart('abc', 6, '_-'), _.padEnd('abc', 6, '_-'), _.pad('abc', 8), _.pad('abc', 2), _.padStart('5', 3, '0')],
      ['_-abc_-_', '_-_abc', 'abc_-_', '  abc   ', 'abc', '005']);
    eq([_.trim('  abc  '), _.trim('-_-abc-_-', '_-'), _.trimStart('  x  '), _.trimEnd('  x  ')], ['abc', 'abc', 'x  ', '  x']);
    eq([_.repeat('ab', 3), _.repeat('x', 0), _.repeat('*')], ['ababab', '', '*']);
    eq([_.startsWith('abc', 'a'), _.startsWith('abc', 'b', 1), _.endsWith('abc', 'c'), _.endsWith('abc', 'b', 2)], [true, true, true, true]);
    eq(_.split('a-b-c', '-', 2), ['a', 'b']);
    eq(_.escape('fred, barney, & <pebbles> "q" \'s\''), 'fred, barney, &amp; &lt;pebbles&gt; &quot;q&quot; &#39;s&#39;');
    eq(_.unescape('&lt;a&gt; &amp; &#39;'), "<a> & '");
    eq(_.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: ' ' }), 'hi-diddly-ho there,...');
  });

  test('template', () => {
    eq(_.template('hello <%= user %>!')({ user: 'fred' }), 'hello fred!');
    eq(_.template('<b><%- value %></b>')({ value: '<script>' }), '<b>&lt;script&gt;</b>');
    eq(_.template('<% _.forEach(users, function(u) { %><li><%- u %></li><% }); %>')({ users: ['a', 'b'] }), '<li>a</li><li>b</li>');
    eq(_.template('hi ${name}, <%= n == null ? "none" : n %>')({ name: 'x', n: null }), 'hi x, none');
    eq(_.template('hello <%= data.name %>', { variable: 'data' })({ name: 'x' }), 'hello x');
    eq(_.template('<%= a %>\n\'q\' \\')({ a: 1 }), "1\n'q' \\");
  });

  test('isMatch / matches / property / identity / noop', () => {
    ok(_.isMatch({ a: 1, b: 2 }, { b: 2 }));
    ok(_.isMatch({ a: { b: 1, c: 2 } }, { a: { b: 1 } }));
    ok(_.isMatch({ a: [1, 2, 3] }, { a: [3, 1] }));
    ok(!_.isMatch({ a: [1, 2, 3] }, { a: [1, 4] }));
    ok(!_.isMatch({ a: 1 }, { b: undefined }));
    ok(_.matches({ a: 1 })({ a: 1, b: 2 }));
    eq(_.property('a.b')({ a: { b: 5 } }), 5);
    eq(_.identity(7), 7);
    eq(_.noop(1), undefined);
  });

  test('lodash 3 aliases used by legacy scripts', () => {
    eq(_.pluck(users, 'user'), ['barney', 'fred', 'pebbles']);
    eq(_.where(users, { active: true }).length, 2);
    eq(_.findWhere(users, { age: 40 }).user, 'fred');
    ok(_.any([0, 1]) && !_.all([0, 1]));
    eq(_.indexBy(users, 'user').fred.age, 40);
  });

  test('chaining', () => {
    eq(_([1, 2, 3]).map((x) => x * 2).value(), [2, 4, 6]);
    eq(_([1, 2, 3]).map((x) => x * 2).sum(), 12);
    eq(_.chain([1, 2]).head().value(), 1);
    eq(_({ a: 1, b: 2 }).keys().value(), ['a', 'b']);
    eq(_.chain(users).filter('active').sortBy('age').map('user').value(), ['pebbles', 'barney']);
    eq(_([1, 2, 3]).filter((x) => x > 1).size(), 2);
    eq(_([1, 2]).includes(2), true);
  });
});
