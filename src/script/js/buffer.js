// Node-style Buffer for collection scripts (module `buffer`; the engine
// also sets the globals `Buffer`, `atob` and `btoa` from it). Written for
// postie: a Uint8Array subclass with Node's common encodings and helpers.
'use strict';

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
var B64_LOOKUP = (function () {
  var t = {};
  for (var i = 0; i < 64; i++) {
    t[B64[i]] = i;
    t[B64URL[i]] = i;
  }
  return t;
})();

function normEncoding(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  var e = String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
  }
  return null;
}

function checkEncoding(enc) {
  var e = normEncoding(enc);
  if (!e) throw new TypeError('Unknown encoding: ' + enc);
  return e;
}

function utf8Encode(str) {
  var out = [];
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      var d = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd; // lone surrogate
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// UTF-8 decoding with U+FFFD for each maximal invalid subsequence (WHATWG).
function utf8Decode(bytes, start, end) {
  var out = '';
  var chunk = [];
  var i = start;
  while (i < end) {
    var b = bytes[i];
    var cp = 0xfffd;
    var need = 0;
    var lower = 0x80;
    var upper = 0xbf;
    if (b < 0x80) {
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    i++;
    if (b >= 0x80 && need === 0) {
      cp = 0xfffd;
    } else {
      for (var k = 0; k < need; k++) {
        var c = bytes[i];
        if (i >= end || c < lower || c > upper) {
          cp = 0xfffd;
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
        i++;
      }
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      chunk.push(cp);
    }
    if (chunk.length > 4096) {
      out += String.fromCharCode.apply(null, chunk);
      chunk = [];
    }
  }
  return out + String.fromCharCode.apply(null, chunk);
}

function base64Decode(str) {
  var out = [];
  var acc = 0;
  var bits = 0;
  for (var i = 0; i < str.length; i++) {
    var ch = str[i];
    if (ch === '=') break;
    var v = B64_LOOKUP[ch];
    if (v === undefined) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function base64Encode(bytes, start, end, url) {
  var alpha = url ? B64URL : B64;
  var out = '';
  for (var i = start; i < end; i += 3) {
    var left = end - i;
    var n = (bytes[i] << 16) | ((left > 1 ? bytes[i + 1] : 0) << 8) | (left > 2 ? bytes[i + 2] : 0);
    out += alpha[(n >> 18) & 63] + alpha[(n >> 12) & 63];
    out += left > 1 ? alpha[(n >> 6) & 63] : url ? '' : '=';
    out += left > 2 ? alpha[n & 63] : url ? '' : '=';
  }
  return out;
}

function hexDecode(str) {
  var out = [];
  for (var i = 0; i + 1 < str.length; i += 2) {
    var pair = str.substr(i, 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
    out.push(parseInt(pair, 16));
  }
  return out;
}

function encodeString(str, enc) {
  switch (checkEncoding(enc)) {
    case 'utf8': return utf8Encode(str);
    case 'hex': return hexDecode(str);
    case 'base64': case 'base64url': return base64Decode(str);
    case 'latin1': case 'ascii': {
      var out = new Array(str.length);
      for (var i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 0xff;
      return out;
    }
    case 'utf16le': {
      var u = [];
      for (var j = 0; j < str.length; j++) {
        var c = str.charCodeAt(j);
        u.push(c & 0xff, c >> 8);
      }
      return u;
    }
  }
  return [];
}

function decodeBytes(bytes, enc, start, end) {
  var i;
  var out = '';
  switch (checkEncoding(enc)) {
    case 'utf8': return utf8Decode(bytes, start, end);
    case 'hex':
      for (i = start; i < end; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      return out;
    case 'base64': return base64Encode(bytes, start, end, false);
    case 'base64url': return base64Encode(bytes, start, end, true);
    case 'latin1':
      for (i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
      return out;
    case 'ascii':
      for (i = start; i < end; i++) out += String.fromCharCode(bytes[i] & 0x7f);
      return out;
    case 'utf16le':
      for (i = start; i + 1 < end; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return out;
  }
  return out;
}

function isArrayBuffer(v) {
  return v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

class Buffer extends Uint8Array {
  // Also accepts the deprecated `new Buffer(string|array, encoding)` forms.
  constructor(arg, encOrOffset, length) {
    if (typeof arg === 'string') {
      var bytes = encodeString(arg, encOrOffset);
      super(bytes.length);
      this.set(bytes);
    } else if (typeof arg === 'number' || isArrayBuffer(arg)) {
      if (length === undefined) {
        if (encOrOffset === undefined) super(arg);
        else super(arg, encOrOffset);
      } else {
        super(arg, encOrOffset, length);
      }
    } else if (arg && typeof arg === 'object') {
      var src = arg.type === 'Buffer' && Array.isArray(arg.data) ? arg.data : arg;
      var n = src.length >>> 0;
      super(n);
      for (var i = 0; i < n; i++) this[i] = src[i] & 0xff;
    } else {
      super(0);
    }
  }

  static from(value, encOrOffset, length) {
    if (typeof value === 'string') return new Buffer(value, encOrOffset);
    if (isArrayBuffer(value)) {
      var off = encOrOffset === undefined ? 0 : +encOrOffset;
      var len = length === undefined ? value.byteLength - off : +length;
      return new Buffer(value, off, len);
    }
    if (value instanceof Uint8Array || ArrayBuffer.isView(value)) {
      var copy = new Buffer(value.length);
      for (var i = 0; i < value.length; i++) copy[i] = value[i] & 0xff;
      return copy;
    }
    if (value && typeof value === 'object') {
      if (typeof value.valueOf === 'function') {
        var prim = value.valueOf();
        if (prim !== value && (typeof prim === 'string' || isArrayBuffer(prim) || ArrayBuffer.isView(prim))) return Buffer.from(prim, encOrOffset, length);
      }
      if (value.length !== undefined || (value.type === 'Buffer' && Array.isArray(value.data))) return new Buffer(value);
    }
    throw new TypeError('The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.');
  }

  static alloc(size, fill, encoding) {
    var b = new Buffer(checkSize(size));
    if (fill !== undefined && fill !== 0) b.fill(fill, 0, b.length, encoding);
    return b;
  }

  static allocUnsafe(size) { return new Buffer(checkSize(size)); }
  static allocUnsafeSlow(size) { return new Buffer(checkSize(size)); }

  static isBuffer(v) { return v instanceof Buffer; }

  static isEncoding(enc) { return typeof enc === 'string' && normEncoding(enc) !== null; }

  static byteLength(value, enc) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || isArrayBuffer(value)) return value.byteLength;
      throw new TypeError('The "string" argument must be of type string or an instance of Buffer or ArrayBuffer.');
    }
    var e = normEncoding(enc) || 'utf8';
    if (e === 'base64' || e === 'base64url') {
      var n = value.length;
      while (n > 0 && value[n - 1] === '=') n--;
      return (n * 3) >>> 2;
    }
    if (e === 'hex') return value.length >>> 1;
    if (e === 'latin1' || e === 'ascii') return value.length;
    if (e === 'utf16le') return value.length * 2;
    return utf8Encode(value).length;
  }

  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw new TypeError('The "list" argument must be an instance of Array.');
    if (totalLength === undefined) {
      totalLength = 0;
      for (var i = 0; i < list.length; i++) totalLength += list[i].length;
    }
    var out = Buffer.alloc(totalLength);
    var pos = 0;
    for (var j = 0; j < list.length && pos < totalLength; j++) {
      var item = list[j];
      if (!(item instanceof Uint8Array)) throw new TypeError('The "list" argument must contain only Buffer or Uint8Array instances.');
      var take = Math.min(item.length, totalLength - pos);
      out.set(take === item.length ? item : item.subarray(0, take), pos);
      pos += take;
    }
    return out;
  }

  static compare(a, b) { return compareBytes(a, 0, a.length, b, 0, b.length); }

  get parent() { return this.buffer; }
  get offset() { return this.byteOffset; }

  toString(encoding, start, end) {
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return '';
    return decodeBytes(this, encoding, start, end);
  }

  toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); }

  toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }

  equals(other) {
    if (!(other instanceof Uint8Array)) throw new TypeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array.');
    return compareBytes(this, 0, this.length, other, 0, other.length) === 0;
  }

  compare(target, tStart, tEnd, sStart, sEnd) {
    return compareBytes(this, sStart || 0, sEnd === undefined ? this.length : sEnd, target, tStart || 0, tEnd === undefined ? target.length : tEnd);
  }

  slice(start, end) { return this.subarray(start, end); }

  write(string, offset, length, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = undefined;
    } else if (typeof length === 'string') {
      encoding = length;
      length = undefined;
    }
    offset = offset === undefined ? 0 : offset >>> 0;
    var bytes = encodeString(String(string), encoding);
    var n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length >>> 0);
    for (var i = 0; i < n; i++) this[offset + i] = bytes[i];
    return n;
  }

  copy(target, targetStart, sourceStart, sourceEnd) {
    targetStart = targetStart || 0;
    sourceStart = sourceStart || 0;
    sourceEnd = sourceEnd === undefined ? this.length : Math.min(sourceEnd, this.length);
    var n = Math.max(0, Math.min(sourceEnd - sourceStart, target.length - targetStart));
    target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  }

  fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = this.length;
    }
    offset = offset === undefined ? 0 : offset;
    end = end === undefined ? this.length : end;
    if (typeof value === 'number') return Uint8Array.prototype.fill.call(this, value & 0xff, offset, end);
    var bytes = typeof value === 'string' ? encodeString(value, encoding) : Array.prototype.slice.call(value);
    if (!bytes.length) return Uint8Array.prototype.fill.call(this, 0, offset, end);
    for (var i = offset, j = 0; i < end; i++, j++) this[i] = bytes[j % bytes.length];
    return this;
  }

  indexOf(value, byteOffset, encoding) { return bufferIndexOf(this, value, byteOffset, encoding, true); }
  lastIndexOf(value, byteOffset, encoding) { return bufferIndexOf(this, value, byteOffset, encoding, false); }
  includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }

  swap16() { return swap(this, 2); }
  swap32() { return swap(this, 4); }
  swap64() { return swap(this, 8); }

  inspect() {
    var hex = [];
    for (var i = 0; i < Math.min(this.length, 50); i++) hex.push((this[i] < 16 ? '0' : '') + this[i].toString(16));
    return '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') + (this.length > 50 ? ' ... ' + (this.length - 50) + ' more bytes' : '') + '>';
  }
}

