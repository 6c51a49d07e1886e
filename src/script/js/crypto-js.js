// crypto-js compatible surface for collection scripts (module `crypto-js`,
// legacy global `CryptoJS`). Written for postie; hashing, HMAC, PBKDF2 and
// the AES block work are done by the host through `__native` (hex in, hex
// out). Word arrays, encoders, paddings, the OpenSSL passphrase scheme and
// the cipher-params formats are implemented here.
'use strict';

// `__native` is a parameter of the module wrapper, not a global scripts can reach.
var N = __native;

// ---------------------------------------------------------------- WordArray

function WordArray(words, sigBytes) {
  if (!(this instanceof WordArray)) return new WordArray(words, sigBytes);
  this.words = words || [];
  this.sigBytes = sigBytes !== undefined ? sigBytes : this.words.length * 4;
}

WordArray.create = function (words, sigBytes) {
  if (words && typeof words === 'object' && !Array.isArray(words)) {
    // ArrayBuffer / typed array input (crypto-js lib-typedarrays).
    var bytes = null;
    if (typeof ArrayBuffer !== 'undefined' && words instanceof ArrayBuffer) {
      bytes = new Uint8Array(words);
    } else if (typeof ArrayBuffer !== 'undefined' && ArrayBuffer.isView && ArrayBuffer.isView(words)) {
      bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    }
    if (bytes) return bytesToWa(bytes);
  }
  return new WordArray(words, sigBytes);
};

WordArray.random = function (nBytes) {
  return hexToWa(N.randomHex(nBytes));
};

