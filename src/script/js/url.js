// Node's `url` module for collection scripts. Written for postie.
// Legacy API: parse / format / resolve (Node's url.parse field semantics).
// WHATWG API: URL and URLSearchParams (QuickJS has neither). Host names are
// lowercased but not converted to punycode.
'use strict';

var querystring = require('querystring');

// ================================================================ shared

function utf8Bytes(str) {
  var out = [];
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      var d = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function pctByte(b) { return '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase(); }

// Percent-encodes every code point for which `keep(charCode)` is false.
function encodeSet(str, keep) {
  var out = '';
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c < 0x80 && keep(c)) {
      out += str[i];
    } else {
      var ch = str[i];
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        var d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) ch += str[++i];
      }
      var bytes = utf8Bytes(ch);
      for (var k = 0; k < bytes.length; k++) out += pctByte(bytes[k]);
    }
  }
  return out;
}

function percentDecodeToString(s) {
  var bytes = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 37 && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) {
      bytes.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      var ch = s[i];
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ch += s[++i];
      bytes.push.apply(bytes, utf8Bytes(ch));
    }
  }
  return require('buffer').Buffer.from(bytes).toString('utf8');
}

// ================================================================ legacy API

var SLASHED = { 'http:': 1, 'https:': 1, 'ftp:': 1, 'gopher:': 1, 'file:': 1, 'ws:': 1, 'wss:': 1 };
var HOSTLESS = { 'javascript:': 1 };
var AUTO_ESCAPE = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function isWs(c) { return c < 33 || c === 0xa0 || c === 0xfeff; }

