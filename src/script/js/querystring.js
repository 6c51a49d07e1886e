// Node's `querystring` module for collection scripts. Written for postie.
'use strict';

function percentDecodeBytes(s) {
  var bytes = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length + 0 && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) {
      bytes.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      var enc = unescape(encodeURIComponent(s[i] + (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? s[++i] : '')));
      for (var k = 0; k < enc.length; k++) bytes.push(enc.charCodeAt(k));
    }
  }
  return bytes;
}

// Like decodeURIComponent, but malformed sequences become U+FFFD instead
// of throwing (Node's unescapeBuffer + utf8 decoding).
function qsUnescape(s) {
  s = String(s);
  try {
    return decodeURIComponent(s);
  } catch (e) {
    var Buffer = require('buffer').Buffer;
    return Buffer.from(percentDecodeBytes(s)).toString('utf8');
  }
}

function qsEscape(s) {
  if (typeof s !== 'string') {
    if (typeof s === 'object') s = String(s);
    else s += '';
  }
  return encodeURIComponent(s);
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  var encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : module.exports.escape;
  if (obj === null || typeof obj !== 'object') return '';
  var keys = Object.keys(obj);
  var out = [];
  for (var i = 0; i < keys.length; i++) {
    var k = keys[i];
    var v = obj[k];
    var ks = encode(stringifyPrimitive(k)) + eq;
    if (Array.isArray(v)) {
      for (var j = 0; j < v.length; j++) out.push(ks + encode(stringifyPrimitive(v[j])));
    } else {
      out.push(ks + encode(stringifyPrimitive(v)));
    }
  }
  return out.join(sep);
}

function parse(qs, sep, eq, options) {
  var obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep || '&';
  eq = eq || '=';
  var maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  var decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : module.exports.unescape;
  var parts = qs.split(sep);
  if (maxKeys > 0 && parts.length > maxKeys) parts = parts.slice(0, maxKeys);
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (!part && parts.length > 1) continue;
    var idx = part.indexOf(eq);
    var k;
    var v;
    if (idx >= 0) {
      k = part.slice(0, idx);
      v = part.slice(idx + eq.length);
    } else {
      k = part;
      v = '';
    }
    k = safeDecode(k.replace(/\+/g, ' '), decode);
    v = safeDecode(v.replace(/\+/g, ' '), decode);
    if (!(k in obj)) obj[k] = v;
    else if (Array.isArray(obj[k])) obj[k].push(v);
    else obj[k] = [obj[k], v];
  }
  return obj;
}

function safeDecode(s, decode) {
  try {
    return decode(s);
  } catch (e) {
    return qsUnescape(s);
  }
}

module.exports = {
  parse: parse,
  decode: parse,
  stringify: stringify,
  encode: stringify,
  escape: qsEscape,
  unescape: qsUnescape,
  unescapeBuffer: function (s) {
    var Buffer = require('buffer').Buffer;
    return Buffer.from(percentDecodeBytes(String(s)));
  }
};
