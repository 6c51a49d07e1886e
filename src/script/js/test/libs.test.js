// Tests for the sandbox libraries in src/script/js/*.js.
// Run: node src/script/js/test/libs.test.js
// Each module is loaded the way the engine loads it: the file body wrapped
// in `(function (module, exports, require) { ... })`, evaluated in a fresh
// context that has only the JS built-ins and `__native` (see
// native-shim.libs.js), so accidental use of node globals fails here too.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

process.env.TZ = 'UTC';

const JS_DIR = path.join(__dirname, '..');
const shim = require('./native-shim.libs.js');

function makeSandbox() {
  const ctx = vm.createContext({});
  // Hide node-only globals that vm contexts may still expose.
  vm.runInContext('delete globalThis.console;', ctx);
  ctx.__native = shim;
  const cache = {};
  function load(name) {
    if (cache[name]) return cache[name].exports;
    const file = path.join(JS_DIR, name + '.js');
    const src = fs.readFileSync(file, 'utf8');
    const fn = vm.runInContext('(function (module, exports, require) {' + src + '\n})', ctx, { filename: file });
    const module = { exports: {} };
    cache[name] = module;
    fn(module, module.exports, load);
    return module.exports;
  }
  return { load, ctx };
}

const sandbox = makeSandbox();
const load = sandbox.load;
// A global of the sandbox realm (its Error, Promise, ...).
const realm = (name) => vm.runInContext(name, sandbox.ctx);

// ---------------------------------------------------------------- harness

let passed = 0;
let failed = 0;
let currentGroup = '';

function group(name, fn) {
  currentGroup = name;
  fn();
}

function test(name, fn) {
  try {
    fn();
    passed++;
  } catch (e) {
    failed++;
    console.log('FAIL ' + currentGroup + ': ' + name + '\n   ' + (e && e.stack ? e.stack.split('\n').slice(0, 3).join('\n   ') : e));
  }
}

function show(v) {
  try {
    return JSON.stringify(v, (k, x) => (x === undefined ? '<undefined>' : typeof x === 'number' && !isFinite(x) ? String(x) : x));
  } catch (e) {
    return String(v);
  }
}

// Structural equality that ignores realms/prototypes (objects made in the
// sandbox context have other Array/Object prototypes) but checks key order.
function same(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  if (typeof a === 'number' && typeof b === 'number') return isNaN(a) && isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!same(a[ka[i]], b[kb[i]])) return false;
  }
  return true;
}

function eq(actual, expected, msg) {
  if (!same(actual, expected)) {
    throw new Error((msg ? msg + ': ' : '') + 'expected ' + show(expected) + ', got ' + show(actual));
  }
}

function ok(v, msg) {
  if (!v) throw new Error(msg || 'expected truthy, got ' + show(v));
}

function throws(fn, re) {
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    if (re && !re.test(String(e && e.message))) throw new Error('wrong error: ' + (e && e.message));
  }
  if (!threw) throw new Error('expected an exception');
}

// ================================================================ crypto-js