WordArray.prototype = {
  constructor: WordArray,
  toString: function (encoder) {
    return (encoder || Hex).stringify(this);
  },
  concat: function (wordArray) {
    var thisWords = this.words;
    var thatWords = wordArray.words;
    var thisSig = this.sigBytes;
    var thatSig = wordArray.sigBytes;
    this.clamp();
    var i;
    if (thisSig % 4) {
      for (i = 0; i < thatSig; i++) {
        var b = (thatWords[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
        thisWords[(thisSig + i) >>> 2] |= b << (24 - ((thisSig + i) % 4) * 8);
      }
    } else {
      for (i = 0; i < thatSig; i += 4) thisWords[(thisSig + i) >>> 2] = thatWords[i >>> 2];
    }
    this.sigBytes += thatSig;
    return this;
  },
  clamp: function () {
    var words = this.words;
    var sig = this.sigBytes;
    words[sig >>> 2] &= 0xffffffff << (32 - (sig % 4) * 8);
    words.length = Math.ceil(sig / 4);
  },
  clone: function () {
    return new WordArray(this.words.slice(0), this.sigBytes);
  }
};

function hexToWa(hex) {
  var words = [];
  var len = hex.length;
  for (var i = 0; i < len; i += 2) {
    words[i >>> 3] |= parseInt(hex.substr(i, 2), 16) << (24 - (i % 8) * 4);
  }
  return new WordArray(words, len / 2);
}

function waToHex(wa) {
  var words = wa.words;
  var n = wa.sigBytes;
  var out = '';
  for (var i = 0; i < n; i++) {
    var b = (words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
    out += (b < 16 ? '0' : '') + b.toString(16);
  }
  return out;
}

function bytesToWa(bytes) {
  var words = [];
  for (var i = 0; i < bytes.length; i++) words[i >>> 2] |= bytes[i] << (24 - (i % 4) * 8);
  return new WordArray(words, bytes.length);
}

function waToBytes(wa) {
  var out = [];
  for (var i = 0; i < wa.sigBytes; i++) out.push((wa.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff);
  return out;
}

// ---------------------------------------------------------------- encoders

var Hex = {
  stringify: waToHex,
  parse: hexToWa
};

var Latin1 = {
  stringify: function (wa) {
    var out = '';
    for (var i = 0; i < wa.sigBytes; i++) {
      out += String.fromCharCode((wa.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff);
    }
    return out;
  },
  parse: function (str) {
    var words = [];
    for (var i = 0; i < str.length; i++) words[i >>> 2] |= (str.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
    return new WordArray(words, str.length);
  }
};

var Utf8 = {
  stringify: function (wa) {
    var bytes = waToBytes(wa);
    var out = '';
    var i = 0;
    while (i < bytes.length) {
      var b = bytes[i];
      var cp;
      var extra;
      if (b < 0x80) {
        cp = b;
        extra = 0;
      } else if (b >= 0xc2 && b < 0xe0) {
        cp = b & 0x1f;
        extra = 1;
      } else if (b >= 0xe0 && b < 0xf0) {
        cp = b & 0x0f;
        extra = 2;
      } else if (b >= 0xf0 && b < 0xf5) {
        cp = b & 0x07;
        extra = 3;
      } else {
        throw new Error('Malformed UTF-8 data');
      }
      if (extra && i + extra >= bytes.length) throw new Error('Malformed UTF-8 data');
      for (var k = 1; k <= extra; k++) {
        var c = bytes[i + k];
        if ((c & 0xc0) !== 0x80) throw new Error('Malformed UTF-8 data');
        cp = (cp << 6) | (c & 0x3f);
      }
      if ((extra === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (extra === 3 && (cp < 0x10000 || cp > 0x10ffff))) {
        throw new Error('Malformed UTF-8 data');
      }
      i += extra + 1;
      out += String.fromCodePoint(cp);
    }
    return out;
  },
  parse: function (str) {
    return bytesToWa(utf8Bytes(String(str)));
  }
};

function utf8Bytes(str) {
  var out = [];
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      var d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function utf16(littleEndian) {
  return {
    stringify: function (wa) {
      var bytes = waToBytes(wa);
      var out = '';
      for (var i = 0; i + 1 < bytes.length; i += 2) {
        out += String.fromCharCode(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
      }
      return out;
    },
    parse: function (str) {
      var bytes = [];
      for (var i = 0; i < str.length; i++) {
        var c = str.charCodeAt(i);
        if (littleEndian) bytes.push(c & 0xff, c >>> 8);
        else bytes.push(c >>> 8, c & 0xff);
      }
      return bytesToWa(bytes);
    }
  };
}

var B64_STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64_URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function b64Encode(bytes, alphabet, pad) {
  var out = '';
  for (var i = 0; i < bytes.length; i += 3) {
    var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    var left = bytes.length - i;
    out += alphabet[(n >>> 18) & 63] + alphabet[(n >>> 12) & 63];
    out += left > 1 ? alphabet[(n >>> 6) & 63] : pad ? '=' : '';
    out += left > 2 ? alphabet[n & 63] : pad ? '=' : '';
  }
  return out;
}

function b64Decode(str) {
  var bytes = [];
  var acc = 0;
  var bits = 0;
  for (var i = 0; i < str.length; i++) {
    var ch = str[i];
    if (ch === '=') break;
    var v = B64_STD.indexOf(ch);
    if (v < 0) {
      if (ch === '-') v = 62;
      else if (ch === '_') v = 63;
      else continue;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >>> bits) & 0xff);
    }
  }
  return bytes;
}

var Base64 = {
  stringify: function (wa) {
    return b64Encode(waToBytes(wa), B64_STD, true);
  },
  parse: function (str) {
    return bytesToWa(b64Decode(String(str)));
  }
};

var Base64url = {
  stringify: function (wa, urlSafe) {
    return urlSafe === false ? Base64.stringify(wa) : b64Encode(waToBytes(wa), B64_URL, false);
  },
  parse: function (str) {
    return bytesToWa(b64Decode(String(str)));
  }
};

var enc = {
  Hex: Hex,
  Latin1: Latin1,
  Utf8: Utf8,
  Utf16: utf16(false),
  Utf16BE: utf16(false),
  Utf16LE: utf16(true),
  Base64: Base64,
  Base64url: Base64url
};

function toWa(data) {
  if (data instanceof WordArray) return data;
  if (data && typeof data === 'object' && Array.isArray(data.words)) return new WordArray(data.words, data.sigBytes);
  if (data === undefined || data === null) return new WordArray([], 0);
  return Utf8.parse(String(data));
}

// ---------------------------------------------------------------- hashers

function Hasher(alg) {
  this._alg = alg;
  this.reset();
}
Hasher.prototype = {
  reset: function () {
    this._data = new WordArray([], 0);
    return this;
  },
  update: function (msg) {
    this._data.concat(toWa(msg));
    return this;
  },
  finalize: function (msg) {
    if (msg !== undefined) this.update(msg);
    var out = hexToWa(N.digest(this._alg, waToHex(this._data)));
    this.reset();
    return out;
  },
  clone: function () {
    var h = new Hasher(this._alg);
    h._data = this._data.clone();
    return h;
  }
};

function hasherAlgo(alg, blockSize) {
  return {
    _alg: alg,
    blockSize: blockSize,
    create: function () {
      return new Hasher(alg);
    }
  };
}

function HmacInstance(alg, key) {
  this._alg = alg;
  this._key = toWa(key);
  this.reset();
}
HmacInstance.prototype = {
  reset: function () {
    this._data = new WordArray([], 0);
    return this;
  },
  update: function (msg) {
    this._data.concat(toWa(msg));
    return this;
  },
  finalize: function (msg) {
    if (msg !== undefined) this.update(msg);
    var out = hexToWa(N.hmac(this._alg, waToHex(this._key), waToHex(this._data)));
    this.reset();
    return out;
  }
};

var algo = {
  MD5: hasherAlgo('md5', 16),
  SHA1: hasherAlgo('sha1', 16),
  SHA224: hasherAlgo('sha224', 16),
  SHA256: hasherAlgo('sha256', 16),
  SHA384: hasherAlgo('sha384', 32),
  SHA512: hasherAlgo('sha512', 32),
  HMAC: {
    create: function (hasher, key) {
      return new HmacInstance(algName(hasher), key);
    }
  }
};

function algName(hasher) {
  if (!hasher) return 'sha1';
  if (typeof hasher === 'string') return hasher.toLowerCase().replace('-', '');
  if (hasher._alg) return hasher._alg;
  throw new Error('Unsupported hasher');
}

var C = {
  lib: {},
  enc: enc,
  algo: algo,
  mode: {},
  pad: {},
  format: {},
  kdf: {}
};

['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'].forEach(function (name) {
  var alg = algo[name]._alg;
  C[name] = function (message) {
    return hexToWa(N.digest(alg, waToHex(toWa(message))));
  };
  C['Hmac' + name] = function (message, key) {
    return hexToWa(N.hmac(alg, waToHex(toWa(key)), waToHex(toWa(message))));
  };
});

// ---------------------------------------------------------------- KDFs

// PBKDF2 defaults follow crypto-js up to 4.1 (HMAC-SHA1, one iteration,
// 128-bit key); crypto-js 4.2 changed them to SHA256 / 250000.
var PBKDF2_DEFAULTS = { keySize: 128 / 32, hasher: 'sha1', iterations: 1 };

C.PBKDF2 = function (password, salt, cfg) {
  cfg = cfg || {};
  var keySize = cfg.keySize !== undefined ? cfg.keySize : PBKDF2_DEFAULTS.keySize;
  var iterations = cfg.iterations !== undefined ? cfg.iterations : PBKDF2_DEFAULTS.iterations;
  var alg = cfg.hasher ? algName(cfg.hasher) : PBKDF2_DEFAULTS.hasher;
  var hex = N.pbkdf2(alg, waToHex(toWa(password)), waToHex(toWa(salt)), iterations, keySize * 4);
  return hexToWa(hex);
};
algo.PBKDF2 = {
  create: function (cfg) {
    return {
      compute: function (password, salt) {
        return C.PBKDF2(password, salt, cfg);
      }
    };
  }
};

// OpenSSL's EVP_BytesToKey.
C.EvpKDF = function (password, salt, cfg) {
  cfg = cfg || {};
  var keySize = cfg.keySize !== undefined ? cfg.keySize : 128 / 32;
  var iterations = cfg.iterations || 1;
  var alg = cfg.hasher ? algName(cfg.hasher) : 'md5';
  var pw = waToHex(toWa(password));
  var s = salt ? waToHex(toWa(salt)) : '';
  var out = '';
  var block = '';
  while (out.length < keySize * 8) {
    block = N.digest(alg, block + pw + s);
    for (var i = 1; i < iterations; i++) block = N.digest(alg, block);
    out += block;
  }
  var wa = hexToWa(out);
  wa.sigBytes = keySize * 4;
  wa.clamp();
  return wa;
};
algo.EvpKDF = {
  create: function (cfg) {
    return {
      compute: function (password, salt) {
        return C.EvpKDF(password, salt, cfg);
      }
    };
  }
};

// ---------------------------------------------------------------- ciphers

function CipherParams(cfg) {
  if (!(this instanceof CipherParams)) return new CipherParams(cfg);
  if (cfg) for (var k in cfg) if (Object.prototype.hasOwnProperty.call(cfg, k)) this[k] = cfg[k];
}
CipherParams.create = function (cfg) {
  return new CipherParams(cfg);
};
CipherParams.prototype.toString = function (formatter) {
  return (formatter || this.formatter || OpenSSLFormat).stringify(this);
};

var SALTED = [0x53616c74, 0x65645f5f]; // "Salted__"

var OpenSSLFormat = {
  stringify: function (cp) {
    var ct = cp.ciphertext;
    var wa = cp.salt ? new WordArray(SALTED.slice(0), 8).concat(cp.salt).concat(ct) : ct;
    return Base64.stringify(wa);
  },
  parse: function (str) {
    var ct = Base64.parse(str);
    var salt;
    if (ct.words[0] === SALTED[0] && ct.words[1] === SALTED[1]) {
      salt = new WordArray(ct.words.slice(2, 4), 8);
      ct.words.splice(0, 4);
      ct.sigBytes -= 16;
    }
    return CipherParams.create({ ciphertext: ct, salt: salt });
  }
};

var HexFormat = {
  stringify: function (cp) {
    return waToHex(cp.ciphertext);
  },
  parse: function (str) {
    return CipherParams.create({ ciphertext: hexToWa(str) });
  }
};

C.format.OpenSSL = OpenSSLFormat;
C.format.Hex = HexFormat;

C.kdf.OpenSSL = {
  execute: function (password, keySize, ivSize, salt, hasher) {
    if (!salt) salt = WordArray.random(64 / 8);
    var derived = C.EvpKDF(password, salt, { keySize: keySize + ivSize, hasher: hasher });
    var iv = new WordArray(derived.words.slice(keySize), ivSize * 4);
    derived.sigBytes = keySize * 4;
    derived.clamp();
    return CipherParams.create({ key: derived, iv: iv, salt: salt });
  }
};

// Paddings operate on a WordArray in place, like crypto-js.
function padWith(fn) {
  return {
    pad: function (data, blockSize) {
      var blockBytes = blockSize * 4;
      var n = blockBytes - (data.sigBytes % blockBytes);
      data.clamp();
      data.concat(bytesToWa(fn(n)));
    },
    unpad: function (data) {
      var n = data.words[(data.sigBytes - 1) >>> 2] & 0xff;
      data.sigBytes -= n;
    }
  };
}

C.pad.Pkcs7 = padWith(function (n) {
  var a = [];
  for (var i = 0; i < n; i++) a.push(n);
  return a;
});
C.pad.AnsiX923 = padWith(function (n) {
  var a = [];
  for (var i = 0; i < n - 1; i++) a.push(0);
  a.push(n);
  return a;
});
C.pad.Iso10126 = padWith(function (n) {
  var a = waToBytes(WordArray.random(n - 1));
  a.push(n);
  return a;
});
C.pad.Iso97971 = {
  pad: function (data, blockSize) {
    data.concat(new WordArray([0x80000000], 1));
    C.pad.ZeroPadding.pad(data, blockSize);
  },
  unpad: function (data) {
    C.pad.ZeroPadding.unpad(data);
    data.sigBytes--;
  }
};
C.pad.ZeroPadding = {
  pad: function (data, blockSize) {
    var blockBytes = blockSize * 4;
    data.clamp();
    var n = (blockBytes - (data.sigBytes % blockBytes)) % blockBytes;
    if (n) data.concat(bytesToWa(new Array(n).fill(0)));
  },
  unpad: function (data) {
    var i = data.sigBytes - 1;
    while (i >= 0 && !((data.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff)) i--;
    data.sigBytes = i + 1;
  }
};
C.pad.NoPadding = { pad: function () {}, unpad: function () {} };
C.pad.Pkcs5 = C.pad.Pkcs7;

C.mode.CBC = { _name: 'cbc' };
C.mode.ECB = { _name: 'ecb' };
C.mode.CTR = { _name: 'ctr' };
C.mode.CFB = { _name: 'cfb' };
C.mode.OFB = { _name: 'ofb' };

function xorHex(a, b) {
  var out = '';
  for (var i = 0; i < a.length; i += 2) {
    var v = parseInt(a.substr(i, 2), 16) ^ parseInt(b.substr(i, 2), 16);
    out += (v < 16 ? '0' : '') + v.toString(16);
  }
  return out;
}

function incHex(hex) {
  var bytes = waToBytes(hexToWa(hex));
  for (var i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = (bytes[i] + 1) & 0xff;
    if (bytes[i]) break;
  }
  return waToHex(bytesToWa(bytes));
}

var ZERO_IV = '00000000000000000000000000000000';

// Runs the block cipher over already padded data (hex in, hex out).
function aesRun(encrypt, mode, keyHex, ivHex, dataHex) {
  var name = (mode && mode._name) || 'cbc';
  if (name === 'cbc' || name === 'ecb') {
    return N.aes(encrypt, name, keyHex, name === 'cbc' ? ivHex || ZERO_IV : '', dataHex, false);
  }
  // Stream-like modes built from single-block ECB encryptions.
  var out = '';
  var prev = ivHex || ZERO_IV;
  var counter = ivHex || ZERO_IV;
  for (var i = 0; i < dataHex.length; i += 32) {
    var block = dataHex.substr(i, 32);
    var ks;
    if (name === 'ctr') {
      ks = N.aes(true, 'ecb', keyHex, '', counter, false);
      counter = incHex(counter);
    } else {
      ks = N.aes(true, 'ecb', keyHex, '', prev, false);
    }
    var res = xorHex(block, ks.substr(0, block.length));
    if (name === 'cfb') prev = encrypt ? res : block;
    else if (name === 'ofb') prev = ks;
    out += res;
  }
  return out;
}

function cipherCfg(cfg) {
  cfg = cfg || {};
  var mode = cfg.mode || C.mode.CBC;
  var padding = cfg.padding || C.pad.Pkcs7;
  return { mode: mode, padding: padding, iv: cfg.iv, format: cfg.format || OpenSSLFormat, salt: cfg.salt, hasher: cfg.hasher };
}

function blockCipher(keySize, name) {
  var algoObj = { keySize: keySize, ivSize: 4, blockSize: 4, _name: name };
  function encrypt(message, key, cfg) {
    var c = cipherCfg(cfg);
    var iv = c.iv;
    var salt;
    if (typeof key === 'string') {
      var derived = C.kdf.OpenSSL.execute(key, keySize, 4, c.salt ? toWa(c.salt) : undefined, c.hasher);
      key = derived.key;
      iv = derived.iv;
      salt = derived.salt;
    }
    key = toWa(key);
    var data = toWa(message).clone();
    c.padding.pad(data, 4);
    if (data.sigBytes % 16 && c.mode !== C.mode.CTR && c.mode !== C.mode.CFB && c.mode !== C.mode.OFB) {
      throw new Error('data length is not a multiple of the block size; use a padding');
    }
    var ct = aesRun(true, c.mode, waToHex(key), iv ? waToHex(toWa(iv)) : '', waToHex(data));
    return CipherParams.create({
      ciphertext: hexToWa(ct),
      key: key,
      iv: iv ? toWa(iv) : undefined,
      salt: salt,
      algorithm: algoObj,
      mode: c.mode,
      padding: c.padding,
      blockSize: 4,
      formatter: c.format
    });
  }
  function decrypt(ciphertext, key, cfg) {
    var c = cipherCfg(cfg);
    if (typeof ciphertext === 'string') ciphertext = c.format.parse(ciphertext);
    var iv = c.iv;
    if (typeof key === 'string') {
      var derived = C.kdf.OpenSSL.execute(key, keySize, 4, ciphertext.salt, c.hasher);
      key = derived.key;
      iv = derived.iv;
    }
    var ctHex = waToHex(ciphertext.ciphertext);
    var plain = hexToWa(aesRun(false, c.mode, waToHex(toWa(key)), iv ? waToHex(toWa(iv)) : '', ctHex));
    if (plain.sigBytes) c.padding.unpad(plain);
    if (plain.sigBytes < 0) plain.sigBytes = 0;
    return plain;
  }
  return { encrypt: encrypt, decrypt: decrypt, algo: algoObj };
}

var aes = blockCipher(256 / 32, 'AES');
C.AES = { encrypt: aes.encrypt, decrypt: aes.decrypt };
algo.AES = aes.algo;

C.lib.WordArray = WordArray;
C.lib.CipherParams = CipherParams;
C.lib.Base = {
  extend: function (o) {
    var r = Object.create(this);
    if (o) for (var k in o) r[k] = o[k];
    return r;
  }
};
C.lib.Hasher = Hasher;

module.exports = C;