Url.prototype.parse = function (url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') throw new TypeError('The "url" argument must be of type string. Received ' + (url === null ? 'null' : typeof url));
  // Trim whitespace and turn backslashes into slashes before any ? or #.
  var start = 0;
  var end = url.length;
  while (start < end && isWs(url.charCodeAt(start))) start++;
  while (end > start && isWs(url.charCodeAt(end - 1))) end--;
  var rest = '';
  var split = false;
  var hasHash = false;
  for (var i = start; i < end; i++) {
    var ch = url[i];
    if (!split) {
      if (ch === '#') {
        hasHash = true;
        split = true;
      } else if (ch === '?') {
        split = true;
      } else if (ch === '\\') {
        rest += '/';
        continue;
      }
    } else if (ch === '#') {
      hasHash = true;
    }
    rest += ch;
  }

  if (!slashesDenoteHost && !hasHash) {
    var simple = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.exec(rest);
    if (simple) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  var proto = /^[a-z0-9.+-]+:/i.exec(rest);
  var lowerProto;
  if (proto) {
    lowerProto = proto[0].toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto[0].length);
  }

  var slashes;
  if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.slice(0, 2) === '//';
    if (slashes && !(proto && HOSTLESS[lowerProto])) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!HOSTLESS[lowerProto] && (slashes || (proto && !SLASHED[lowerProto]))) {
    // The host ends at the first /, ? or #; characters that cannot be in a
    // host end it too.
    var hostEnd = -1;
    var atSign = -1;
    var nonHost = -1;
    for (var j = 0; j < rest.length; j++) {
      var c = rest[j];
      if ('\t\n\r "%\';<>\\^`{|}'.indexOf(c) >= 0) {
        if (nonHost === -1) nonHost = j;
      } else if (c === '#' || c === '/' || c === '?') {
        if (nonHost === -1) nonHost = j;
        hostEnd = j;
      } else if (c === '@') {
        atSign = j;
        nonHost = -1;
      }
      if (hostEnd !== -1) break;
    }
    var hstart = 0;
    if (atSign !== -1) {
      this.auth = safeDecodeURIComponent(rest.slice(0, atSign));
      hstart = atSign + 1;
    }
    if (nonHost === -1) {
      this.host = rest.slice(hstart);
      rest = '';
    } else {
      this.host = rest.slice(hstart, nonHost);
      rest = rest.slice(nonHost);
    }
    this.parseHost();
    if (typeof this.hostname !== 'string') this.hostname = '';
    var hostname = this.hostname;
    var ipv6 = hostname[0] === '[' && hostname[hostname.length - 1] === ']';
    if (!ipv6) {
      for (var k = 0; k < hostname.length; k++) {
        if ('/\\#?:'.indexOf(hostname[k]) >= 0) {
          this.hostname = hostname.slice(0, k);
          rest = '/' + hostname.slice(k) + rest;
          break;
        }
      }
    }
    this.hostname = this.hostname.length > 255 ? '' : this.hostname.toLowerCase();
    this.host = (this.hostname || '') + (this.port ? ':' + this.port : '');
    if (ipv6) {
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== '/') rest = '/' + rest;
    }
  }

  if (!HOSTLESS[lowerProto]) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, function (x) { return AUTO_ESCAPE[x]; });

  var qIdx = -1;
  var hIdx = -1;
  for (var m = 0; m < rest.length; m++) {
    if (rest[m] === '#') {
      this.hash = rest.slice(m);
      hIdx = m;
      break;
    } else if (rest[m] === '?' && qIdx === -1) {
      qIdx = m;
    }
  }
  if (qIdx !== -1) {
    this.search = hIdx === -1 ? rest.slice(qIdx) : rest.slice(qIdx, hIdx);
    this.query = this.search.slice(1);
    if (parseQueryString) this.query = querystring.parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  var first = qIdx !== -1 && (hIdx === -1 || qIdx < hIdx) ? qIdx : hIdx;
  if (first === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (first > 0) {
    this.pathname = rest.slice(0, first);
  }
  if (SLASHED[lowerProto] && this.hostname && !this.pathname) this.pathname = '/';
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

Url.prototype.parseHost = function () {
  var host = this.host;
  var port = /:[0-9]*$/.exec(host);
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

function safeDecodeURIComponent(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return querystring.unescape(s);
  }
}

function encodeAuth(s) {
  return encodeSet(s, function (c) {
    return (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || "!$'()*-._~".indexOf(String.fromCharCode(c)) >= 0;
  });
}

Url.prototype.format = function () {
  var auth = this.auth || '';
  if (auth) auth = encodeAuth(auth) + '@';
  var protocol = this.protocol || '';
  var pathname = this.pathname || '';
  var hash = this.hash || '';
  var host = '';
  var query = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    host = auth + (this.hostname.indexOf(':') >= 0 && this.hostname[0] !== '[' ? '[' + this.hostname + ']' : this.hostname);
    if (this.port) host += ':' + this.port;
  }
  if (this.query !== null && typeof this.query === 'object') query = querystring.stringify(this.query);
  var search = this.search || (query && '?' + query) || '';
  if (protocol && protocol[protocol.length - 1] !== ':') protocol += ':';
  pathname = pathname.replace(/[#?]/g, function (c) { return c === '#' ? '%23' : '%3F'; });
  if (this.slashes || SLASHED[protocol]) {
    if (this.slashes || host) {
      if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
      host = '//' + host;
    } else if (protocol === 'file:') {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && hash[0] !== '#') hash = '#' + hash;
  if (search && search[0] !== '?') search = '?' + search;
  return protocol + host + pathname + search + hash;
};

function removeDotSegments(path) {
  var out = [];
  var segs = path.split('/');
  for (var i = 0; i < segs.length; i++) {
    var s = segs[i];
    if (s === '.') {
      if (i === segs.length - 1) out.push('');
    } else if (s === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
      if (i === segs.length - 1) out.push('');
    } else {
      out.push(s);
    }
  }
  var res = out.join('/');
  if (path[0] === '/' && res[0] !== '/') res = '/' + res;
  return res;
}

// Reference resolution (RFC 3986 section 5.2) on legacy Url objects.
Url.prototype.resolveObject = function (relative) {
  if (typeof relative === 'string') relative = urlParse(relative, false, true);
  var base = this;
  var r = new Url();
  var rel = relative;
  if (rel.protocol && (rel.protocol !== base.protocol || rel.slashes || !SLASHED[rel.protocol])) {
    copyUrl(rel, r);
    return finishResolve(r);
  }
  r.protocol = base.protocol;
  if (rel.slashes || rel.host) {
    copyUrl(rel, r);
    r.protocol = base.protocol;
    r.slashes = true;
    if (r.pathname) r.pathname = removeDotSegments(r.pathname);
    else if (SLASHED[r.protocol] && r.hostname) r.pathname = '/';
    return finishResolve(r);
  }
  r.slashes = base.slashes;
  r.auth = base.auth;
  r.host = base.host;
  r.hostname = base.hostname;
  r.port = base.port;
  var relPath = rel.pathname || '';
  if (!relPath) {
    r.pathname = base.pathname;
    if (rel.search !== null) {
      r.search = rel.search;
      r.query = rel.query;
    } else {
      r.search = base.search;
      r.query = base.query;
    }
  } else {
    if (relPath[0] === '/') {
      r.pathname = removeDotSegments(relPath);
    } else {
      var bp = base.pathname || '';
      var merged = (base.host && !bp ? '/' : bp.slice(0, bp.lastIndexOf('/') + 1)) + relPath;
      r.pathname = removeDotSegments(merged);
    }
    r.search = rel.search;
    r.query = rel.query;
  }
  r.hash = rel.hash;
  return finishResolve(r);
};

function copyUrl(from, to) {
  Object.keys(from).forEach(function (k) { to[k] = from[k]; });
}

function finishResolve(r) {
  r.path = r.pathname || r.search ? (r.pathname || '') + (r.search || '') : null;
  r.href = r.format();
  return r;
}

Url.prototype.resolve = function (relative) { return this.resolveObject(urlParse(relative, false, true)).format(); };

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  var u = new Url();
  u.parse(url, parseQueryString, slashesDenoteHost);
  return u;
}

function urlFormat(obj, options) {
  if (typeof obj === 'string') obj = urlParse(obj);
  else if (obj instanceof URL) return obj.toString(options);
  else if (typeof obj !== 'object' || obj === null) throw new TypeError('The "urlObject" argument must be one of type object or string.');
  if (!(obj instanceof Url)) return Url.prototype.format.call(obj);
  return obj.format();
}

function urlResolve(source, relative) { return urlParse(source, false, true).resolve(relative); }

// ================================================================ URLSearchParams

function formEncode(s) {
  var out = encodeSet(s, function (c) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 42 || c === 45 || c === 46 || c === 95 || c === 32;
  });
  return out.replace(/ /g, '+');
}

function parseForm(input) {
  var list = [];
  if (!input) return list;
  var parts = input.split('&');
  for (var i = 0; i < parts.length; i++) {
    if (!parts[i]) continue;
    var idx = parts[i].indexOf('=');
    var name = idx >= 0 ? parts[i].slice(0, idx) : parts[i];
    var value = idx >= 0 ? parts[i].slice(idx + 1) : '';
    list.push([percentDecodeToString(name.replace(/\+/g, ' ')), percentDecodeToString(value.replace(/\+/g, ' '))]);
  }
  return list;
}

function toUSVString(v) { return String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m) { return m.length === 2 ? m[0] + '\ufffd' : '\ufffd'; }); }

class URLSearchParams {
  constructor(init) {
    this._list = [];
    this._url = null;
    if (init === undefined || init === null) return;
    if (init instanceof URLSearchParams) {
      this._list = init._list.map(function (p) { return [p[0], p[1]]; });
    } else if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
      for (var pair of init) {
        var arr = Array.from(pair);
        if (arr.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
        this._list.push([toUSVString(arr[0]), toUSVString(arr[1])]);
      }
    } else if (typeof init === 'object') {
      var self = this;
      Object.keys(init).forEach(function (k) { self._list.push([toUSVString(k), toUSVString(init[k])]); });
    } else {
      var s = String(init);
      if (s[0] === '?') s = s.slice(1);
      this._list = parseForm(s);
    }
  }
  _update() {
    if (this._url) {
      var q = this.toString();
      this._url._query = q === '' ? null : q;
    }
  }
  get size() { return this._list.length; }
  append(name, value) {
    this._list.push([toUSVString(name), toUSVString(value)]);
    this._update();
  }
  delete(name, value) {
    name = toUSVString(name);
    this._list = this._list.filter(function (p) { return !(p[0] === name && (value === undefined || p[1] === toUSVString(value))); });
    this._update();
  }
  get(name) {
    name = toUSVString(name);
    for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === name) return this._list[i][1];
    return null;
  }
  getAll(name) {
    name = toUSVString(name);
    return this._list.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; });
  }
  has(name, value) {
    name = toUSVString(name);
    return this._list.some(function (p) { return p[0] === name && (value === undefined || p[1] === toUSVString(value)); });
  }
  set(name, value) {
    name = toUSVString(name);
    value = toUSVString(value);
    var found = false;
    this._list = this._list.filter(function (p) {
      if (p[0] !== name) return true;
      if (found) return false;
      found = true;
      p[1] = value;
      return true;
    });
    if (!found) this._list.push([name, value]);
    this._update();
  }
  sort() {
    var indexed = this._list.map(function (p, i) { return [p, i]; });
    indexed.sort(function (a, b) {
      var x = a[0][0];
      var y = b[0][0];
      if (x === y) return a[1] - b[1];
      // Compare by UTF-16 code units.
      return x < y ? -1 : 1;
    });
    this._list = indexed.map(function (e) { return e[0]; });
    this._update();
  }
  forEach(fn, thisArg) {
    for (var i = 0; i < this._list.length; i++) fn.call(thisArg, this._list[i][1], this._list[i][0], this);
  }
  keys() { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); }
  values() { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); }
  entries() { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() {
    return this._list.map(function (p) { return formEncode(p[0]) + '=' + formEncode(p[1]); }).join('&');
  }
  get [Symbol.toStringTag]() { return 'URLSearchParams'; }
}