group('crypto-js', () => {
  const C = load('crypto-js');
  const H = (wa) => wa.toString();

  test('MD5/SHA hashes of strings (known vectors)', () => {
    eq(H(C.MD5('abc')), '900150983cd24fb0d6963f7d28e17f72');
    eq(H(C.MD5('')), 'd41d8cd98f00b204e9800998ecf8427e');
    eq(H(C.SHA1('abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    eq(H(C.SHA224('abc')), '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
    eq(H(C.SHA256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    eq(H(C.SHA384('abc')), 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7');
    eq(H(C.SHA512('abc')), 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
  });

  test('hash input is UTF-8 and WordArray input works', () => {
    eq(H(C.SHA256('€')), H(C.SHA256(C.enc.Hex.parse('e282ac'))));
    eq(H(C.MD5('héllo')), H(C.MD5(C.enc.Utf8.parse('héllo'))));
    eq(H(C.SHA1(C.enc.Hex.parse('616263'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  test('hash WordArray words are signed 32-bit like crypto-js', () => {
    const w = C.SHA256('abc');
    eq(w.sigBytes, 32);
    eq(w.words[0], -1166534977);
    eq(w.words[2], 1094795486);
  });

  test('hash toString encodings and string coercion', () => {
    eq(C.SHA256('abc').toString(C.enc.Base64), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    eq('' + C.MD5('abc'), '900150983cd24fb0d6963f7d28e17f72');
    eq(C.enc.Base64.stringify(C.MD5('abc')), 'kAFQmDzST7DWlj99KOF/cg==');
  });

  test('HMAC (RFC 2202 / 4231 vectors)', () => {
    const msg = 'what do ya want for nothing?';
    eq(H(C.HmacMD5(msg, 'Jefe')), '750c783e6ab0b503eaa86e310a5db738');
    eq(H(C.HmacSHA1(msg, 'Jefe')), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    eq(H(C.HmacSHA224(msg, 'Jefe')), 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44');
    eq(H(C.HmacSHA256(msg, 'Jefe')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    eq(H(C.HmacSHA384(msg, 'Jefe')), 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649');
    eq(H(C.HmacSHA512(msg, 'Jefe')), '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737');
    eq(H(C.HmacSHA256('Hi There', C.enc.Hex.parse('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'))), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    eq(C.HmacSHA256('The quick brown fox jumps over the lazy dog', 'key').toString(C.enc.Base64), '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=');
  });

  test('progressive hashing with algo.*.create()', () => {
    const h = C.algo.SHA256.create();
    h.update('a');
    h.update('bc');
    eq(H(h.finalize()), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const m = C.algo.HMAC.create(C.algo.SHA256, 'key');
    m.update('The quick brown fox ');
    eq(H(m.finalize('jumps over the lazy dog')), 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    eq(H(C.algo.MD5.create().update('ab').update('c').finalize()), '900150983cd24fb0d6963f7d28e17f72');
  });

  test('PBKDF2 (RFC 6070 and hasher option)', () => {
    eq(H(C.PBKDF2('password', 'salt', { keySize: 5, iterations: 1 })), '0c60c80f961f0e71f3a9b524af6012062fe037a6');
    eq(H(C.PBKDF2('password', 'salt', { keySize: 5, iterations: 4096 })), '4b007901b765489abead49d926f721d065a429c1');
    // Defaults: 128-bit key, HMAC-SHA1, one iteration.
    eq(H(C.PBKDF2('password', 'salt')), '0c60c80f961f0e71f3a9b524af601206');
    eq(H(C.PBKDF2('password', 'salt', { keySize: 8, iterations: 1, hasher: C.algo.SHA256 })), '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
    eq(H(C.PBKDF2('password', 'salt', { keySize: 256 / 32, iterations: 2, hasher: C.algo.SHA256 })), 'ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43');
  });

  test('EvpKDF like OpenSSL EVP_BytesToKey', () => {
    eq(H(C.EvpKDF('pw', C.enc.Hex.parse('0102030405060708'), { keySize: 12 })), '222776d258e716efdaa0cf5a7e504b9d21982575418a44be8d93693294778eeaf44a4ca59001d91d765385d7bea75845');
  });

  test('AES decrypts a passphrase ciphertext made by crypto-js', () => {
    const ct = 'U2FsdGVkX1+HZCMPJiPr6BnANvz3kF9RenWEkNNvQcSaVPbi6xMy/7yxFMgr1d6K';
    eq(C.AES.decrypt(ct, 'secret passphrase').toString(C.enc.Utf8), 'Hello, Postman! ünïcødé');
    eq(C.AES.decrypt('U2FsdGVkX18eaQvCBRdWh5xwrPmpdN/HremNB1wtzo0=', 'secret passphrase').toString(C.enc.Utf8), 'Hello, Postman!');
  });

  test('AES wrong passphrase behaves like crypto-js (garbage, UTF-8 error)', () => {
    const out = C.AES.decrypt('U2FsdGVkX18eaQvCBRdWh5xwrPmpdN/HremNB1wtzo0=', 'wrong');
    eq(out.toString(), 'f694ede0b9d11c3073');
    throws(() => out.toString(C.enc.Utf8), /Malformed UTF-8 data/);
  });

  test('AES passphrase round trip with OpenSSL format', () => {
    const enc = C.AES.encrypt('round trip ✓', 'pass');
    const s = enc.toString();
    ok(/^U2FsdGVkX1/.test(s), s);
    eq(enc.salt.sigBytes, 8);
    eq(enc.key.sigBytes, 32);
    eq(enc.iv.sigBytes, 16);
    eq(C.AES.decrypt(s, 'pass').toString(C.enc.Utf8), 'round trip ✓');
    eq(C.AES.decrypt(enc, 'pass').toString(C.enc.Utf8), 'round trip ✓');
    const parsed = C.format.OpenSSL.parse(s);
    eq(parsed.salt.toString(), enc.salt.toString());
    eq(parsed.ciphertext.toString(), enc.ciphertext.toString());
  });

  test('AES with key + iv WordArrays (crypto-js outputs)', () => {
    const key = C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');
    const iv = C.enc.Hex.parse('0f0e0d0c0b0a09080706050403020100');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv }).toString(), 'QAoHqXa9l3duTT5rF0ncUA==');
    eq(C.AES.encrypt('attack at dawn', key, { mode: C.mode.ECB }).toString(), 'scZGNtPCAdYi6ljjV31UeQ==');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv, padding: C.pad.ZeroPadding }).ciphertext.toString(), 'fb3bc120937928431efa769a10dbaf1f');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv, padding: C.pad.AnsiX923 }).ciphertext.toString(), 'ebd2cfa8fc901f27ae3bbafaaba52e55');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv, padding: C.pad.Iso97971 }).ciphertext.toString(), 'c95d2fb984253618a8c7967bd0501229');
    eq(C.AES.decrypt('QAoHqXa9l3duTT5rF0ncUA==', key, { iv: iv }).toString(C.enc.Utf8), 'attack at dawn');
    eq(C.AES.decrypt('scZGNtPCAdYi6ljjV31UeQ==', key, { mode: C.mode.ECB }).toString(C.enc.Utf8), 'attack at dawn');
    const zp = C.AES.encrypt('attack at dawn', key, { iv: iv, padding: C.pad.ZeroPadding });
    eq(C.AES.decrypt(zp, key, { iv: iv, padding: C.pad.ZeroPadding }).toString(C.enc.Utf8), 'attack at dawn');
  });

  test('AES CTR/CFB/OFB modes (crypto-js outputs)', () => {
    const key = C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');
    const iv = C.enc.Hex.parse('0f0e0d0c0b0a09080706050403020100');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv, mode: C.mode.CTR, padding: C.pad.NoPadding }).ciphertext.toString(), '41dd8df3d7277b89703f98bd1bc0');
    eq(C.AES.encrypt('attack at dawn!!', key, { iv: iv, mode: C.mode.CFB }).ciphertext.toString(), '41dd8df3d7277b89703f98bd1bc0b84b605bc0505f00fb3173c1cadc7c8fd95f');
    eq(C.AES.encrypt('attack at dawn', key, { iv: iv, mode: C.mode.OFB }).ciphertext.toString(), '41dd8df3d7277b89703f98bd1bc09b68');
    const ct = C.enc.Hex.parse('41dd8df3d7277b89703f98bd1bc0b84b605bc0505f00fb3173c1cadc7c8fd95f');
    eq(C.AES.decrypt({ ciphertext: ct }, key, { iv: iv, mode: C.mode.CFB }).toString(C.enc.Utf8), 'attack at dawn!!');
  });

  test('AES-128/192 keys, NoPadding and bad key length', () => {
    const pt = C.enc.Hex.parse('00112233445566778899aabbccddeeff');
    const k128 = C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');
    eq(C.AES.encrypt(pt, k128, { mode: C.mode.ECB, padding: C.pad.NoPadding }).ciphertext.toString(), '69c4e0d86a7b0430d8cdb78070b4c55a');
    const k192 = C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f1011121314151617');
    eq(C.AES.encrypt(pt, k192, { mode: C.mode.ECB, padding: C.pad.NoPadding }).ciphertext.toString(), 'dda97ca4864cdfe06eaf70a0ec0d7191');
    throws(() => C.AES.encrypt('x', C.enc.Hex.parse('0011'), { iv: k128 }), /key/);
  });

  test('encoders: Hex, Base64, Base64url, Utf8, Latin1, Utf16', () => {
    eq(C.enc.Hex.parse('48656c6c6f').toString(C.enc.Utf8), 'Hello');
    eq(C.enc.Utf8.parse('Hello').toString(C.enc.Base64), 'SGVsbG8=');
    eq(C.enc.Base64.parse('SGVsbG8=').toString(C.enc.Utf8), 'Hello');
    eq(C.enc.Base64.parse('SGVsbG8').toString(C.enc.Utf8), 'Hello');
    eq(C.enc.Base64.stringify(C.enc.Utf8.parse('')), '');
    eq(C.enc.Base64.stringify(C.enc.Utf8.parse('ab')), 'YWI=');
    eq(C.enc.Base64url.stringify(C.enc.Hex.parse('fbff')), '-_8');
    eq(C.enc.Latin1.stringify(C.enc.Hex.parse('e9ff')), 'éÿ');
    eq(C.enc.Latin1.parse('é').toString(), 'e9');
    eq(C.enc.Utf16.stringify(C.enc.Hex.parse('00680069')), 'hi');
    eq(C.enc.Utf16LE.parse('hi').toString(), '68006900');
    eq(C.enc.Utf8.parse('héllo€😀').toString(), '68c3a96c6c6fe282acf09f9880');
    eq(C.enc.Utf8.stringify(C.enc.Hex.parse('68c3a96c6c6fe282acf09f9880')), 'héllo€😀');
    const w = C.enc.Utf8.parse('héllo€😀');
    eq(w.words, [1757653356, 1819271810, -1393516648, -2147483648]);
    eq(w.sigBytes, 13);
  });

  test('WordArray concat/clamp/clone/random/create', () => {
    const w = C.enc.Hex.parse('0102');
    w.concat(C.enc.Hex.parse('030405'));
    eq(w.words, [16909060, 83886080]);
    eq(w.sigBytes, 5);
    const c = w.clone();
    c.words[0] = 0;
    eq(w.words[0], 16909060);
    const r = C.lib.WordArray.random(16);
    eq(r.sigBytes, 16);
    eq(r.toString().length, 32);
    ok(r.toString() !== C.lib.WordArray.random(16).toString());
    eq(C.lib.WordArray.create([0x61626364], 3).toString(C.enc.Utf8), 'abc');
    eq(C.lib.WordArray.create().sigBytes, 0);
    const t = C.lib.WordArray.create(new Uint8Array([1, 2, 3]));
    eq(t.toString(), '010203');
    const x = C.lib.WordArray.create([0x01020304, 0x05060708], 5);
    x.clamp();
    eq(x.words, [0x01020304, 0x05000000]);
  });

  test('CipherParams create/toString/format', () => {
    const cp = C.lib.CipherParams.create({ ciphertext: C.enc.Hex.parse('00ff'), salt: C.enc.Hex.parse('0102030405060708') });
    eq(cp.toString(), 'U2FsdGVkX18BAgMEBQYHCAD/');
    eq(cp.toString(C.format.Hex), '00ff');
    eq(C.format.Hex.parse('00ff').ciphertext.toString(), '00ff');
  });
});

// ================================================================ lodash

group('lodash', () => {
  const _ = load('lodash');
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

// ================================================================ moment

group('moment', () => {
  const moment = load('moment');
  const T = 1700000000123; // 2023-11-14T22:13:20.123Z, a Tuesday

  test('format tokens (UTC)', () => {
    eq(moment.utc(T).format('YYYY YY MM M MMM MMMM DD D Do ddd dddd HH H hh h mm m ss s SSS A a Z ZZ X x [escaped]'),
      '2023 23 11 11 Nov November 14 14 14th Tue Tuesday 22 22 10 10 13 13 20 20 123 PM pm +00:00 +0000 1700000000 1700000000123 escaped');
    eq(moment.utc(T).format('Q DDD DDDD d E w W gggg GGGG k z'), '4 318 318 2 2 46 46 2023 2023 22 UTC');
    eq(moment.utc(T).format('LT | LTS | L | LL | LLL | LLLL'), '10:13 PM | 10:13:20 PM | 11/14/2023 | November 14, 2023 | November 14, 2023 10:13 PM | Tuesday, November 14, 2023 10:13 PM');
    eq(moment.utc(0).format('[Today is] dddd, Do [of] MMMM'), 'Today is Thursday, 1st of January');
    eq(moment.utc(Date.UTC(2021, 0, 2, 0, 5)).format('h:mm a, Do, DD'), '12:05 am, 2nd, 02');
    eq(moment.utc(Date.UTC(2021, 0, 23)).format('Do'), '23rd');
  });

  test('default format, toISOString, toString, valueOf, unix', () => {
    eq(moment.utc(T).format(), '2023-11-14T22:13:20Z');
    eq(moment(T).format(), '2023-11-14T22:13:20+00:00');
    eq(moment.utc(T).toISOString(), '2023-11-14T22:13:20.123Z');
    eq(moment.utc(T).toISOString(true), '2023-11-14T22:13:20.123+00:00');
    eq(moment.utc(T).toJSON(), '2023-11-14T22:13:20.123Z');
    eq(moment.utc(T).toString(), 'Tue Nov 14 2023 22:13:20 GMT+0000');
    eq(moment.utc(T).valueOf(), T);
    eq(moment.utc(T).unix(), 1700000000);
    eq(moment.unix(1600000000).utc().format(), '2020-09-13T12:26:40Z');
    eq(moment.utc(T).toDate().getTime(), T);
    eq(JSON.stringify({ t: moment.utc(0) }), '{"t":"1970-01-01T00:00:00.000Z"}');
  });

  test('parsing ISO strings, offsets and other inputs', () => {
    eq(moment.utc('2020-01-01').format(), '2020-01-01T00:00:00Z');
    eq(moment.utc('2020-01-01T10:20:30.5').toISOString(), '2020-01-01T10:20:30.500Z');
    eq(moment.utc('2013-02-08T09:30:26,123+0130').valueOf(), 1360310426123);
    eq(moment.utc('20130208T080910').format(), '2013-02-08T08:09:10Z');
    eq(moment('2020-01-01T00:00:00+05:00').toISOString(), '2019-12-31T19:00:00.000Z');
    eq(moment.parseZone('2020-01-01T00:00:00+05:00').format(), '2020-01-01T00:00:00+05:00');
    eq(moment.parseZone('2020-01-01T00:00:00-03:00').utcOffset(), -180);
    eq(moment.utc([2020, 0, 15, 10]).format(), '2020-01-15T10:00:00Z');
    eq(moment.utc({ year: 2020, month: 1, day: 3, hour: 4 }).format(), '2020-02-03T04:00:00Z');
    eq(moment.utc(new Date(T)).valueOf(), T);
    eq(moment.utc('Tue, 01 Nov 2016 01:23:45 +0100').toISOString(), '2016-11-01T00:23:45.000Z');
    eq([moment('2020-13-01').isValid(), moment('2020-02-30').isValid(), moment(null).isValid(), moment('').isValid(), moment('garbage').isValid(), moment().isValid()],
      [false, false, false, false, false, true]);
    eq(moment('2020-02-30').format(), 'Invalid date');
    eq(moment.invalid().toISOString(), null);
  });

  test('parsing with formats (non-strict, strict, several formats)', () => {
    eq(moment.utc('25/12/2020 14:05', 'DD/MM/YYYY HH:mm').format(), '2020-12-25T14:05:00Z');
    eq(moment.utc('12-25-95', 'MM-DD-YY').format(), '1995-12-25T00:00:00Z');
    eq(moment.utc('December 25, 2020 3:04 pm', 'MMMM D, YYYY h:mm a').format(), '2020-12-25T15:04:00Z');
    eq(moment.utc('Dec 25th 2020', 'MMM Do YYYY').format(), '2020-12-25T00:00:00Z');
    eq(moment.utc('2020-01-01T10:00:00+02:00', 'YYYY-MM-DDTHH:mm:ssZ').format(), '2020-01-01T08:00:00Z');
    eq(moment.utc('1600000000', 'X').format(), '2020-09-13T12:26:40Z');
    eq(moment.utc('2020-06-05 13:14:15.678', 'YYYY-MM-DD HH:mm:ss.SSS').valueOf(), 1591362855678);
    eq(moment.utc('2020-02-30', 'YYYY-MM-DD').isValid(), false);
    eq([moment('2020-6-5', 'YYYY-MM-DD', true).isValid(), moment('2020-06-05', 'YYYY-MM-DD', true).isValid(), moment('2020-06-05x', 'YYYY-MM-DD', true).isValid()], [false, true, false]);
    eq(moment('05/06/2020', ['YYYY-MM-DD', 'DD/MM/YYYY']).format('YYYY-MM-DD'), '2020-06-05');
    eq(moment('2020-01-01', moment.ISO_8601).isValid(), true);
    eq(moment('01/01/2020', moment.ISO_8601).isValid(), false);
  });

  test('add / subtract with units, shorthands and month clamping', () => {
    const base = () => moment.utc('2020-01-31T10:00:00Z');
    eq(base().add(1, 'd').format(), '2020-02-01T10:00:00Z');
    eq(base().add(1, 'days').format(), '2020-02-01T10:00:00Z');
    eq(base().add(1, 'M').format(), '2020-02-29T10:00:00Z');
    eq(base().add(1, 'months').add(1, 'months').format(), '2020-03-29T10:00:00Z');
    eq(base().subtract(1, 'y').format(), '2019-01-31T10:00:00Z');
    eq(base().add(2, 'w').format(), '2020-02-14T10:00:00Z');
    eq(base().add(90, 'm').format(), '2020-01-31T11:30:00Z');
    eq(base().add(30, 's').add(500, 'ms').toISOString(), '2020-01-31T10:00:30.500Z');
    eq(base().add(3, 'h').format(), '2020-01-31T13:00:00Z');
    eq(base().add({ days: 1, hours: 2 }).format(), '2020-02-01T12:00:00Z');
    eq(base().add(moment.duration(1, 'day')).format(), '2020-02-01T10:00:00Z');
    eq(base().subtract(13, 'M').format(), '2018-12-31T10:00:00Z');
    eq(moment.utc('2020-02-29').add(1, 'year').format(), '2021-02-28T00:00:00Z');
  });

  test('diff with units and floats', () => {
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'months'), 11);
    eq(moment.utc('2020-01-31').diff(moment.utc('2020-03-01'), 'months', true), -1.032258064516129);
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'years', true), 0.956989247311828);
    eq(moment.utc('2021-01-15').diff('2020-01-31', 'days'), 350);
    eq(moment.utc('2021-01-15T10:00').diff(moment.utc('2021-01-14T09:00'), 'hours', true), 25);
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'weeks'), 50);
    eq(moment.utc('2020-01-01').diff(moment.utc('2020-01-01T00:00:01.500'), 'seconds'), -1);
    eq(moment.utc('2020-01-01').diff(moment.utc('2020-01-01T00:00:01.500'), 'seconds', true), -1.5);
    eq(moment.utc('2020-01-02').diff(moment.utc('2020-01-01')), 86400000);
  });

  test('comparisons', () => {
    const a = moment.utc('2020-01-01T00:00:00Z');
    ok(a.isBefore(moment.utc('2020-01-01T00:01:00Z')));
    ok(!a.isBefore(moment.utc('2020-01-01T00:01:00Z'), 'hour'));
    ok(a.isAfter('2019-12-31'));
    ok(a.isSame('2020-01-01T10:00:00Z', 'day'));
    ok(!a.isSame('2020-01-01T10:00:00Z'));
    ok(a.isBetween('2019-12-31', '2020-01-02'));
    ok(!a.isBetween('2020-01-01', '2020-01-02'));
    ok(a.isBetween('2020-01-01', '2020-01-02', null, '[]'));
    ok(a.isSameOrAfter('2020-01-01') && a.isSameOrBefore('2020-01-01'));
    ok(moment.isMoment(a) && !moment.isMoment(new Date()));
  });

  test('startOf / endOf', () => {
    const m = () => moment.utc('2020-05-15T10:20:30.456Z');
    eq(m().startOf('year').toISOString(), '2020-01-01T00:00:00.000Z');
    eq(m().startOf('quarter').toISOString(), '2020-04-01T00:00:00.000Z');
    eq(m().startOf('month').toISOString(), '2020-05-01T00:00:00.000Z');
    eq(m().startOf('week').toISOString(), '2020-05-10T00:00:00.000Z');
    eq(m().startOf('isoWeek').toISOString(), '2020-05-11T00:00:00.000Z');
    eq(m().startOf('day').toISOString(), '2020-05-15T00:00:00.000Z');
    eq(m().startOf('hour').toISOString(), '2020-05-15T10:00:00.000Z');
    eq(m().startOf('minute').toISOString(), '2020-05-15T10:20:00.000Z');
    eq(m().startOf('second').toISOString(), '2020-05-15T10:20:30.000Z');
    eq(m().endOf('year').toISOString(), '2020-12-31T23:59:59.999Z');
    eq(m().endOf('month').toISOString(), '2020-05-31T23:59:59.999Z');
    eq(m().endOf('day').toISOString(), '2020-05-15T23:59:59.999Z');
    eq(m().endOf('hour').toISOString(), '2020-05-15T10:59:59.999Z');
  });

  test('getters and setters', () => {
    const m = moment.utc(1600000000000); // 2020-09-13T12:26:40Z, Sunday
    eq([m.year(), m.month(), m.date(), m.day(), m.hour(), m.minute(), m.second(), m.millisecond(), m.dayOfYear(), m.week(), m.isoWeek(), m.quarter(), m.daysInMonth()],
      [2020, 8, 13, 0, 12, 26, 40, 0, 257, 38, 37, 3, 30]);
    eq(m.clone().day(1).format(), '2020-09-14T12:26:40Z');
    eq(m.clone().date(0).format(), '2020-08-31T12:26:40Z');
    eq(m.clone().hour(25).format(), '2020-09-14T01:26:40Z');
    eq(m.clone().month(1).format(), '2020-02-13T12:26:40Z');
    eq(m.clone().year(2019).format(), '2019-09-13T12:26:40Z');
    eq(m.clone().set({ year: 2021, month: 0, date: 31, hour: 5 }).format(), '2021-01-31T05:26:40Z');
    eq(m.get('month'), 8);
    eq(moment.utc('2021-01-03').week(), 2);
    eq(moment.utc('2021-01-03').isoWeek(), 53);
    eq(m.format(), '2020-09-13T12:26:40Z', 'clone() leaves the original alone');
  });

  test('utc / local / utcOffset / clone', () => {
    eq(moment.utc(0).utcOffset(330).format(), '1970-01-01T05:30:00+05:30');
    eq(moment.utc(0).utcOffset(-5).format(), '1969-12-31T19:00:00-05:00');
    eq(moment.utc(0).utcOffset('+05:30').format('Z'), '+05:30');
    eq(moment.utc(0).utcOffset(120, true).format(), '1970-01-01T00:00:00+02:00');
    eq([moment.utc(0).isUTC(), moment(0).utc().isUTC(), moment.utc(0).local().isUTC()], [true, true, false]);
    const a = moment.utc(0);
    const b = a.clone().add(1, 'd');
    eq([a.valueOf(), b.valueOf()], [0, 86400000]);
  });

  test('local time follows the process time zone (America/New_York)', () => {
    process.env.TZ = 'America/New_York';
    try {
      eq(moment(T).format(), '2023-11-14T17:13:20-05:00');
      eq(moment(T).utcOffset(), -300);
      eq(moment('2020-01-01T00:00:00+05:00').format(), '2019-12-31T14:00:00-05:00');
      eq(moment('2020-03-08T01:30:00').add(1, 'd').format(), '2020-03-09T01:30:00-04:00');
      eq(moment('2020-03-08T01:30:00').add(24, 'h').format(), '2020-03-09T02:30:00-04:00');
      eq(moment('2020-03-08T12:00').diff(moment('2020-03-07T12:00'), 'days', true), 1);
      eq(moment('2020-03-08').endOf('day').format(), '2020-03-08T23:59:59-04:00');
      eq(moment(T).toString(), 'Tue Nov 14 2023 17:13:20 GMT-0500');
      eq(moment.utc(T).format(), '2023-11-14T22:13:20Z');
    } finally {
      process.env.TZ = 'UTC';
    }
  });

  test('relative time and calendar', () => {
    const ref = moment.utc('2020-01-01');
    eq(ref.from(moment.utc('2020-01-01T00:00:30')), 'a few seconds ago');
    eq(ref.from(moment.utc('2020-03-01')), '2 months ago');
    eq(ref.to(moment.utc('2020-01-01T05:00:00')), 'in 5 hours');
    eq(ref.to(moment.utc('2021-07-01')), 'in 2 years');
    eq(ref.from(moment.utc('2020-01-01T00:50:00'), true), 'an hour');
    ok(/ago$/.test(moment().subtract(3, 'days').fromNow()));
    eq(moment.utc('2020-06-15').calendar(moment.utc('2020-06-14')), 'Tomorrow at 12:00 AM');
    eq(moment.utc('2020-06-10').calendar(moment.utc('2020-06-14')), 'Last Wednesday at 12:00 AM');
  });

  test('duration', () => {
    eq(moment.duration(90061001).humanize(), 'a day');
    eq(moment.duration({ hours: 25, minutes: 3 }).toISOString(), 'PT25H3M');
    eq(moment.duration(2, 'hours').asMinutes(), 120);
    eq(moment.duration('P1Y2M3DT4H5M6S').asDays(), 429.17020833333333);
    eq(moment.duration('01:30:00').asMinutes(), 90);
    eq(moment.duration('1.02:03:04.5').asSeconds(), 93784.5);
    eq([moment.duration(1500).seconds(), moment.duration(1500).milliseconds()], [1, 500]);
    eq(moment.duration(3, 'months').asDays(), 91);
    eq([moment.duration(100, 'days').months(), moment.duration(100, 'days').days()], [3, 8]);
    eq(moment.duration(-90, 'minutes').humanize(true), '2 hours ago');
    eq(moment.duration(5, 'minutes').humanize(true), 'in 5 minutes');
    eq(moment.duration(1, 'd').add(2, 'h').asHours(), 26);
    eq(moment.duration(-1500).toISOString(), '-PT1.5S');
    eq(moment.duration(90, 's').get('m'), 1);
    eq(+moment.duration(2, 's'), 2000);
    ok(moment.isDuration(moment.duration(1)));
  });
});

// ================================================================ buffer

group('buffer', () => {
  const { Buffer, atob, btoa } = load('buffer');
  const bytes = (b) => Array.from(b);

  test('from string with encodings and toString', () => {
    const b = Buffer.from('héllo €😀');
    eq(b.length, 14);
    eq(b.toString('hex'), '68c3a96c6c6f20e282acf09f9880');
    eq(b.toString('base64'), 'aMOpbGxvIOKCrPCfmIA=');
    eq(b.toString('base64url'), 'aMOpbGxvIOKCrPCfmIA');
    eq(b.toString(), 'héllo €😀');
    eq(b.toString('utf-8'), 'héllo €😀');
    eq(Buffer.from('aGVsbG8=', 'base64').toString(), 'hello');
    eq(Buffer.from('aGVs bG8', 'base64').toString(), 'hello');
    eq(Buffer.from('a-_b', 'base64url').toString('hex'), '6befdb');
    eq(bytes(Buffer.from('48656c6c6f', 'hex')), [72, 101, 108, 108, 111]);
    eq(bytes(Buffer.from('12g4', 'hex')), [0x12]);
    eq(Buffer.from('é', 'latin1').toString('hex'), 'e9');
    eq(Buffer.from([0xe9, 0xff]).toString('binary'), 'éÿ');
    eq(Buffer.from([0xe9, 0x41]).toString('ascii'), 'iA');
    eq(Buffer.from('hi', 'utf16le').toString('hex'), '68006900');
    eq(Buffer.from('68006900', 'hex').toString('ucs2'), 'hi');
    eq(Buffer.from([0xff, 0x61, 0xc3, 0x28]).toString(), '\ufffda\ufffd(');
    throws(() => Buffer.from('x', 'nope'), /Unknown encoding/);
  });

  test('from arrays, buffers, ArrayBuffers, JSON form; new Buffer', () => {
    eq(bytes(Buffer.from([256, -1, 3.7])), [0, 255, 3]);
    const ab = new Uint8Array([1, 2, 3, 4]).buffer;
    eq(bytes(Buffer.from(ab, 1, 2)), [2, 3]);
    const src = Buffer.from('xy');
    const copy = Buffer.from(src);
    copy[0] = 0;
    eq(src.toString(), 'xy');
    eq(bytes(Buffer.from({ type: 'Buffer', data: [1, 2] })), [1, 2]);
    eq(new Buffer('abc').toString('base64'), 'YWJj');
    eq(new Buffer('616263', 'hex').toString(), 'abc');
    eq(new Buffer(2).length, 2);
  });

  test('alloc, concat, byteLength, isBuffer, compare, equals', () => {
    eq(bytes(Buffer.alloc(3)), [0, 0, 0]);
    eq(Buffer.alloc(5, 'ab').toString(), 'ababa');
    eq(bytes(Buffer.alloc(2, 7)), [7, 7]);
    eq(Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]).toString(), 'abcd');
    eq(Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3).toString(), 'abc');
    eq(Buffer.concat([]).length, 0);
    eq([Buffer.byteLength('héllo'), Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('€', 'latin1')], [6, 2, 2, 1]);
    ok(Buffer.isBuffer(Buffer.from('a')) && !Buffer.isBuffer('a') && !Buffer.isBuffer(new Uint8Array(1)));
    eq([Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), Buffer.from('a').compare(Buffer.from('a'))], [-1, 1, 0]);
    ok(Buffer.from('abc').equals(Buffer.from('abc')) && !Buffer.from('abc').equals(Buffer.from('abd')));
    ok(Buffer.isEncoding('UTF-8') && !Buffer.isEncoding('nope'));
  });

  test('indexing, slice shares memory, toJSON, indexOf/includes', () => {
    const b = Buffer.from('hello world');
    eq(b[0], 104);
    eq(b.slice(0, 5).toString(), 'hello');
    eq(b.slice(-5).toString(), 'world');
    const s = b.slice(0, 1);
    s[0] = 72;
    eq(b.toString(), 'Hello world');
    ok(s instanceof Buffer);
    eq(b.toJSON(), { type: 'Buffer', data: [72, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100] });
    eq(JSON.stringify(Buffer.from('ab')), '{"type":"Buffer","data":[97,98]}');
    eq([b.indexOf('o'), b.indexOf('o', 5), b.lastIndexOf('o'), b.indexOf(Buffer.from('wor')), b.indexOf(111), b.indexOf('zz')], [4, 7, 7, 6, 4, -1]);
    ok(b.includes('world') && !b.includes('xyz'));
    eq(b.toString('utf8', 1, 4), 'ell');
  });

  test('write, copy, fill, integer accessors', () => {
    const b = Buffer.alloc(6);
    eq(b.write('hi', 1), 2);
    eq(bytes(b), [0, 104, 105, 0, 0, 0]);
    const t = Buffer.alloc(4);
    Buffer.from('wxyz').copy(t, 1, 0, 2);
    eq(t.toString('hex'), '00777800');
    eq(Buffer.alloc(4).fill(0x41, 1, 3).toString('hex'), '00414100');
    const n = Buffer.alloc(8);
    n.writeUInt32BE(0xdeadbeef, 0);
    n.writeInt16LE(-2, 4);
    eq([n.readUInt32BE(0), n.readUInt32LE(0), n.readInt16LE(4), n.readUInt8(1), n.readUInt16BE(0)], [0xdeadbeef, 0xefbeadde, -2, 0xad, 0xdead]);
    throws(() => n.readUInt32BE(6), /out of range/);
  });

  test('atob / btoa', () => {
    eq(btoa('hello'), 'aGVsbG8=');
    eq(btoa('\u00ff\u00fe'), '//4=');
    eq(atob('aGVsbG8='), 'hello');
    eq(atob('aGVsbG8'), 'hello');
    eq(atob(' aGVs bG8= '), 'hello');
    throws(() => btoa('€'), /Invalid character/);
    throws(() => atob('a'), /Invalid character/);
    throws(() => atob('aGV$'), /Invalid character/);
  });
});

