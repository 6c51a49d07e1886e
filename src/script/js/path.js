// Node's `path` module (POSIX flavour) for collection scripts. Written for
// postie. The working directory is `/`, as in Postman's sandbox.
'use strict';

function check(p) {
  if (typeof p !== 'string') throw new TypeError('Path must be a string. Received ' + JSON.stringify(p));
}

// Resolves `.` and `..` segments; `absolute` paths never climb above the root.
function normalizeSegments(parts, absolute) {
  var out = [];
  for (var i = 0; i < parts.length; i++) {
    var p = parts[i];
    if (!p || p === '.') continue;
    if (p === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else {
      out.push(p);
    }
  }
  return out;
}

function normalize(path) {
  check(path);
  var absolute = path.charAt(0) === '/';
  var trailing = path.charAt(path.length - 1) === '/';
  var p = normalizeSegments(path.split('/'), absolute).join('/');
  if (!p && !absolute) p = '.';
  if (p && trailing) p += '/';
  return (absolute ? '/' : '') + p;
}

function resolve() {
  var resolved = '';
  var absolute = false;
  for (var i = arguments.length - 1; i >= -1 && !absolute; i--) {
    var path = i >= 0 ? arguments[i] : '/';
    check(path);
    if (!path) continue;
    resolved = path + '/' + resolved;
    absolute = path.charAt(0) === '/';
  }
  resolved = normalizeSegments(resolved.split('/'), absolute).join('/');
  return ((absolute ? '/' : '') + resolved) || '.';
}

function join() {
  var parts = [];
  for (var i = 0; i < arguments.length; i++) {
    check(arguments[i]);
    if (arguments[i]) parts.push(arguments[i]);
  }
  return normalize(parts.join('/'));
}

function relative(from, to) {
  from = resolve(from).slice(1);
  to = resolve(to).slice(1);
  var a = from ? from.split('/') : [];
  var b = to ? to.split('/') : [];
  var same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  var up = [];
  for (var i = same; i < a.length; i++) up.push('..');
  return up.concat(b.slice(same)).join('/');
}

function dirname(path) {
  check(path);
  if (!path) return '.';
  var end = path.length;
  while (end > 1 && path.charAt(end - 1) === '/') end--;
  var i = path.lastIndexOf('/', end - 1);
  if (i === -1) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

function basename(path, ext) {
  check(path);
  var end = path.length;
  while (end > 0 && path.charAt(end - 1) === '/') end--;
  var base = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  if (ext && base !== ext && base.slice(-ext.length) === ext) base = base.slice(0, -ext.length);
  return base;
}

function extname(path) {
  var base = basename(path);
  var i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}

module.exports = {
  resolve: resolve,
  normalize: normalize,
  isAbsolute: function (path) {
    check(path);
    return path.charAt(0) === '/';
  },
  join: join,
  relative: relative,
  sep: '/',
  delimiter: ':',
  dirname: dirname,
  basename: basename,
  extname: extname
};
