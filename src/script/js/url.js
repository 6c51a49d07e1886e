// Node's `url` module for collection scripts. Written for postie.
// Legacy API: parse / format / resolve (Node's url.parse field semantics).
// Like the url module Postman's sandbox bundles, it has no WHATWG URL or
// URLSearchParams (scripts there see `undefined`).
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
  else if (typeof obj !== 'object' || obj === null) throw new TypeError('The "urlObject" argument must be one of type object or string.');
  if (!(obj instanceof Url)) return Url.prototype.format.call(obj);
  return obj.format();
}

function urlResolve(source, relative) { return urlParse(source, false, true).resolve(relative); }


module.exports = {
  parse: urlParse,
  format: urlFormat,
  resolve: urlResolve,
  resolveObject: function (source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  },
  Url: Url
};