// ================================================================ uuid

group('uuid', () => {
  const uuid = load('uuid');
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

// ================================================================ querystring

group('querystring', () => {
  const qs = load('querystring');

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

// ================================================================ url

group('url', () => {
  const url = load('url');
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

  test('WHATWG URL', () => {
    const u = new url.URL('https://user:pass@sub.Example.com:8080/p/a/t/h?query=string&a=1#hash');
    eq([u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash],
      ['https://user:pass@sub.example.com:8080/p/a/t/h?query=string&a=1#hash', 'https://sub.example.com:8080', 'https:', 'user', 'pass', 'sub.example.com:8080', 'sub.example.com', '8080', '/p/a/t/h', '?query=string&a=1', '#hash']);
    eq(new url.URL('http://example.com:80/x').href, 'http://example.com/x');
    eq(new url.URL('https://ex.com/a/../b/./c/%2e%2e/d').pathname, '/b/d');
    eq(new url.URL('http://ex.com/ü?ä=€#ö').href, 'http://ex.com/%C3%BC?%C3%A4=%E2%82%AC#%C3%B6');
    eq(new url.URL('http://0x7f.1/').hostname, '127.0.0.1');
    eq(new url.URL('../c?x', 'http://ex.com/a/b/').href, 'http://ex.com/a/c?x');
    eq(new url.URL('//other.org/p', 'https://ex.com/').href, 'https://other.org/p');
    eq(new url.URL('mailto:a@b.com').pathname, 'a@b.com');
    eq(JSON.stringify({ u: new url.URL('http://h') }), '{"u":"http://h/"}');
    throws(() => new url.URL('not a url'), /Invalid URL/);
    throws(() => new url.URL('http://ex.com:99999/'), /Invalid URL/);
    const s = new url.URL('http://ex.com/a?b=1#c');
    s.pathname = '/new path';
    s.search = 'x=1 2';
    s.hash = 'frag';
    s.port = '8080';
    eq(s.href, 'http://ex.com:8080/new%20path?x=1%202#frag');
  });

  test('URLSearchParams and URL.searchParams', () => {
    const u = new url.URL('http://ex.com/?a=1&b=2&a=3');
    const p = u.searchParams;
    eq([p.get('a'), p.getAll('a'), p.has('b'), p.get('z'), p.size], ['1', ['1', '3'], true, null, 3]);
    p.append('c', 'x y&z');
    p.set('a', '9');
    p.delete('b');
    eq(u.href, 'http://ex.com/?a=9&c=x+y%26z');
    p.sort();
    eq(p.toString(), 'a=9&c=x+y%26z');
    const S = url.URLSearchParams;
    eq(new S({ x: '1', y: 'a b' }).toString(), 'x=1&y=a+b');
    eq(new S('?q=a+b%2Bc').get('q'), 'a b+c');
    eq(new S([['k', 'v'], ['k', 'w']]).getAll('k'), ['v', 'w']);
    eq(Array.from(new S('x=1&y=2').entries()), [['x', '1'], ['y', '2']]);
    const seen = [];
    new S('a=1&b=2').forEach((v, k) => seen.push(k + v));
    eq(seen, ['a1', 'b2']);
  });
});

// ================================================================ xml2js

group('xml2js', () => {
  const xml2js = load('xml2js');
  const parse = (xml, opts) => {
    let out;
    let error;
    let calls = 0;
    xml2js.parseString(xml, opts || {}, (err, res) => {
      calls++;
      error = err;
      out = res;
    });
    if (calls !== 1) throw new Error('callback called ' + calls + ' times (must be once, synchronously)');
    if (error) throw error;
    return out;
  };
  const catalog = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<catalog>\n  <book id="bk101">\n    <author>Gambardella, Matthew</author>\n    <price>44.95</price>\n  </book>\n  <book id="bk102">\n    <author>Ralls, Kim</author>\n  </book>\n</catalog>\n';

  test('default shape: root key, arrays, $ attributes, _ text', () => {
    eq(parse(catalog), { catalog: { book: [
      { $: { id: 'bk101' }, author: ['Gambardella, Matthew'], price: ['44.95'] },
      { $: { id: 'bk102' }, author: ['Ralls, Kim'] }
    ] } });
    eq(parse('<a x="1">text</a>'), { a: { _: 'text', $: { x: '1' } } });
    eq(parse('<r x="1"><a y="2">t</a>mixed<b/>tail</r>'), { r: { _: 'mixedtail', $: { x: '1' }, a: [{ _: 't', $: { y: '2' } }], b: [''] } });
    eq(parse('<r><a></a><b x="1"/></r>'), { r: { a: [''], b: [{ $: { x: '1' } }] } });
    eq(parse('<a>  </a>'), { a: '  ' });
    eq(parse('<r>a &amp; b &lt; c</r>'), { r: 'a & b < c' });
    eq(parse('<r>\n<![CDATA[<raw> & stuff]]>\n</r>'), { r: '\n<raw> & stuff\n' });
    eq(parse('<soap:Env xmlns:soap="u"><soap:Body><m:R>5</m:R></soap:Body></soap:Env>'), { 'soap:Env': { $: { 'xmlns:soap': 'u' }, 'soap:Body': [{ 'm:R': ['5'] }] } });
    eq(parse(''), null);
  });

  test('options: explicitArray, trim, mergeAttrs, explicitRoot, ignoreAttrs, explicitCharkey, normalizeTags, emptyTag, keys', () => {
    eq(parse('<r><a>1</a><a>2</a><b/><c>x</c></r>', { explicitArray: false }), { r: { a: ['1', '2'], b: '', c: 'x' } });
    eq(parse('<r><a> x </a></r>', { explicitArray: false, trim: true }), { r: { a: 'x' } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { mergeAttrs: true }), { r: { x: ['1'], a: [{ _: 't', y: ['2'] }] } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { mergeAttrs: true, explicitArray: false }), { r: { x: '1', a: { _: 't', y: '2' } } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { explicitRoot: false, explicitArray: false, ignoreAttrs: true }), { a: 't' });
    eq(parse('<r><a>1</a></r>', { explicitCharkey: true }), { r: { a: [{ _: '1' }] } });
    eq(parse('<R><A>1</A><B/></R>', { normalizeTags: true, emptyTag: null }), { r: { a: ['1'], b: [null] } });
    eq(parse('<r x="1">t</r>', { attrkey: '@', charkey: '#' }), { r: { '#': 't', '@': { x: '1' } } });
    eq(parse('<ns:r a="true"><ns:n>42</ns:n></ns:r>', { tagNameProcessors: [xml2js.processors.stripPrefix], valueProcessors: [xml2js.processors.parseNumbers], attrValueProcessors: [xml2js.processors.parseBooleans] }),
      { r: { $: { a: true }, n: [42] } });
  });

  test('errors go to the callback; Parser, events and promises', () => {
    let err;
    xml2js.parseString('<a><b></a>', (e) => { err = e; });
    ok(err && /XML/.test(err.message), String(err && err.message));
    let unclosed;
    xml2js.parseString('<a>', (e) => { unclosed = e; });
    ok(unclosed instanceof realm('Error'));
    const parser = new xml2js.Parser({ explicitArray: false });
    let viaCb;
    parser.parseString('<a><b>1</b></a>', (e, r) => { viaCb = r; });
    eq(viaCb, { a: { b: '1' } });
    let viaEvent;
    parser.on('end', (r) => { viaEvent = r; });
    parser.parseString('<x>2</x>');
    eq(viaEvent, { x: '2' });
    ok(xml2js.parseStringPromise('<a/>') instanceof realm('Promise'));
  });

  test('xml2Json (Postman legacy helper)', () => {
    eq(xml2js.xml2Json(catalog), { catalog: { book: [
      { $: { id: 'bk101' }, author: 'Gambardella, Matthew', price: '44.95' },
      { $: { id: 'bk102' }, author: 'Ralls, Kim' }
    ] } });
    eq(xml2js.xml2Json('<a>  padded  </a>'), { a: 'padded' });
    eq(xml2js.xml2Json('<a><b>'), undefined);
  });

  test('Builder', () => {
    eq(new xml2js.Builder().buildObject({ root: { a: '1', b: { $: { x: '1' }, _: 't' }, c: ['x', 'y'] } }),
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<root>\n  <a>1</a>\n  <b x="1">t</b>\n  <c>x</c>\n  <c>y</c>\n</root>');
    eq(new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ name: 'x & y' }), '<name>x &amp; y</name>');
  });
});

// ================================================================ tv4 / ajv

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
  const tv4 = load('tv4');
  const pick = (e) => ({ message: e.message, params: e.params, code: e.code, dataPath: e.dataPath, schemaPath: e.schemaPath });

  test('validate true/false and tv4.error', () => {
    ok(tv4.validate({ id: 1, name: 'ab', tags: ['x'], n: null }, USER_SCHEMA));
    eq(tv4.error, null);
    ok(!tv4.validate({ name: 'ab' }, USER_SCHEMA));
    eq(pick(tv4.error), { message: 'Missing required property: id', params: { key: 'id' }, code: 302, dataPath: '', schemaPath: '/required/0' });
    ok(tv4.error instanceof realm('Error'));
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
  const Ajv = load('ajv');
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

// ---------------------------------------------------------------- summary

console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
