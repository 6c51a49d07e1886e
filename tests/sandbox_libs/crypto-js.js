'use strict';
// Checks of the sandbox's crypto-js library, run as a test script by tests/sandbox_libs.rs.
group('crypto-js', () => {
  const C = require('crypto-js');
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
