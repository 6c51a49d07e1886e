// uuid module for collection scripts. Written for postie. Like the uuid 3
// package Postman's sandbox ships, the export is callable
// (`require('uuid')()` is a v4 id) and carries only `v4`. Randomness comes
// from `__native.randomHex`.
'use strict';

// `__native` is a parameter of the module wrapper, not a global scripts can reach.
var N = __native;

function randomBytes(n) {
  var hex = N.randomHex(n);
  var out = new Array(n);
  for (var i = 0; i < n; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function hex2(b) { return (b < 16 ? '0' : '') + b.toString(16); }

function stringify(bytes) {
  var h = [];
  for (var i = 0; i < 16; i++) h.push(hex2(bytes[i] & 0xff));
  return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' + h.slice(6, 8).join('') + '-' +
    h.slice(8, 10).join('') + '-' + h.slice(10).join('');
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
  if (buf) {
    offset = offset || 0;
    for (var i = 0; i < 16; i++) buf[offset + i] = rnds[i];
    return buf;
  }
  return stringify(rnds);
}

var uuid = function (options, buf, offset) { return v4(options, buf, offset); };
uuid.v4 = v4;

module.exports = uuid;