function checkSize(size) {
  if (typeof size !== 'number' || size < 0 || size !== size) throw new RangeError('The argument "size" is invalid. Received ' + size);
  return Math.floor(size);
}

function compareBytes(a, as, ae, b, bs, be) {
  var n = Math.min(ae - as, be - bs);
  for (var i = 0; i < n; i++) {
    if (a[as + i] !== b[bs + i]) return a[as + i] < b[bs + i] ? -1 : 1;
  }
  var la = ae - as;
  var lb = be - bs;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function swap(buf, size) {
  if (buf.length % size) throw new RangeError('Buffer size must be a multiple of ' + size * 8 + '-bits');
  for (var i = 0; i < buf.length; i += size) {
    for (var j = 0; j < size / 2; j++) {
      var t = buf[i + j];
      buf[i + j] = buf[i + size - 1 - j];
      buf[i + size - 1 - j] = t;
    }
  }
  return buf;
}

function bufferIndexOf(buf, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  var needle;
  if (typeof value === 'number') needle = [value & 0xff];
  else if (typeof value === 'string') needle = encodeString(value, encoding);
  else needle = Array.prototype.slice.call(value);
  var n = buf.length;
  var start;
  if (forward) {
    start = byteOffset === undefined ? 0 : byteOffset | 0;
    if (start < 0) start = Math.max(n + start, 0);
    if (!needle.length) return Math.min(start, n);
    for (var i = start; i <= n - needle.length; i++) if (matchAt(buf, needle, i)) return i;
  } else {
    start = byteOffset === undefined ? n - needle.length : byteOffset | 0;
    if (start < 0) start = n + start;
    if (!needle.length) return Math.min(start, n);
    for (var j = Math.min(start, n - needle.length); j >= 0; j--) if (matchAt(buf, needle, j)) return j;
  }
  return -1;
}

function matchAt(buf, needle, at) {
  for (var k = 0; k < needle.length; k++) if (buf[at + k] !== needle[k]) return false;
  return true;
}

// Fixed-width integer and float accessors (readUInt8, writeInt32BE, ...).
function view(buf) { return new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }
function checkOffset(buf, offset, size) {
  offset = offset === undefined ? 0 : offset;
  if (offset !== (offset | 0) || offset < 0 || offset + size > buf.length) {
    throw new RangeError('The value of "offset" is out of range. It must be >= 0 and <= ' + (buf.length - size) + '. Received ' + offset);
  }
  return offset;
}
[
  ['UInt8', 'Uint8', 1], ['Int8', 'Int8', 1], ['UInt16', 'Uint16', 2], ['Int16', 'Int16', 2],
  ['UInt32', 'Uint32', 4], ['Int32', 'Int32', 4], ['Float', 'Float32', 4], ['Double', 'Float64', 8],
  ['BigUInt64', 'BigUint64', 8], ['BigInt64', 'BigInt64', 8]
].forEach(function (spec) {
  var name = spec[0];
  var dv = spec[1];
  var size = spec[2];
  var ends = size === 1 ? [''] : ['LE', 'BE'];
  ends.forEach(function (end) {
    var little = end === 'LE';
    Buffer.prototype['read' + name + end] = function (offset) {
      return view(this)['get' + dv](checkOffset(this, offset, size), little);
    };
    Buffer.prototype['write' + name + end] = function (value, offset) {
      offset = checkOffset(this, offset, size);
      view(this)['set' + dv](offset, value, little);
      return offset + size;
    };
    if (name.indexOf('UInt') === 0 || name.indexOf('BigUInt') === 0) {
      var alias = name.replace('UInt', 'Uint');
      Buffer.prototype['read' + alias + end] = Buffer.prototype['read' + name + end];
      Buffer.prototype['write' + alias + end] = Buffer.prototype['write' + name + end];
    }
  });
});

Buffer.poolSize = 8192;

function btoa(input) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  var s = String(input);
  var bytes = new Array(s.length);
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c > 0xff) throw invalidChar();
    bytes[i] = c;
  }
  return base64Encode(bytes, 0, bytes.length, false);
}

function atob(input) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  var s = String(input).replace(/[\t\n\f\r ]/g, '');
  if (s.length % 4 === 0) s = s.replace(/==?$/, '');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw invalidChar();
  var bytes = base64Decode(s);
  var out = '';
  for (var i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

function invalidChar() {
  var e = new Error('Invalid character');
  e.name = 'InvalidCharacterError';
  e.code = 5;
  return e;
}

module.exports = {
  Buffer: Buffer,
  atob: atob,
  btoa: btoa,
  kMaxLength: 0x7fffffff,
  constants: { MAX_LENGTH: 0x7fffffff, MAX_STRING_LENGTH: 0x1fffffe8 },
  SlowBuffer: Buffer
};
