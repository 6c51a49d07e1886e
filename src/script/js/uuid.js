// uuid module for collection scripts. Written for postie. The export is
// callable (`require('uuid')()` is a v4 id, as with the uuid 3 package the
// Postman sandbox shipped) and carries v1, v4, validate, version, parse,
// stringify, NIL and MAX. Randomness comes from `__native.randomHex`.
'use strict';

// `__native` is a parameter of the module wrapper, not a global scripts can reach.
var N = __native;

var UUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

function randomBytes(n) {
  var hex = N.randomHex(n);
  var out = new Array(n);
  for (var i = 0; i < n; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function hex2(b) { return (b < 16 ? '0' : '') + b.toString(16); }

function stringify(bytes, offset) {
  offset = offset || 0;
  var h = [];
  for (var i = 0; i < 16; i++) h.push(hex2(bytes[offset + i] & 0xff));
  var s = h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' + h.slice(6, 8).join('') + '-' + h.slice(8, 10).join('') + '-' + h.slice(10).join('');
  if (!validate(s)) throw new TypeError('Stringified UUID is invalid');
  return s;
}

function parse(uuid) {
  if (!validate(uuid)) throw new TypeError('Invalid UUID');
  var hex = uuid.replace(/-/g, '');
  var out = new Array(16);
  for (var i = 0; i < 16; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function output(bytes, buf, offset) {
  if (buf) {
    offset = offset || 0;
    for (var i = 0; i < 16; i++) buf[offset + i] = bytes[i];
    return buf;
  }
  return stringify(bytes);
}

function v4(options, buf, offset) {
  if (typeof options === 'string') {
    // uuid 3: v4('binary') returned bytes.
    buf = options === 'binary' ? new Array(16) : null;
    options = null;
  }
  options = options || {};
  var rnds = options.random || (options.rng ? options.rng() : randomBytes(16));
  rnds = Array.prototype.slice.call(rnds, 0, 16);
  rnds[6] = (rnds[6] & 0x0f) | 0x40;
  rnds[8] = (rnds[8] & 0x3f) | 0x80;
  return output(rnds, buf, offset);
}

// v1 state: a random node id (multicast bit set) and clock sequence, and the
// last timestamp so ids made in the same millisecond stay ordered.
var nodeId = null;
var clockseq = null;
var lastMSecs = 0;
var lastNSecs = 0;

function v1(options, buf, offset) {
  options = options || {};
  if (nodeId === null || clockseq === null) {
    var seed = randomBytes(16);
    if (nodeId === null) nodeId = [seed[0] | 0x01, seed[1], seed[2], seed[3], seed[4], seed[5]];
    if (clockseq === null) clockseq = ((seed[6] << 8) | seed[7]) & 0x3fff;
  }
  var node = options.node || nodeId;
  var cseq = options.clockseq !== undefined ? options.clockseq : clockseq;
  var msecs = options.msecs !== undefined ? +options.msecs : Date.now();
  var nsecs = options.nsecs !== undefined ? options.nsecs : lastNSecs + 1;
  var dt = msecs - lastMSecs + (nsecs - lastNSecs) / 10000;
  if (dt < 0 && options.clockseq === undefined) cseq = (cseq + 1) & 0x3fff;
  if ((dt < 0 || msecs > lastMSecs) && options.nsecs === undefined) nsecs = 0;
  if (nsecs >= 10000) throw new Error("uuid.v1(): Can't create more than 10M uuids/sec");
  lastMSecs = msecs;
  lastNSecs = nsecs;
  clockseq = cseq;

  // Gregorian epoch (1582-10-15) in 100 ns intervals.
  msecs += 12219292800000;
  var b = new Array(16);
  var tl = ((msecs & 0xfffffff) * 10000 + nsecs) % 0x100000000;
  b[0] = (tl >>> 24) & 0xff;
  b[1] = (tl >>> 16) & 0xff;
  b[2] = (tl >>> 8) & 0xff;
  b[3] = tl & 0xff;
  var tmh = ((msecs / 0x100000000) * 10000) & 0xfffffff;
  b[4] = (tmh >>> 8) & 0xff;
  b[5] = tmh & 0xff;
  b[6] = ((tmh >>> 24) & 0xf) | 0x10;
  b[7] = (tmh >>> 16) & 0xff;
  b[8] = (cseq >>> 8) | 0x80;
  b[9] = cseq & 0xff;
  for (var i = 0; i < 6; i++) b[10 + i] = node[i];
  return output(b, buf, offset);
}

function validate(uuid) { return typeof uuid === 'string' && UUID_RE.test(uuid); }

function version(uuid) {
  if (!validate(uuid)) throw new TypeError('Invalid UUID');
  return parseInt(uuid.substr(14, 1), 16);
}

var uuid = function (options, buf, offset) { return v4(options, buf, offset); };
uuid.v1 = v1;
uuid.v4 = v4;
uuid.validate = validate;
uuid.version = version;
uuid.parse = parse;
uuid.stringify = stringify;
uuid.NIL = '00000000-0000-0000-0000-000000000000';
uuid.MAX = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

module.exports = uuid;
