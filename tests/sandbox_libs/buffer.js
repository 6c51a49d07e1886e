'use strict';
// Checks of the sandbox's buffer library, run as a test script by tests/sandbox_libs.rs.
group('buffer', () => {
  const { Buffer, atob, btoa } = require('buffer');
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