// ================================================================ URL

var SPECIAL = { 'ftp:': 21, 'file:': null, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

function isC0(c) { return c < 0x20 || c > 0x7e; }
function inFragmentSet(c) { return isC0(c) || c === 32 || c === 34 || c === 60 || c === 62 || c === 96; }
function inQuerySet(c) { return isC0(c) || c === 32 || c === 34 || c === 35 || c === 60 || c === 62; }
function inSpecialQuerySet(c) { return inQuerySet(c) || c === 39; }
// Node leaves ^ unescaped in paths, so it is left out here too.
function inPathSet(c) { return inQuerySet(c) || c === 63 || c === 96 || c === 123 || c === 125; }
function inUserinfoSet(c) { return inPathSet(c) || c === 47 || c === 58 || c === 59 || c === 61 || c === 64 || (c >= 91 && c <= 93) || c === 124; }

function encodeWith(s, inSet) {
  // Keep existing %XX escapes as they are, like the URL parser does.
  return encodeSet(s, function (c) { return !inSet(c); });
}

function invalidUrl(input) {
  var e = new TypeError('Invalid URL');
  e.code = 'ERR_INVALID_URL';
  e.input = input;
  return e;
}

function parseHostString(host, special, input) {
  if (host[0] === '[') {
    if (host[host.length - 1] !== ']' || !/^\[[0-9a-fA-F:.]+\]$/.test(host)) throw invalidUrl(input);
    return host.toLowerCase();
  }
  if (!special) {
    if (/[\0\t\n\r #/:<>?@[\\\]^|]/.test(host)) throw invalidUrl(input);
    return encodeWith(host, isC0);
  }
  var h = percentDecodeToString(host).toLowerCase();
  if (!h || /[\0\t\n\r #%/:<>?@[\\\]^|]/.test(h) || /[\u0000-\u001f\u007f]/.test(h)) throw invalidUrl(input);
  var ipv4 = parseIPv4(h);
  if (ipv4 === false) throw invalidUrl(input);
  return ipv4 !== null ? ipv4 : h;
}

// IPv4 in its shorthand forms (1.2.3.4, 0x7f.1, 2130706433); null if the
// host is not an IPv4 address, false if it looks like one but is invalid.
function parseIPv4(h) {
  var parts = h.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  var last = parts[parts.length - 1];
  if (!/^(0x[0-9a-f]*|[0-9]+)$/i.test(last)) return null;
  if (parts.length > 4) return false;
  var nums = [];
  for (var i = 0; i < parts.length; i++) {
    var p = parts[i];
    var n;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(p)) n = parseInt(p, 10);
    else return false;
    nums.push(n);
  }
  for (var j = 0; j < nums.length - 1; j++) if (nums[j] > 255) return false;
  if (nums[nums.length - 1] >= Math.pow(256, 5 - nums.length)) return false;
  var ipv4 = nums[nums.length - 1];
  for (var k = 0; k < nums.length - 1; k++) ipv4 += nums[k] * Math.pow(256, 3 - k);
  var out = [];
  for (var b = 0; b < 4; b++) {
    out.unshift(String(ipv4 % 256));
    ipv4 = Math.floor(ipv4 / 256);
  }
  return out.join('.');
}

function resolvePath(segments, special) {
  var out = [];
  for (var i = 0; i < segments.length; i++) {
    var s = segments[i];
    var low = s.toLowerCase();
    var isDot = s === '.' || low === '%2e';
    var isDotDot = s === '..' || low === '.%2e' || low === '%2e.' || low === '%2e%2e';
    var lastSeg = i === segments.length - 1;
    if (isDotDot) {
      if (out.length) out.pop();
      if (lastSeg) out.push('');
    } else if (isDot) {
      if (lastSeg) out.push('');
    } else {
      out.push(encodeWith(s, inPathSet));
    }
  }
  return '/' + out.join('/');
}

function splitPath(path, special) {
  return (special ? path.replace(/\\/g, '/') : path).split('/');
}

function parseURL(input, base) {
  var str = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  var rec = { scheme: '', username: '', password: '', host: null, port: null, path: '', opaque: false, query: null, fragment: null };
  var m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(str);
  var rest;
  if (m) {
    rec.scheme = m[1].toLowerCase() + ':';
    rest = str.slice(m[0].length);
    if (base && rec.scheme === base.scheme && rec.scheme in SPECIAL && rec.scheme !== 'file:' && !/^[/\\]/.test(rest)) {
      // "http:foo" relative to an http base.
      return relativeTo(rest, base, input);
    }
  } else {
    if (!base) throw invalidUrl(input);
    return relativeTo(str, base, input);
  }
  var special = rec.scheme in SPECIAL;
  var hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    rec.fragment = encodeWith(rest.slice(hashAt + 1), inFragmentSet);
    rest = rest.slice(0, hashAt);
  }
  var qAt = rest.indexOf('?');
  if (qAt >= 0) {
    rec.query = encodeWith(rest.slice(qAt + 1), special ? inSpecialQuerySet : inQuerySet);
    rest = rest.slice(0, qAt);
  }
  var hasAuthority = special ? true : rest.slice(0, 2) === '//';
  if (rec.scheme === 'file:') {
    rest = rest.replace(/\\/g, '/');
    var fm = /^\/\/([^/]*)(.*)$/.exec(rest);
    rec.host = fm && fm[1] ? parseHostString(fm[1], true, input).replace(/^localhost$/, '') : '';
    rec.path = resolvePath(splitPath((fm ? fm[2] : rest).replace(/^\/?/, ''), true), true);
    return rec;
  }
  if (hasAuthority) {
    rest = special ? rest.replace(/^[/\\]*/, '') : rest.slice(2);
    var endAt = rest.search(special ? /[/\\]/ : /\//);
    var authority = endAt >= 0 ? rest.slice(0, endAt) : rest;
    rest = endAt >= 0 ? rest.slice(endAt) : '';
    parseAuthority(rec, authority, special, input);
    rec.path = special ? resolvePath(splitPath(rest.replace(/^[/\\]/, ''), true), true) : rest ? resolvePath(splitPath(rest.slice(1), false), false) : '';
  } else if (rest[0] === '/') {
    rec.path = resolvePath(splitPath(rest.slice(1), false), false);
  } else {
    rec.opaque = true;
    rec.path = encodeWith(rest, isC0);
  }
  return rec;
}

function parseAuthority(rec, authority, special, input) {
  var at = authority.lastIndexOf('@');
  if (at >= 0) {
    var userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
    var colon = userinfo.indexOf(':');
    rec.username = encodeWith(colon >= 0 ? userinfo.slice(0, colon) : userinfo, inUserinfoSet);
    rec.password = colon >= 0 ? encodeWith(userinfo.slice(colon + 1), inUserinfoSet) : '';
  }
  var pm = /:([^\]:]*)$/.exec(authority);
  var hostPart = authority;
  if (pm && !(authority[0] === '[' && authority.lastIndexOf(']') > pm.index)) {
    hostPart = authority.slice(0, pm.index);
    var port = pm[1];
    if (port !== '') {
      if (!/^[0-9]+$/.test(port) || +port > 65535) throw invalidUrl(input);
      rec.port = +port === SPECIAL[rec.scheme] ? null : +port;
    }
  }
  if (!hostPart) {
    if (special) throw invalidUrl(input);
    rec.host = '';
    if (at >= 0 || rec.port !== null) throw invalidUrl(input);
    return;
  }
  rec.host = parseHostString(hostPart, special, input);
}

function relativeTo(str, base, input) {
  var rec = { scheme: base.scheme, username: base.username, password: base.password, host: base.host, port: base.port, path: base.path, opaque: base.opaque, query: base.query, fragment: null };
  var special = base.scheme in SPECIAL;
  if (base.opaque) {
    if (str[0] !== '#') throw invalidUrl(input);
    rec.fragment = encodeWith(str.slice(1), inFragmentSet);
    return rec;
  }
  if (special ? /^[/\\]{2}/.test(str) : str.slice(0, 2) === '//') return parseURL(base.scheme + str, null);
  var hashAt = str.indexOf('#');
  if (hashAt >= 0) {
    rec.fragment = encodeWith(str.slice(hashAt + 1), inFragmentSet);
    str = str.slice(0, hashAt);
  }
  var qAt = str.indexOf('?');
  var pathPart = qAt >= 0 ? str.slice(0, qAt) : str;
  if (qAt >= 0) rec.query = encodeWith(str.slice(qAt + 1), special ? inSpecialQuerySet : inQuerySet);
  else if (pathPart) rec.query = null;
  if (pathPart) {
    var isAbs = pathPart[0] === '/' || (special && pathPart[0] === '\\');
    var full;
    if (isAbs) {
      full = pathPart.slice(1);
    } else {
      var bp = base.path;
      full = bp.slice(1, bp.lastIndexOf('/') + 1) + pathPart;
    }
    rec.path = resolvePath(splitPath(full, special), special);
  }
  return rec;
}

function serialize(rec, excludeFragment) {
  var out = rec.scheme;
  if (rec.host !== null) {
    out += '//';
    if (rec.username || rec.password) {
      out += rec.username + (rec.password ? ':' + rec.password : '') + '@';
    }
    out += rec.host + (rec.port !== null ? ':' + rec.port : '');
  } else if (!rec.opaque && rec.path.slice(0, 2) === '//') {
    out += '/.';
  }
  out += rec.path;
  if (rec.query !== null) out += '?' + rec.query;
  if (!excludeFragment && rec.fragment !== null) out += '#' + rec.fragment;
  return out;
}

class URL {
  constructor(input, base) {
    if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
    var baseRec;
    if (base !== undefined) baseRec = base instanceof URL ? base._rec : parseURL(String(base));
    this._rec = parseURL(String(input), baseRec);
    this._params = new URLSearchParams(this._rec.query || '');
    this._params._url = this;
  }
  static canParse(input, base) {
    try {
      new URL(input, base);
      return true;
    } catch (e) {
      return false;
    }
  }
  set _query(q) { this._rec.query = q; }
  get href() { return serialize(this._rec); }
  set href(v) {
    this._rec = parseURL(String(v));
    this._params._list = parseForm(this._rec.query || '');
  }
  get origin() {
    var r = this._rec;
    if (r.scheme in SPECIAL && r.scheme !== 'file:') return r.scheme + '//' + r.host + (r.port !== null ? ':' + r.port : '');
    if (r.scheme === 'blob:') {
      try {
        return new URL(r.path).origin;
      } catch (e) {
        return 'null';
      }
    }
    return 'null';
  }
  get protocol() { return this._rec.scheme; }
  set protocol(v) {
    var m = /^([a-zA-Z][a-zA-Z0-9+.-]*)/.exec(String(v));
    if (!m) return;
    var scheme = m[1].toLowerCase() + ':';
    if ((scheme in SPECIAL) !== (this._rec.scheme in SPECIAL)) return;
    this._rec.scheme = scheme;
    if (this._rec.port === SPECIAL[scheme]) this._rec.port = null;
  }
  get username() { return this._rec.username; }
  set username(v) { if (this._rec.host) this._rec.username = encodeWith(String(v), inUserinfoSet); }
  get password() { return this._rec.password; }
  set password(v) { if (this._rec.host) this._rec.password = encodeWith(String(v), inUserinfoSet); }
  get host() {
    var r = this._rec;
    return r.host === null ? '' : r.host + (r.port !== null ? ':' + r.port : '');
  }
  set host(v) {
    if (this._rec.opaque) return;
    try {
      var tmp = parseURL(this._rec.scheme + '//' + String(v) + '/');
      this._rec.host = tmp.host;
      if (/:\d*$/.test(String(v).replace(/^\[.*\]/, ''))) this._rec.port = tmp.port;
    } catch (e) {
      /* invalid host: ignored like the standard setter */
    }
  }
  get hostname() { return this._rec.host === null ? '' : this._rec.host; }
  set hostname(v) {
    if (this._rec.opaque) return;
    try {
      this._rec.host = parseURL(this._rec.scheme + '//' + String(v).replace(/:.*$/, '') + '/').host;
    } catch (e) {
      /* ignored */
    }
  }
  get port() { return this._rec.port === null ? '' : String(this._rec.port); }
  set port(v) {
    var s = String(v);
    if (s === '') {
      this._rec.port = null;
      return;
    }
    var m = /^[0-9]+/.exec(s);
    if (!m || +m[0] > 65535) return;
    this._rec.port = +m[0] === SPECIAL[this._rec.scheme] ? null : +m[0];
  }
  get pathname() { return this._rec.path; }
  set pathname(v) {
    if (this._rec.opaque) return;
    var special = this._rec.scheme in SPECIAL;
    var s = String(v);
    if (special || this._rec.host !== null) s = s.replace(/^[/]/, special ? '' : '').replace(/^\\/, special ? '' : '\\');
    this._rec.path = resolvePath(splitPath(s, special), special);
  }
  get search() { return this._rec.query ? '?' + this._rec.query : ''; }
  set search(v) {
    var s = String(v);
    if (s[0] === '?') s = s.slice(1);
    this._rec.query = s === '' && String(v) === '' ? null : encodeWith(s, this._rec.scheme in SPECIAL ? inSpecialQuerySet : inQuerySet);
    this._params._list = parseForm(this._rec.query || '');
  }
  get searchParams() { return this._params; }
  get hash() { return this._rec.fragment ? '#' + this._rec.fragment : ''; }
  set hash(v) {
    var s = String(v);
    if (s[0] === '#') s = s.slice(1);
    this._rec.fragment = s === '' && String(v) === '' ? null : encodeWith(s, inFragmentSet);
  }
  toString() { return this.href; }
  toJSON() { return this.href; }
  get [Symbol.toStringTag]() { return 'URL'; }
}

module.exports = {
  parse: urlParse,
  format: urlFormat,
  resolve: urlResolve,
  resolveObject: function (source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  },
  Url: Url,
  URL: URL,
  URLSearchParams: URLSearchParams,
  domainToASCII: function (d) { return String(d).toLowerCase(); },
  domainToUnicode: function (d) { return String(d).toLowerCase(); }
};
