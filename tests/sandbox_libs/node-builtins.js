'use strict';
// Checks of the sandbox's path, events, assert, util and fs modules, run as a
// test script by tests/sandbox_libs.rs. Expected values are what newman 6.2.2
// gives for the same calls.
group('node builtins', () => {
  const message = (fn) => {
    try {
      fn();
    } catch (e) {
      return [e.name, e.message, e.code];
    }
    return 'no error';
  };

  test('path', () => {
    const path = require('path');
    eq([path.join('/a', 'b', '../c'), path.join('a', '', 'b/'), path.normalize('a//b/../c/.'), path.normalize(''),
      path.resolve('x', '../y'), path.resolve('/r', 's'), path.relative('/a/b/c', '/a/d'), path.dirname('/a/b/'),
      path.dirname('a'), path.basename('/a/b.txt', '.txt'), path.basename('/a/b/'), path.extname('x.tar.gz'),
      path.extname('.bashrc'), path.isAbsolute('/x'), path.sep, path.delimiter],
    ['/a/c', 'a/b/', 'a/c', '.', '/y', '/r/s', '../../d', '/a', '.', 'b', 'b', '.gz', '', true, '/', ':']);
    eq(Object.keys(path), ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'sep', 'delimiter', 'dirname',
      'basename', 'extname']);
  });

  test('events', () => {
    const E = require('events');
    const e = new E();
    const seen = [];
    e.on('x', (a) => seen.push('on' + a));
    e.once('x', (a) => seen.push('once' + a));
    e.prependListener('x', () => seen.push('first'));
    e.emit('x', 1);
    e.emit('x', 2);
    eq([seen, e.listenerCount('x'), e.eventNames(), E.listenerCount(e, 'x'), e.getMaxListeners()],
      [['first', 'on1', 'once1', 'first', 'on2'], 2, ['x'], 2, 10]);
    eq(message(() => e.emit('error', new Error('boom')))[1], 'boom');
    eq([E.EventEmitter === E, Object.keys(E)], [true, ['EventEmitter', 'defaultMaxListeners', 'listenerCount']]);
  });

  test('assert messages', () => {
    const assert = require('assert');
    eq(message(() => assert(0)), ['AssertionError', '0 == true', 'ERR_ASSERTION']);
    eq(message(() => assert.equal(1, '2')), ['AssertionError', "1 == '2'", 'ERR_ASSERTION']);
    eq(message(() => assert.notEqual(1, '1'))[1], "1 != '1'");
    eq(message(() => assert.strictEqual('a', 'b'))[1], "Expected values to be strictly equal:\n\n'a' !== 'b'\n");
    eq(message(() => assert.deepEqual([1], [2]))[1],
      'Expected values to be loosely deep-equal:\n\n[ 1 ]\n\nshould equal\n\n[ 2 ]');
    eq(message(() => assert.deepStrictEqual({ a: 1 }, { a: '1' }))[1],
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 1 }\n- { a: '1' }\n       ^");
    eq(message(() => assert.notStrictEqual(1, 1))[1], 'Expected "actual" to be strictly unequal to: 1');
    eq(message(() => assert.throws(() => {}))[1], 'Missing expected exception.');
    eq(message(() => assert.doesNotThrow(() => { throw new Error('x'); }))[1],
      'Got unwanted exception.\nActual message: "x"');
    eq(message(() => assert.fail('nope'))[1], 'nope');
    eq(message(() => assert.equal(1, 2, 'custom'))[1], 'custom');
    eq(message(() => assert.ifError('e'))[1], "ifError got unwanted exception: 'e'");
  });

  test('assert passes', () => {
    const assert = require('assert');
    assert.deepEqual({ a: [1, { b: '2' }] }, { a: [1, { b: 2 }] });
    assert.throws(() => { throw new TypeError('t'); }, TypeError);
    assert.throws(() => { throw new Error('abc'); }, /ab/);
    eq([typeof assert.strict, assert.strict.equal === assert.strictEqual], ['function', true]);
  });

  test('util', () => {
    const util = require('util');
    eq([util.isString('x'), util.isPrimitive(null), util.isBuffer(Buffer.from('a')), util._extend({ a: 1 }, { b: 2 }),
      util.format('%s=%d', 'a', 1)], [true, true, true, { a: 1, b: 2 }, 'a=1']);
  });

  test('fs is empty, timers are there', () => {
    eq(Object.keys(require('fs')), []);
    const timers = require('timers');
    eq(['setTimeout', 'setInterval', 'clearInterval', 'clearTimeout', 'setImmediate', 'clearImmediate']
      .map((k) => typeof timers[k]), ['function', 'function', 'function', 'function', 'function', 'function']);
  });

  test('chai assert', () => {
    const chai = require('chai');
    const a = chai.assert;
    const cases = [
      [() => a.equal(1, 2), 'expected 1 to equal 2'],
      [() => a.isTrue(false), 'expected false to be true'],
      [() => a.include([1], 2), 'expected [ 1 ] to include 2'],
      [() => a.lengthOf([1], 2, 'len'), 'len: expected [ 1 ] to have a length of 2 but got 1'],
      [() => a.strictEqual('1', 1), "expected '1' to equal 1"],
      [() => a.deepEqual({ a: 1 }, { a: 2 }), 'expected { a: 1 } to deeply equal { a: 2 }'],
      [() => a.isOk(0), 'expected +0 to be truthy'],
      [() => a(false, 'plain'), 'plain'],
      [() => a.property({}, 'x'), "expected {} to have property 'x'"],
      [() => a.typeOf(1, 'string'), 'expected 1 to be a string'],
      [() => a.isAbove(1, 2), 'expected 1 to be above 2'],
      [() => a.throws(() => {}), 'expected [Function] to throw an error'],
      [() => a.notEqual(1, 1), 'expected 1 to not equal 1'],
      [() => a.isNull(1), 'expected 1 to equal null'],
      [() => a.match('abc', /x/), "expected 'abc' to match /x/"],
      [() => a.sameMembers([1, 2], [2, 3]), 'expected [ 1, 2 ] to have the same members as [ 2, 3 ]'],
      [() => a.isEmpty([1]), 'expected [ 1 ] to be empty']
    ];
    for (const [fn, text] of cases) eq(message(fn).slice(0, 2), ['AssertionError', text]);
    a.equal(1, '1');
    a.deepEqual({ a: [1] }, { a: [1] });
  });
});
