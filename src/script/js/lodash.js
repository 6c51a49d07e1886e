// lodash 4 compatible subset for collection scripts (module `lodash`,
// legacy global `_`). Written for postie: covers the functions Postman
// scripts commonly use, with lodash's argument conventions (iteratee
// shorthands, object collections, early exit from each) and a basic
// `_(value)` / `_.chain(value)` wrapper. Timer-based helpers (debounce,
// throttle, delay, defer) are left out.
'use strict';

var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;
var MAX_SAFE = 9007199254740991;

// ---------------------------------------------------------------- types

function isNil(v) { return v === null || v === undefined; }
function isObject(v) { var t = typeof v; return v !== null && (t === 'object' || t === 'function'); }
function isObjectLike(v) { return v !== null && typeof v === 'object'; }
function isFunction(v) { return typeof v === 'function'; }
function isString(v) { return typeof v === 'string' || (isObjectLike(v) && toStr.call(v) === '[object String]'); }
function isNumber(v) { return typeof v === 'number' || (isObjectLike(v) && toStr.call(v) === '[object Number]'); }
function isBoolean(v) { return v === true || v === false || (isObjectLike(v) && toStr.call(v) === '[object Boolean]'); }
function isDate(v) { return isObjectLike(v) && toStr.call(v) === '[object Date]'; }
function isRegExp(v) { return isObjectLike(v) && toStr.call(v) === '[object RegExp]'; }
function isError(v) { return isObjectLike(v) && (toStr.call(v) === '[object Error]' || (typeof v.message === 'string' && typeof v.name === 'string')); }
function isSymbol(v) { return typeof v === 'symbol'; }
function isMap(v) { return isObjectLike(v) && toStr.call(v) === '[object Map]'; }
function isSet(v) { return isObjectLike(v) && toStr.call(v) === '[object Set]'; }
function isLength(v) { return typeof v === 'number' && v > -1 && v % 1 === 0 && v <= MAX_SAFE; }
function isArrayLike(v) { return v != null && typeof v !== 'function' && isLength(v.length); }
function isArguments(v) { return isObjectLike(v) && toStr.call(v) === '[object Arguments]'; }
function isPlainObject(v) {
  if (!isObjectLike(v) || toStr.call(v) !== '[object Object]') return false;
  var proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
function isInteger(v) { return typeof v === 'number' && Number.isInteger(v); }
function isSafeInteger(v) { return isInteger(v) && Math.abs(v) <= MAX_SAFE; }
function isFinite_(v) { return typeof v === 'number' && isFinite(v); }
function isNaN_(v) { return isNumber(v) && v != +v; }

function toArray(v) {
  if (v == null) return [];
  if (typeof v === 'string') return Array.from(v);
  if (isArrayLike(v)) return Array.prototype.slice.call(v);
  if (isMap(v) || isSet(v)) return Array.from(v.values());
  return values(v);
}

function baseToString(v) {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(baseToString).join(',');
  if (typeof v === 'number' && v === 0 && 1 / v === -Infinity) return '-0';
  return String(v);
}

function toString(v) { return v == null ? '' : baseToString(v); }

function toNumber(v) {
  if (typeof v === 'number') return v;
  if (isSymbol(v)) return NaN;
  if (isObject(v)) {
    var o = typeof v.valueOf === 'function' ? v.valueOf() : v;
    v = isObject(o) ? o + '' : o;
  }
  if (typeof v !== 'string') return v === 0 ? v : +v;
  v = v.trim();
  if (/^0b[01]+$/i.test(v)) return parseInt(v.slice(2), 2);
  if (/^0o[0-7]+$/i.test(v)) return parseInt(v.slice(2), 8);
  if (/^[-+]0x[0-9a-f]+$/i.test(v)) return NaN;
  return +v;
}

function toInteger(v) {
  var n = toNumber(v);
  if (n === Infinity || n === -Infinity) return (n < 0 ? -1 : 1) * Number.MAX_VALUE;
  if (n !== n) return 0;
  return n < 0 ? Math.ceil(n) : Math.floor(n);
}

function castArray() {
  if (!arguments.length) return [];
  var v = arguments[0];
  return Array.isArray(v) ? v : [v];
}

// ---------------------------------------------------------------- paths

function stringToPath(s) {
  var out = [];
  if (s.charCodeAt(0) === 46) out.push('');
  s.replace(/[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g, function (m, num, quote, sub) {
    out.push(quote ? sub.replace(/\\(\\)?/g, '$1') : num !== undefined ? num : m);
  });
  return out;
}

function castPath(path, obj) {
  if (Array.isArray(path)) return path;
  if (typeof path === 'number' || isSymbol(path)) return [path];
  path = toString(path);
  if (obj != null && path in Object(obj)) return [path];
  if (!/\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/.test(path)) return [path];
  return stringToPath(path);
}

function baseGet(obj, path) {
  path = castPath(path, obj);
  var i = 0;
  while (obj != null && i < path.length) obj = obj[path[i++]];
  return i && i === path.length ? obj : undefined;
}

function get(obj, path, def) {
  var r = obj == null ? undefined : baseGet(obj, path);
  return r === undefined ? def : r;
}

function isIndex(k) { return typeof k === 'number' ? k >= 0 && k % 1 === 0 : /^(?:0|[1-9]\d*)$/.test(k); }

function set(obj, path, value) {
  if (!isObject(obj)) return obj;
  path = castPath(path, obj);
  var nested = obj;
  for (var i = 0; i < path.length && nested != null; i++) {
    var key = path[i];
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return obj;
    if (i === path.length - 1) {
      nested[key] = value;
    } else {
      var next = nested[key];
      if (!isObject(next)) {
        next = isIndex(path[i + 1]) ? [] : {};
        nested[key] = next;
      }
      nested = next;
    }
  }
  return obj;
}

function unset(obj, path) {
  if (obj == null) return true;
  path = castPath(path, obj);
  var parent = path.length > 1 ? baseGet(obj, path.slice(0, -1)) : obj;
  if (parent == null) return true;
  return delete parent[path[path.length - 1]];
}

function hasPath(obj, path, own) {
  path = castPath(path, obj);
  if (!path.length) return false;
  for (var i = 0; i < path.length; i++) {
    if (obj == null) return false;
    var k = path[i];
    if (own ? !hasOwn.call(Object(obj), k) : !(k in Object(obj))) return false;
    obj = obj[k];
  }
  return true;
}

function has(obj, path) { return obj != null && hasPath(obj, path, true); }
function hasIn(obj, path) { return obj != null && hasPath(obj, path, false); }

function result(obj, path, def) {
  var v = get(obj, path, def);
  return typeof v === 'function' ? v.call(path.length > 1 ? baseGet(obj, castPath(path).slice(0, -1)) : obj) : v;
}

// ---------------------------------------------------------------- equality

function sameValueZero(a, b) { return a === b || (a !== a && b !== b); }

function isEqual(a, b) { return deepEq(a, b, []); }

function deepEq(a, b, stack) {
  if (sameValueZero(a, b)) return true;
  if (!isObjectLike(a) || !isObjectLike(b)) return false;
  var tag = toStr.call(a);
  if (tag !== toStr.call(b)) return false;
  switch (tag) {
    case '[object Number]':
    case '[object String]':
    case '[object Boolean]':
    case '[object Date]':
      return sameValueZero(+a, +b) || (tag === '[object String]' && String(a) === String(b));
    case '[object RegExp]':
      return String(a) === String(b);
  }
  for (var s = 0; s < stack.length; s++) if (stack[s][0] === a) return stack[s][1] === b;
  stack.push([a, b]);
  var res = true;
  if (Array.isArray(a) || isArguments(a)) {
    res = a.length === b.length;
    for (var i = 0; res && i < a.length; i++) res = deepEq(a[i], b[i], stack);
  } else if (tag === '[object Map]' || tag === '[object Set]') {
    res = a.size === b.size;
    if (res) {
      var ea = Array.from(a.entries());
      var eb = Array.from(b.entries());
      res = ea.every(function (pa) {
        return eb.some(function (pb) { return deepEq(pa, pb, stack); });
      });
    }
  } else {
    if (!Array.isArray(b) && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) && !(isPlainObject(a) && isPlainObject(b))) {
      res = false;
    } else {
      var ka = Object.keys(a);
      var kb = Object.keys(b);
      res = ka.length === kb.length;
      for (var j = 0; res && j < ka.length; j++) res = hasOwn.call(b, ka[j]) && deepEq(a[ka[j]], b[ka[j]], stack);
    }
  }
  stack.pop();
  return res;
}

function isMatch(obj, source) { return baseIsMatch(obj, source); }

function baseIsMatch(obj, src) {
  if (src === obj) return true;
  if (!isObject(src)) return sameValueZero(obj, src);
  if (obj == null) return keys(src).length === 0;
  if (Array.isArray(src)) {
    if (!Array.isArray(obj)) return false;
    return src.every(function (sv) {
      return obj.some(function (ov) { return partialEq(ov, sv); });
    });
  }
  var ks = keys(src);
  for (var i = 0; i < ks.length; i++) {
    var k = ks[i];
    var o = Object(obj);
    if (!(k in o) && src[k] !== undefined) return false;
    if (!(k in o) && src[k] === undefined) return false;
    if (!partialEq(o[k], src[k])) return false;
  }
  return true;
}

function partialEq(v, s) {
  if (isPlainObject(s) || Array.isArray(s)) return isObjectLike(v) && baseIsMatch(v, s);
  return isEqual(v, s);
}

function matches(source) {
  source = cloneDeep(source);
  return function (obj) { return baseIsMatch(obj, source); };
}

function matchesProperty(path, value) {
  value = cloneDeep(value);
  return function (obj) {
    var v = get(obj, path);
    return v === undefined && value === undefined ? hasIn(obj, path) : partialEq(v, value);
  };
}

function property(path) {
  return function (obj) { return obj == null ? undefined : baseGet(obj, path); };
}

function identity(v) { return v; }
function noop() {}
function constant(v) { return function () { return v; }; }

function iteratee(f) {
  if (typeof f === 'function') return f;
  if (f == null) return identity;
  if (Array.isArray(f)) return f.length === 2 && typeof f[0] !== 'object' ? matchesProperty(f[0], f[1]) : matches(f);
  if (typeof f === 'object') return matches(f);
  return property(f);
}

// ---------------------------------------------------------------- objects

function keys(obj) {
  if (obj == null) return [];
  if (isArrayLike(obj) && typeof obj !== 'function') {
    var out = [];
    for (var i = 0; i < obj.length; i++) out.push(String(i));
    if (!Array.isArray(obj) && typeof obj !== 'string') {
      Object.keys(obj).forEach(function (k) { if (!isIndex(k)) out.push(k); });
    }
    return out;
  }
  return Object.keys(Object(obj));
}

function keysIn(obj) {
  var out = [];
  if (obj == null) return out;
  for (var k in Object(obj)) out.push(k);
  return out;
}

function values(obj) { return keys(obj).map(function (k) { return obj[k]; }); }
function toPairs(obj) {
  if (isMap(obj)) return Array.from(obj.entries());
  if (isSet(obj)) return Array.from(obj.values()).map(function (v) { return [v, v]; });
  return keys(obj).map(function (k) { return [k, obj[k]]; });
}
function fromPairs(pairs) {
  var out = {};
  (pairs || []).forEach(function (p) { out[p[0]] = p[1]; });
  return out;
}
function invert(obj) {
  var out = {};
  keys(obj).forEach(function (k) { out[obj[k]] = k; });
  return out;
}

function flatPaths(args) {
  return baseFlatten(Array.prototype.slice.call(args, 1), 1).map(function (p) { return p; });
}

function pick(obj) {
  var out = {};
  if (obj == null) return out;
  flatPaths(arguments).forEach(function (p) {
    if (hasIn(obj, p)) set(out, castPath(p, obj), baseGet(obj, p));
  });
  return out;
}

function omit(obj) {
  var out = {};
  if (obj == null) return out;
  var paths = flatPaths(arguments);
  var deep = paths.some(function (p) { return castPath(p, obj).length > 1; });
  keysIn(obj).forEach(function (k) { out[k] = obj[k]; });
  if (deep) out = cloneDeep(out);
  paths.forEach(function (p) { unset(out, p); });
  return out;
}

function pickBy(obj, pred) {
  var out = {};
  if (obj == null) return out;
  pred = iteratee(pred);
  keysIn(obj).forEach(function (k) { if (pred(obj[k], k)) out[k] = obj[k]; });
  return out;
}

function omitBy(obj, pred) {
  pred = iteratee(pred);
  return pickBy(obj, function (v, k) { return !pred(v, k); });
}

function mapValues(obj, f) {
  f = iteratee(f);
  var out = {};
  keys(obj).forEach(function (k) { out[k] = f(obj[k], k, obj); });
  return out;
}

function mapKeys(obj, f) {
  f = iteratee(f);
  var out = {};
  keys(obj).forEach(function (k) { out[f(obj[k], k, obj)] = obj[k]; });
  return out;
}

function findKey(obj, pred) {
  pred = iteratee(pred);
  var ks = keys(obj);
  for (var i = 0; i < ks.length; i++) if (pred(obj[ks[i]], ks[i], obj)) return ks[i];
  return undefined;
}

function forOwn(obj, f) {
  f = iteratee(f);
  var ks = keys(obj);
  for (var i = 0; i < ks.length; i++) if (f(obj[ks[i]], ks[i], obj) === false) break;
  return obj;
}

function forIn(obj, f) {
  f = iteratee(f);
  var ks = keysIn(obj);
  for (var i = 0; i < ks.length; i++) if (f(obj[ks[i]], ks[i], obj) === false) break;
  return obj;
}

function assign(obj) {
  obj = Object(obj);
  for (var i = 1; i < arguments.length; i++) {
    var src = arguments[i];
    if (src != null) keys(src).forEach(function (k) { obj[k] = src[k]; });
  }
  return obj;
}

function assignIn(obj) {
  obj = Object(obj);
  for (var i = 1; i < arguments.length; i++) {
    var src = arguments[i];
    if (src != null) keysIn(src).forEach(function (k) { obj[k] = src[k]; });
  }
  return obj;
}

function defaults(obj) {
  obj = Object(obj);
  for (var i = 1; i < arguments.length; i++) {
    var src = arguments[i];
    if (src == null) continue;
    keysIn(src).forEach(function (k) {
      var v = obj[k];
      if (v === undefined || (sameValueZero(v, Object.prototype[k]) && !hasOwn.call(obj, k))) obj[k] = src[k];
    });
  }
  return obj;
}

function defaultsDeep(obj) {
  obj = Object(obj);
  for (var i = 1; i < arguments.length; i++) {
    var src = arguments[i];
    if (src == null) continue;
    keysIn(src).forEach(function (k) {
      if (obj[k] === undefined) obj[k] = cloneDeep(src[k]);
      else if (isPlainObject(obj[k]) && isPlainObject(src[k])) defaultsDeep(obj[k], src[k]);
    });
  }
  return obj;
}

function merge(obj) {
  obj = Object(obj);
  for (var i = 1; i < arguments.length; i++) {
    if (arguments[i] != null) baseMerge(obj, arguments[i], []);
  }
  return obj;
}

function mergeWith(obj) {
  var args = Array.prototype.slice.call(arguments, 1);
  var customizer = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  obj = Object(obj);
  args.forEach(function (src) { if (src != null) baseMerge(obj, src, [], customizer); });
  return obj;
}

function baseMerge(obj, src, stack, customizer) {
  var ks = Array.isArray(src) || isPlainObject(src) ? keysIn(src) : keys(src);
  ks.forEach(function (k) {
    if (k === '__proto__' || k === 'constructor' && typeof obj[k] === 'function') return;
    var sv = src[k];
    var ov = obj[k];
    if (customizer) {
      var c = customizer(ov, sv, k, obj, src);
      if (c !== undefined) {
        obj[k] = c;
        return;
      }
    }
    if (isObjectLike(sv) && (Array.isArray(sv) || isPlainObject(sv) || isArguments(sv))) {
      for (var s = 0; s < stack.length; s++) {
        if (stack[s][0] === sv) {
          obj[k] = stack[s][1];
          return;
        }
      }
      var target;
      if (Array.isArray(sv)) target = Array.isArray(ov) ? ov : isArrayLike(ov) && !isString(ov) ? Array.prototype.slice.call(ov) : [];
      else target = isPlainObject(ov) || (isObject(ov) && typeof ov !== 'function' && !Array.isArray(ov)) ? ov : isArguments(ov) ? assign({}, ov) : {};
      stack.push([sv, target]);
      baseMerge(target, sv, stack, customizer);
      stack.pop();
      obj[k] = target;
    } else if (sv !== undefined || !(k in obj)) {
      obj[k] = sv;
    }
  });
}

function clone(v) {
  if (!isObject(v) || typeof v === 'function') return v;
  if (Array.isArray(v)) return v.slice();
  if (isDate(v)) return new Date(+v);
  if (isRegExp(v)) return new RegExp(v.source, v.flags);
  if (isMap(v)) return new Map(v);
  if (isSet(v)) return new Set(v);
  return assign(Object.create(Object.getPrototypeOf(v)), v);
}

function cloneDeep(v) { return baseCloneDeep(v, new Map()); }

function baseCloneDeep(v, seen) {
  if (!isObject(v) || typeof v === 'function') return v;
  if (seen.has(v)) return seen.get(v);
  var out;
  if (Array.isArray(v)) {
    out = new Array(v.length);
    seen.set(v, out);
    for (var i = 0; i < v.length; i++) out[i] = baseCloneDeep(v[i], seen);
    return out;
  }
  if (isDate(v)) return new Date(+v);
  if (isRegExp(v)) return new RegExp(v.source, v.flags);
  if (isMap(v)) {
    out = new Map();
    seen.set(v, out);
    v.forEach(function (val, key) { out.set(key, baseCloneDeep(val, seen)); });
    return out;
  }
  if (isSet(v)) {
    out = new Set();
    seen.set(v, out);
    v.forEach(function (val) { out.add(baseCloneDeep(val, seen)); });
    return out;
  }
  if (isError(v) || typeof v === 'object' && (toStr.call(v) === '[object WeakMap]' || toStr.call(v) === '[object Promise]')) return {};
  out = Object.create(Object.getPrototypeOf(v));
  seen.set(v, out);
  Object.keys(v).forEach(function (k) { out[k] = baseCloneDeep(v[k], seen); });
  return out;
}

function transform(obj, f, acc) {
  f = iteratee(f);
  if (acc === undefined) acc = Array.isArray(obj) ? [] : isObject(obj) ? Object.create(Object.getPrototypeOf(obj)) : {};
  var ks = keys(obj);
  for (var i = 0; i < ks.length; i++) if (f(acc, obj[ks[i]], isArrayLike(obj) ? +ks[i] : ks[i], obj) === false) break;
  return acc;
}

// ---------------------------------------------------------------- collections

// Iterates an array-like by index or an object by own keys; stops on false.
function baseEach(coll, f) {
  if (coll == null) return coll;
  if (isArrayLike(coll)) {
    var list = typeof coll === 'string' ? coll.split('') : coll;
    for (var i = 0; i < list.length; i++) if (f(list[i], i, coll) === false) break;
  } else {
    var ks = keys(coll);
    for (var j = 0; j < ks.length; j++) if (f(coll[ks[j]], ks[j], coll) === false) break;
  }
  return coll;
}

function forEach(coll, f) { return baseEach(coll, iteratee(f)); }

function forEachRight(coll, f) {
  f = iteratee(f);
  var ks = isArrayLike(coll) ? null : keys(coll);
  var n = ks ? ks.length : coll ? coll.length : 0;
  for (var i = n - 1; i >= 0; i--) {
    var k = ks ? ks[i] : i;
    if (f(coll[k], k, coll) === false) break;
  }
  return coll;
}

function map(coll, f) {
  f = iteratee(f);
  var out = [];
  baseEach(coll, function (v, k, c) { out.push(f(v, k, c)); });
  return out;
}

function flatMap(coll, f) { return baseFlatten(map(coll, f), 1); }
function flatMapDeep(coll, f) { return baseFlatten(map(coll, f), Infinity); }

function filter(coll, f) {
  f = iteratee(f);
  var out = [];
  baseEach(coll, function (v, k, c) { if (f(v, k, c)) out.push(v); });
  return out;
}

function reject(coll, f) {
  f = iteratee(f);
  return filter(coll, function (v, k, c) { return !f(v, k, c); });
}

function partition(coll, f) {
  f = iteratee(f);
  var out = [[], []];
  baseEach(coll, function (v, k, c) { out[f(v, k, c) ? 0 : 1].push(v); });
  return out;
}

function find(coll, f, from) {
  f = iteratee(f);
  var found;
  var start = toInteger(from || 0);
  baseEach(coll, function (v, k, c) {
    if (typeof k === 'number' && k < start) return undefined;
    if (f(v, k, c)) {
      found = v;
      return false;
    }
    return undefined;
  });
  return found;
}

function findLast(coll, f) {
  f = iteratee(f);
  var found;
  forEachRight(coll, function (v, k, c) {
    if (f(v, k, c)) {
      found = v;
      return false;
    }
    return undefined;
  });
  return found;
}

function findIndex(arr, f, from) {
  f = iteratee(f);
  var n = arr ? arr.length : 0;
  var i = from == null ? 0 : toInteger(from);
  if (i < 0) i = Math.max(n + i, 0);
  for (; i < n; i++) if (f(arr[i], i, arr)) return i;
  return -1;
}

function findLastIndex(arr, f, from) {
  f = iteratee(f);
  var n = arr ? arr.length : 0;
  var i = from == null ? n - 1 : toInteger(from);
  if (i < 0) i = Math.max(n + i, 0);
  for (i = Math.min(i, n - 1); i >= 0; i--) if (f(arr[i], i, arr)) return i;
  return -1;
}

function reduce(coll, f, acc) {
  f = iteratee(f);
  var init = arguments.length < 3;
  baseEach(coll, function (v, k, c) {
    if (init) {
      acc = v;
      init = false;
    } else {
      acc = f(acc, v, k, c);
    }
  });
  return acc;
}

function reduceRight(coll, f, acc) {
  f = iteratee(f);
  var init = arguments.length < 3;
  forEachRight(coll, function (v, k, c) {
    if (init) {
      acc = v;
      init = false;
    } else {
      acc = f(acc, v, k, c);
    }
  });
  return acc;
}

function some(coll, f) {
  f = iteratee(f);
  var r = false;
  baseEach(coll, function (v, k, c) {
    if (f(v, k, c)) {
      r = true;
      return false;
    }
    return undefined;
  });
  return r;
}

function every(coll, f) {
  f = iteratee(f);
  var r = true;
  baseEach(coll, function (v, k, c) {
    if (!f(v, k, c)) {
      r = false;
      return false;
    }
    return undefined;
  });
  return r;
}

function includes(coll, value, from) {
  if (typeof coll === 'string') return coll.indexOf(value, toInteger(from || 0)) > -1;
  var list = isArrayLike(coll) ? coll : values(coll);
  var n = list.length;
  var i = from ? toInteger(from) : 0;
  if (i < 0) i = Math.max(n + i, 0);
  for (; i < n; i++) if (sameValueZero(list[i], value)) return true;
  return false;
}

function size(coll) {
  if (coll == null) return 0;
  if (typeof coll === 'string') return Array.from(coll).length;
  if (isArrayLike(coll)) return coll.length;
  if (isMap(coll) || isSet(coll)) return coll.size;
  return keys(coll).length;
}

function isEmpty(v) {
  if (v == null) return true;
  if (isArrayLike(v) && (Array.isArray(v) || typeof v === 'string' || typeof v.splice === 'function' || isArguments(v))) return !v.length;
  if (isMap(v) || isSet(v)) return !v.size;
  for (var k in v) if (hasOwn.call(v, k)) return false;
  return true;
}

function groupInto(coll, f, add) {
  f = iteratee(f);
  var out = {};
  baseEach(coll, function (v) { add(out, f(v), v); });
  return out;
}

function groupBy(coll, f) {
  return groupInto(coll, f, function (o, k, v) {
    if (hasOwn.call(o, k)) o[k].push(v);
    else o[k] = [v];
  });
}
function countBy(coll, f) {
  return groupInto(coll, f, function (o, k) { o[k] = hasOwn.call(o, k) ? o[k] + 1 : 1; });
}
function keyBy(coll, f) {
  return groupInto(coll, f, function (o, k, v) { o[k] = v; });
}

function compareAscending(a, b) {
  if (a === b) return 0;
  var aU = a === undefined;
  var bU = b === undefined;
  var aN = a === null;
  var bN = b === null;
  var aNaN = a !== a;
  var bNaN = b !== b;
  if (aU || bU) return aU ? (bU ? 0 : 1) : -1;
  if (aNaN || bNaN) return aNaN ? (bNaN ? 0 : 1) : -1;
  if (aN || bN) return aN ? (bN ? 0 : 1) : -1;
  if (a > b) return 1;
  if (a < b) return -1;
  return 0;
}

function baseOrderBy(coll, iteratees, orders) {
  iteratees = iteratees.length ? iteratees.map(function (f) { return Array.isArray(f) && f.length !== 2 ? property(f) : iteratee(f); }) : [identity];
  var items = [];
  var idx = 0;
  baseEach(coll, function (v) {
    items.push({ v: v, i: idx++, c: iteratees.map(function (f) { return f(v); }) });
  });
  items.sort(function (x, y) {
    for (var i = 0; i < iteratees.length; i++) {
      var r = compareAscending(x.c[i], y.c[i]);
      if (r) {
        var o = orders && orders[i];
        return o === 'desc' || o === false ? -r : r;
      }
    }
    return x.i - y.i;
  });
  return items.map(function (it) { return it.v; });
}

function sortBy(coll) {
  var its = baseFlatten(Array.prototype.slice.call(arguments, 1), 1);
  return baseOrderBy(coll, its);
}

function orderBy(coll, its, orders) {
  if (its == null) its = [];
  if (!Array.isArray(its)) its = [its];
  if (orders != null && !Array.isArray(orders)) orders = [orders];
  return baseOrderBy(coll, its, orders);
}

function randomInt(lo, hi) { return lo + Math.floor(Math.random() * (hi - lo + 1)); }

function random(lower, upper, floating) {
  if (floating === undefined) {
    if (typeof upper === 'boolean') {
      floating = upper;
      upper = undefined;
    } else if (typeof lower === 'boolean') {
      floating = lower;
      lower = undefined;
    }
  }
  if (lower === undefined && upper === undefined) {
    lower = 0;
    upper = 1;
  } else {
    lower = toNumber(lower) || 0;
    if (upper === undefined) {
      upper = lower;
      lower = 0;
    } else {
      upper = toNumber(upper) || 0;
    }
  }
  if (lower > upper) {
    var t = lower;
    lower = upper;
    upper = t;
  }
  if (floating || lower % 1 || upper % 1) {
    var r = Math.random();
    return Math.min(lower + r * (upper - lower + parseFloat('1e-' + ((r + '').length - 1))), upper);
  }
  return randomInt(lower, upper);
}

function shuffle(coll) {
  var a = toArray(coll);
  for (var i = a.length - 1; i > 0; i--) {
    var j = randomInt(0, i);
    var t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

function sample(coll) {
  var a = isArrayLike(coll) ? coll : values(coll);
  return a.length ? a[randomInt(0, a.length - 1)] : undefined;
}

function sampleSize(coll, n) {
  n = n === undefined ? 1 : Math.max(toInteger(n), 0);
  return shuffle(coll).slice(0, n);
}

// ---------------------------------------------------------------- arrays

function baseFlatten(arr, depth, out) {
  out = out || [];
  for (var i = 0; i < arr.length; i++) {
    var v = arr[i];
    if (depth > 0 && (Array.isArray(v) || isArguments(v))) baseFlatten(v, depth - 1, out);
    else out.push(v);
  }
  return out;
}

function arr(v) { return v == null ? [] : isArrayLike(v) ? Array.prototype.slice.call(v) : []; }

function flatten(a) { return baseFlatten(arr(a), 1); }
function flattenDeep(a) { return baseFlatten(arr(a), Infinity); }
function flattenDepth(a, d) { return baseFlatten(arr(a), d === undefined ? 1 : toInteger(d)); }
function compact(a) { return arr(a).filter(Boolean); }
function head(a) { return a && a.length ? a[0] : undefined; }
function last(a) { return a && a.length ? a[a.length - 1] : undefined; }
function tail(a) { return arr(a).slice(1); }
function initial(a) { return arr(a).slice(0, -1); }
function nth(a, n) {
  a = arr(a);
  n = toInteger(n || 0);
  return a[n < 0 ? a.length + n : n];
}
function take(a, n) { return arr(a).slice(0, n === undefined ? 1 : Math.max(toInteger(n), 0)); }
function takeRight(a, n) {
  a = arr(a);
  n = n === undefined ? 1 : Math.max(toInteger(n), 0);
  return n ? a.slice(-n) : [];
}
function drop(a, n) { return arr(a).slice(n === undefined ? 1 : Math.max(toInteger(n), 0)); }
function dropRight(a, n) {
  a = arr(a);
  n = n === undefined ? 1 : Math.max(toInteger(n), 0);
  return a.slice(0, Math.max(a.length - n, 0));
}
function takeWhile(a, f) {
  f = iteratee(f);
  a = arr(a);
  var i = 0;
  while (i < a.length && f(a[i], i, a)) i++;
  return a.slice(0, i);
}
function dropWhile(a, f) {
  f = iteratee(f);
  a = arr(a);
  var i = 0;
  while (i < a.length && f(a[i], i, a)) i++;
  return a.slice(i);
}

function concat() {
  var out = arr(arguments[0]).length || !Array.isArray(arguments[0]) ? castArray(arguments[0]).slice() : [];
  if (!arguments.length) return [];
  for (var i = 1; i < arguments.length; i++) {
    var v = arguments[i];
    if (Array.isArray(v)) out.push.apply(out, v);
    else out.push(v);
  }
  return out;
}

function baseUniq(a, f) {
  var seen = [];
  var out = [];
  arr(a).forEach(function (v) {
    var c = f ? f(v) : v;
    if (!seen.some(function (s) { return sameValueZero(s, c); })) {
      seen.push(c);
      out.push(v);
    }
  });
  return out;
}

function uniq(a) { return baseUniq(a); }
function uniqBy(a, f) { return baseUniq(a, iteratee(f)); }
function uniqWith(a, cmp) {
  var out = [];
  arr(a).forEach(function (v) {
    if (!out.some(function (o) { return cmp(v, o); })) out.push(v);
  });
  return out;
}

function lastIfFunc(args) {
  var list = Array.prototype.slice.call(args);
  var f = list.length > 1 && !isArrayLike(list[list.length - 1]) ? iteratee(list.pop()) : identity;
  return { lists: list, f: f };
}

function containsBy(list, v, f) {
  var c = f(v);
  return list.some(function (x) { return sameValueZero(f(x), c); });
}

function difference(a) {
  var others = baseFlatten(Array.prototype.slice.call(arguments, 1).filter(isArrayLike), 1);
  return arr(a).filter(function (v) { return !includes(others, v); });
}

function differenceBy(a) {
  var p = lastIfFunc(Array.prototype.slice.call(arguments, 1));
  var others = baseFlatten(p.lists, 1);
  return arr(a).filter(function (v) { return !containsBy(others, v, p.f); });
}

function without(a) {
  var vals = Array.prototype.slice.call(arguments, 1);
  return arr(a).filter(function (v) { return !includes(vals, v); });
}

function pull(a) {
  var vals = Array.prototype.slice.call(arguments, 1);
  for (var i = a.length - 1; i >= 0; i--) if (includes(vals, a[i])) a.splice(i, 1);
  return a;
}

function remove(a, f) {
  f = iteratee(f);
  var removed = [];
  var idx = [];
  a.forEach(function (v, i) {
    if (f(v, i, a)) {
      removed.push(v);
      idx.push(i);
    }
  });
  for (var j = idx.length - 1; j >= 0; j--) a.splice(idx[j], 1);
  return removed;
}

function intersectionWith(lists, f) {
  if (!lists.length) return [];
  var first = baseUniq(lists[0], f);
  return first.filter(function (v) {
    return lists.slice(1).every(function (l) { return containsBy(arr(l), v, f); });
  });
}

function intersection() { return intersectionWith(Array.prototype.slice.call(arguments).map(arr), identity); }
function intersectionBy() {
  var p = lastIfFunc(arguments);
  return intersectionWith(p.lists.map(arr), p.f);
}
function union() { return baseUniq(baseFlatten(Array.prototype.slice.call(arguments).filter(isArrayLike), 1)); }
function unionBy() {
  var p = lastIfFunc(arguments);
  return baseUniq(baseFlatten(p.lists.filter(isArrayLike), 1), p.f);
}
function xor() {
  var lists = Array.prototype.slice.call(arguments).filter(isArrayLike).map(uniq);
  var all = baseFlatten(lists, 1);
  return uniq(all.filter(function (v) {
    return all.filter(function (x) { return sameValueZero(x, v); }).length === 1;
  }));
}

function zip() {
  var lists = Array.prototype.slice.call(arguments).filter(isArrayLike);
  var n = lists.reduce(function (m, l) { return Math.max(m, l.length); }, 0);
  var out = [];
  for (var i = 0; i < n; i++) out.push(lists.map(function (l) { return l[i]; }));
  return out;
}
function unzip(a) { return zip.apply(null, arr(a)); }
function zipObject(ks, vs) {
  var out = {};
  arr(ks).forEach(function (k, i) { out[k] = vs ? vs[i] : undefined; });
  return out;
}
function zipObjectDeep(ks, vs) {
  var out = {};
  arr(ks).forEach(function (k, i) { set(out, k, vs ? vs[i] : undefined); });
  return out;
}

function chunk(a, n) {
  n = n === undefined ? 1 : Math.max(toInteger(n), 0);
  a = arr(a);
  var out = [];
  if (!n) return out;
  for (var i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
}

function indexOf(a, v, from) {
  a = arr(a);
  var i = from == null ? 0 : toInteger(from);
  if (i < 0) i = Math.max(a.length + i, 0);
  for (; i < a.length; i++) if (sameValueZero(a[i], v)) return i;
  return -1;
}

function lastIndexOf(a, v, from) {
  a = arr(a);
  var i = from == null ? a.length - 1 : toInteger(from);
  if (i < 0) i = a.length + i;
  for (i = Math.min(i, a.length - 1); i >= 0; i--) if (sameValueZero(a[i], v)) return i;
  return -1;
}

function fill(a, v, start, end) {
  var n = a ? a.length : 0;
  start = start == null ? 0 : toInteger(start);
  end = end == null ? n : toInteger(end);
  if (start < 0) start = Math.max(n + start, 0);
  if (end < 0) end += n;
  for (var i = start; i < Math.min(end, n); i++) a[i] = v;
  return a;
}

function range(start, end, step) {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  start = toNumber(start) || 0;
  end = toNumber(end) || 0;
  step = step === undefined ? (start < end ? 1 : -1) : toNumber(step) || 0;
  var n = Math.max(Math.ceil((end - start) / (step || 1)), 0);
  var out = new Array(n);
  for (var i = 0; i < n; i++) {
    out[i] = start;
    start += step;
  }
  return out;
}

function rangeRight(start, end, step) { return range(start, end, step).reverse(); }

function times(n, f) {
  n = toInteger(n);
  if (n < 1 || n > MAX_SAFE) return [];
  f = iteratee(f);
  var out = [];
  for (var i = 0; i < n; i++) out.push(f(i));
  return out;
}

function join(a, sep) { return arr(a).join(sep === undefined ? ',' : sep); }
function reverse(a) { return a == null ? a : Array.prototype.reverse.call(a); }

function sortedUniq(a) {
  return arr(a).filter(function (v, i, l) { return !i || !sameValueZero(l[i - 1], v); });
}

// ---------------------------------------------------------------- math

function sumBy(a, f) {
  f = iteratee(f);
  var total;
  arr(a).forEach(function (v) {
    var c = f(v);
    if (c !== undefined) total = total === undefined ? c : total + c;
  });
  return total === undefined ? 0 : total;
}
function sum(a) { return sumBy(a, identity); }
function meanBy(a, f) {
  a = arr(a);
  return a.length ? sumBy(a, f) / a.length : NaN;
}
function mean(a) { return meanBy(a, identity); }

function extremum(a, f, better) {
  var res;
  var best;
  arr(a).forEach(function (v) {
    var c = f(v);
    if (c != null && c === c && !isSymbol(c) && (best === undefined || better(c, best))) {
      best = c;
      res = v;
    }
  });
  return res;
}
function max(a) { return extremum(a, identity, function (x, y) { return x > y; }); }
function min(a) { return extremum(a, identity, function (x, y) { return x < y; }); }
function maxBy(a, f) { return extremum(a, iteratee(f), function (x, y) { return x > y; }); }
function minBy(a, f) { return extremum(a, iteratee(f), function (x, y) { return x < y; }); }

function rounder(fn) {
  return function (n, precision) {
    n = toNumber(n);
    precision = precision == null ? 0 : Math.min(toInteger(precision), 292);
    if (!precision) return Math[fn](n);
    var p = (toString(n) + 'e').split('e');
    var v = Math[fn](p[0] + 'e' + (+p[1] + precision));
    p = (toString(v) + 'e').split('e');
    return +(p[0] + 'e' + (+p[1] - precision));
  };
}

function clamp(n, lower, upper) {
  if (upper === undefined) {
    upper = lower;
    lower = undefined;
  }
  n = toNumber(n);
  if (upper !== undefined) n = n <= upper ? n : upper;
  if (lower !== undefined) n = n >= lower ? n : lower;
  return n;
}

function inRange(n, start, end) {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (start > end) {
    var t = start;
    start = end;
    end = t;
  }
  return n >= start && n < end;
}

// ---------------------------------------------------------------- strings

var DEBURR = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'Ae', 'ø': 'o', 'Ø': 'O', 'œ': 'oe', 'Œ': 'Oe', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th', 'ł': 'l', 'Ł': 'L', 'ı': 'i', 'ĳ': 'ij', 'Ĳ': 'IJ' };

function deburr(s) {
  s = toString(s);
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ßæÆøØœŒðÐþÞłŁıĳĲ]/g, function (c) { return DEBURR[c]; });
}

var LOWER = 'a-z\\xdf-\\xf6\\xf8-\\xff';
var UPPER = 'A-Z\\xc0-\\xd6\\xd8-\\xde';
var CONTR = "(?:['\u2019](?:d|ll|m|re|s|t|ve))?";
var CONTR_UP = "(?:['\u2019](?:D|LL|M|RE|S|T|VE))?";
var WORD_RE = new RegExp([
  '[' + UPPER + ']?[' + LOWER + ']+' + CONTR + '(?=[^' + LOWER + ']|$)',
  '[' + UPPER + ']+' + CONTR_UP + '(?=[' + UPPER + '][' + LOWER + ']|[^' + UPPER + LOWER + ']|$)',
  '[' + UPPER + ']?[' + LOWER + ']+' + CONTR,
  '[' + UPPER + ']+' + CONTR_UP,
  '\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])',
  '\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])',
  '\\d+',
  '[^\\x00-\\x7f\\s' + UPPER.replace(/A-Z/, '') + LOWER.replace(/a-z/, '') + '\\u2019]+'
].join('|'), 'g');

function words(s, pattern) {
  s = toString(s);
  if (pattern !== undefined) return s.match(pattern) || [];
  return s.match(WORD_RE) || [];
}

function compounder(fn) {
  return function (s) {
    return words(deburr(s).replace(/['\u2019]/g, '')).reduce(function (acc, w, i) { return fn(acc, w, i); }, '');
  };
}

function upperFirst(s) {
  s = toString(s);
  var cps = Array.from(s);
  return cps.length ? cps[0].toUpperCase() + cps.slice(1).join('') : '';
}
function lowerFirst(s) {
  s = toString(s);
  var cps = Array.from(s);
  return cps.length ? cps[0].toLowerCase() + cps.slice(1).join('') : '';
}
function capitalize(s) { return upperFirst(toString(s).toLowerCase()); }

var camelCase = compounder(function (acc, w, i) {
  w = w.toLowerCase();
  return acc + (i ? capitalize(w) : w);
});
var kebabCase = compounder(function (acc, w, i) { return acc + (i ? '-' : '') + w.toLowerCase(); });
var snakeCase = compounder(function (acc, w, i) { return acc + (i ? '_' : '') + w.toLowerCase(); });
var lowerCase = compounder(function (acc, w, i) { return acc + (i ? ' ' : '') + w.toLowerCase(); });
var upperCase = compounder(function (acc, w, i) { return acc + (i ? ' ' : '') + w.toUpperCase(); });
var startCase = compounder(function (acc, w, i) { return acc + (i ? ' ' : '') + upperFirst(w); });

function escapeChars(chars) { return chars.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&'); }

function trimWith(s, chars, where) {
  s = toString(s);
  if (chars === undefined) return where === 'start' ? s.replace(/^\s+/, '') : where === 'end' ? s.replace(/\s+$/, '') : s.trim();
  var set = '[' + escapeChars(toString(chars)) + ']+';
  if (!toString(chars)) return s;
  if (where !== 'end') s = s.replace(new RegExp('^' + set), '');
  if (where !== 'start') s = s.replace(new RegExp(set + '$'), '');
  return s;
}
function trim(s, chars) { return trimWith(s, chars, 'both'); }
function trimStart(s, chars) { return trimWith(s, chars, 'start'); }
function trimEnd(s, chars) { return trimWith(s, chars, 'end'); }

function padding(n, chars) {
  chars = chars === undefined ? ' ' : toString(chars);
  if (!chars || n <= 0) return '';
  var out = '';
  while (out.length < n) out += chars;
  return out.slice(0, n);
}

function pad(s, len, chars) {
  s = toString(s);
  len = toInteger(len);
  var n = Array.from(s).length;
  if (!len || n >= len) return s;
  var mid = (len - n) / 2;
  return padding(Math.floor(mid), chars) + s + padding(Math.ceil(mid), chars);
}
function padStart(s, len, chars) {
  s = toString(s);
  var n = Array.from(s).length;
  return padding(toInteger(len) - n, chars) + s;
}
function padEnd(s, len, chars) {
  s = toString(s);
  var n = Array.from(s).length;
  return s + padding(toInteger(len) - n, chars);
}

function repeat(s, n) {
  n = n === undefined ? 1 : toInteger(n);
  s = toString(s);
  return n < 1 ? '' : s.repeat(n);
}

function startsWith(s, target, pos) {
  s = toString(s);
  pos = pos == null ? 0 : clamp(toInteger(pos), 0, s.length);
  target = toString(target);
  return s.slice(pos, pos + target.length) === target;
}

function endsWith(s, target, pos) {
  s = toString(s);
  target = toString(target);
  pos = pos === undefined ? s.length : clamp(toInteger(pos), 0, s.length);
  var end = pos - target.length;
  return end >= 0 && s.slice(end, pos) === target;
}

function split(s, sep, limit) {
  s = toString(s);
  limit = limit === undefined ? 4294967295 : limit >>> 0;
  if (!limit) return [];
  if (sep === undefined) return [s];
  return s.split(sep, limit);
}

function replace(s, pattern, repl) { return toString(s).replace(pattern, repl); }
function toLower(s) { return toString(s).toLowerCase(); }
function toUpper(s) { return toString(s).toUpperCase(); }

var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
var UNESC = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function escape(s) { return toString(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
function unescape(s) { return toString(s).replace(/&(?:amp|lt|gt|quot|#39);/g, function (c) { return UNESC[c]; }); }
function escapeRegExp(s) { return toString(s).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'); }

function truncate(s, opts) {
  s = toString(s);
  opts = opts || {};
  var length = opts.length === undefined ? 30 : toInteger(opts.length);
  var omission = opts.omission === undefined ? '...' : toString(opts.omission);
  if (s.length <= length) return s;
  var end = length - omission.length;
  if (end < 1) return omission;
  var out = s.slice(0, end);
  var sep = opts.separator;
  if (sep !== undefined) {
    if (isRegExp(sep)) {
      var re = new RegExp(sep.source, sep.flags.indexOf('g') >= 0 ? sep.flags : sep.flags + 'g');
      var m;
      var lastIdx;
      while ((m = re.exec(out))) {
        lastIdx = m.index;
        if (!m[0].length) re.lastIndex++;
      }
      if (lastIdx !== undefined) out = out.slice(0, lastIdx);
    } else {
      var i = out.lastIndexOf(sep);
      if (i > -1) out = out.slice(0, i);
    }
  }
  return out + omission;
}

var templateSettings = {
  escape: /<%-([\s\S]+?)%>/g,
  evaluate: /<%([\s\S]+?)%>/g,
  interpolate: /<%=([\s\S]+?)%>/g,
  variable: '',
  imports: {}
};

function template(str, options) {
  str = toString(str);
  var o = assign({}, templateSettings, options);
  var imports = assign({ _: lodash }, templateSettings.imports, o.imports);
  var importKeys = keys(imports);
  var importValues = importKeys.map(function (k) { return imports[k]; });
  var esTemplate = /\$\{([^\\}]*(?:\\.[^\\}]*)*)\}/g;
  var interpolate = o.interpolate || /$^/;
  var re = new RegExp(
    (o.escape || /$^/).source + '|' +
      (interpolate === templateSettings.interpolate ? esTemplate : interpolate).source + '|' +
      (interpolate === templateSettings.interpolate ? interpolate.source + '|' : '') +
      (o.evaluate || /$^/).source + '|$',
    'g'
  );
  var source = "__p += '";
  var index = 0;
  var hasInterp = interpolate === templateSettings.interpolate;
  str.replace(re, function (match) {
    var groups = Array.prototype.slice.call(arguments, 1, -2);
    var offset = arguments[arguments.length - 2];
    var esc = groups[0];
    var interp = hasInterp ? groups[1] || groups[2] : groups[1];
    var evaluate = hasInterp ? groups[3] : groups[2];
    source += str.slice(index, offset).replace(/['\n\r\u2028\u2029\\]/g, function (c) {
      return { "'": "\\'", '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029', '\\': '\\\\' }[c];
    });
    if (esc) source += "' +\n__e(" + esc + ") +\n'";
    if (evaluate) source += "';\n" + evaluate + ";\n__p += '";
    if (interp) source += "' +\n((__t = (" + interp + ")) == null ? '' : __t) +\n'";
    index = offset + match.length;
    return match;
  });
  source += "';\n";
  var variable = o.variable;
  if (!variable) source = 'with (obj) {\n' + source + '\n}\n';
  source = 'function(' + (variable || 'obj') + ') {\n' + (variable ? '' : 'obj || (obj = {});\n') +
    "var __t, __p = '', __e = _.escape, __j = Array.prototype.join;\n" +
    'function print() { __p += __j.call(arguments, \'\') }\n' + source + 'return __p\n}';
  var compiled = Function(importKeys.join(','), 'return ' + source).apply(undefined, importValues);
  compiled.source = source;
  return compiled;
}

var idCounter = 0;
function uniqueId(prefix) { return toString(prefix) + ++idCounter; }

// ---------------------------------------------------------------- functions

function once(fn) {
  var done = false;
  var res;
  return function () {
    if (!done) {
      done = true;
      res = fn.apply(this, arguments);
    }
    return res;
  };
}

function memoize(fn, resolver) {
  var m = function () {
    var key = resolver ? resolver.apply(this, arguments) : arguments[0];
    if (m.cache.has(key)) return m.cache.get(key);
    var r = fn.apply(this, arguments);
    m.cache.set(key, r);
    return r;
  };
  m.cache = new Map();
  return m;
}

function negate(pred) { return function () { return !pred.apply(this, arguments); }; }
function attempt(fn) {
  try {
    return fn.apply(undefined, Array.prototype.slice.call(arguments, 1));
  } catch (e) {
    return isError(e) ? e : new Error(e);
  }
}
function defaultTo(v, d) { return v == null || v !== v ? d : v; }
function stubArray() { return []; }
function stubObject() { return {}; }
function stubTrue() { return true; }
function stubFalse() { return false; }

// ---------------------------------------------------------------- chaining

function LodashWrapper(value, chainAll) {
  this.__wrapped__ = value;
  this.__chain__ = !!chainAll;
}

function lodash(value) {
  if (value instanceof LodashWrapper) return value;
  return new LodashWrapper(value, false);
}

LodashWrapper.prototype.value = function () { return this.__wrapped__; };
LodashWrapper.prototype.valueOf = LodashWrapper.prototype.value;
LodashWrapper.prototype.toJSON = LodashWrapper.prototype.value;
LodashWrapper.prototype.toString = function () { return toString(this.__wrapped__); };
LodashWrapper.prototype.chain = function () {
  this.__chain__ = true;
  return this;
};
LodashWrapper.prototype.commit = function () { return new LodashWrapper(this.__wrapped__, this.__chain__); };
LodashWrapper.prototype.tap = function (fn) {
  fn(this.__wrapped__);
  return this;
};
LodashWrapper.prototype.thru = function (fn) { return new LodashWrapper(fn(this.__wrapped__), this.__chain__); };
['push', 'pop', 'shift', 'unshift', 'splice', 'sort'].forEach(function (name) {
  LodashWrapper.prototype[name] = function () {
    var v = this.__wrapped__;
    var r = Array.prototype[name].apply(v, arguments);
    var mutating = name === 'push' || name === 'unshift' || name === 'sort';
    return this.__chain__ || mutating ? new LodashWrapper(mutating ? v : r, this.__chain__) : r;
  };
});

function chain(value) { return new LodashWrapper(value, true); }

// Methods whose implicit-chain result is the plain value (lodash's list).
var UNWRAPPED = ('camelCase capitalize ceil clamp clone cloneDeep deburr defaultTo each endsWith escape escapeRegExp every ' +
  'find findIndex findKey findLast findLastIndex first floor forEach forEachRight forIn forOwn get has hasIn head identity ' +
  'includes indexOf inRange join kebabCase last lastIndexOf lowerCase lowerFirst max maxBy mean meanBy min minBy noop nth ' +
  'pad padEnd padStart parseInt random reduce reduceRight repeat result round sample size snakeCase some startCase ' +
  'startsWith sum sumBy template times toLower toNumber toInteger toString toUpper trim trimEnd trimStart truncate ' +
  'unescape uniqueId upperCase upperFirst words contains findWhere any all detect foldl foldr inject trunc').split(' ');

function mixin(target, source) {
  keys(source).forEach(function (name) {
    var fn = source[name];
    if (typeof fn !== 'function') return;
    target[name] = fn;
    var unwrapped = UNWRAPPED.indexOf(name) >= 0 || /^is[A-Z]/.test(name);
    LodashWrapper.prototype[name] = function () {
      var args = [this.__wrapped__].concat(Array.prototype.slice.call(arguments));
      var r = fn.apply(lodash, args);
      if (unwrapped && !this.__chain__) return r;
      return new LodashWrapper(r, this.__chain__);
    };
  });
  return target;
}

var api = {
  // lang
  isNil: isNil, isNull: function (v) { return v === null; }, isUndefined: function (v) { return v === undefined; },
  isObject: isObject, isObjectLike: isObjectLike, isPlainObject: isPlainObject, isFunction: isFunction,
  isString: isString, isNumber: isNumber, isBoolean: isBoolean, isArray: Array.isArray, isDate: isDate,
  isRegExp: isRegExp, isError: isError, isSymbol: isSymbol, isMap: isMap, isSet: isSet, isArrayLike: isArrayLike,
  isArguments: isArguments, isInteger: isInteger, isSafeInteger: isSafeInteger, isFinite: isFinite_, isNaN: isNaN_,
  isLength: isLength, isEqual: isEqual, isEmpty: isEmpty, isMatch: isMatch,
  isArrayLikeObject: function (v) { return isObjectLike(v) && isArrayLike(v); },
  toArray: toArray, toString: toString, toNumber: toNumber, toInteger: toInteger, castArray: castArray,
  toFinite: function (v) { var n = toNumber(v); return n === Infinity || n === -Infinity ? (n < 0 ? -1 : 1) * Number.MAX_VALUE : n === n ? n : 0; },
  toPlainObject: function (v) { return assignIn({}, v); },
  clone: clone, cloneDeep: cloneDeep, eq: sameValueZero,
  gt: function (a, b) { return a > b; }, gte: function (a, b) { return a >= b; },
  lt: function (a, b) { return a < b; }, lte: function (a, b) { return a <= b; },
  // objects
  get: get, set: set, unset: unset, has: has, hasIn: hasIn, result: result,
  keys: keys, keysIn: keysIn, values: values, valuesIn: function (o) { return keysIn(o).map(function (k) { return o[k]; }); },
  entries: toPairs, toPairs: toPairs, entriesIn: toPairs, toPairsIn: toPairs, fromPairs: fromPairs, invert: invert,
  pick: pick, omit: omit, pickBy: pickBy, omitBy: omitBy, mapValues: mapValues, mapKeys: mapKeys, findKey: findKey,
  forOwn: forOwn, forIn: forIn, assign: assign, assignIn: assignIn, extend: assignIn, defaults: defaults,
  defaultsDeep: defaultsDeep, merge: merge, mergeWith: mergeWith, transform: transform,
  update: function (o, p, f) { return set(o, p, f(get(o, p))); },
  // collections
  each: forEach, forEach: forEach, eachRight: forEachRight, forEachRight: forEachRight, map: map, flatMap: flatMap,
  flatMapDeep: flatMapDeep, filter: filter, reject: reject, partition: partition, find: find, findLast: findLast,
  reduce: reduce, reduceRight: reduceRight, some: some, every: every, includes: includes, contains: includes,
  size: size, groupBy: groupBy, countBy: countBy, keyBy: keyBy, sortBy: sortBy, orderBy: orderBy,
  sample: sample, sampleSize: sampleSize, shuffle: shuffle,
  invokeMap: function (c, m) {
    var args = Array.prototype.slice.call(arguments, 2);
    return map(c, function (v) { return (typeof m === 'function' ? m : v[m]).apply(v, args); });
  },
  // arrays
  first: head, head: head, last: last, tail: tail, initial: initial, nth: nth, take: take, takeRight: takeRight,
  drop: drop, dropRight: dropRight, takeWhile: takeWhile, dropWhile: dropWhile, flatten: flatten,
  flattenDeep: flattenDeep, flattenDepth: flattenDepth, compact: compact, concat: concat, difference: difference,
  differenceBy: differenceBy, without: without, pull: pull, remove: remove, intersection: intersection,
  intersectionBy: intersectionBy, union: union, unionBy: unionBy, xor: xor, uniq: uniq, uniqBy: uniqBy,
  uniqWith: uniqWith, sortedUniq: sortedUniq, zip: zip, unzip: unzip, zipObject: zipObject, zipObjectDeep: zipObjectDeep,
  chunk: chunk, findIndex: findIndex, findLastIndex: findLastIndex, indexOf: indexOf, lastIndexOf: lastIndexOf,
  fill: fill, range: range, rangeRight: rangeRight, times: times, join: join, reverse: reverse,
  // math
  sum: sum, sumBy: sumBy, mean: mean, meanBy: meanBy, max: max, min: min, maxBy: maxBy, minBy: minBy,
  random: random, round: rounder('round'), floor: rounder('floor'), ceil: rounder('ceil'), clamp: clamp, inRange: inRange,
  add: function (a, b) { return a + b; }, subtract: function (a, b) { return a - b; },
  multiply: function (a, b) { return a * b; }, divide: function (a, b) { return a / b; },
  // strings
  camelCase: camelCase, kebabCase: kebabCase, snakeCase: snakeCase, startCase: startCase, lowerCase: lowerCase,
  upperCase: upperCase, capitalize: capitalize, upperFirst: upperFirst, lowerFirst: lowerFirst, deburr: deburr,
  words: words, trim: trim, trimStart: trimStart, trimEnd: trimEnd, pad: pad, padStart: padStart, padEnd: padEnd,
  repeat: repeat, startsWith: startsWith, endsWith: endsWith, split: split, replace: replace, toLower: toLower,
  toUpper: toUpper, escape: escape, unescape: unescape, escapeRegExp: escapeRegExp, truncate: truncate,
  template: template,
  parseInt: function (s, radix) { return parseInt(toString(s).trim(), radix || 0); },
  // utilities
  identity: identity, noop: noop, constant: constant, iteratee: iteratee, matches: matches,
  matchesProperty: matchesProperty, property: property, uniqueId: uniqueId, once: once, memoize: memoize,
  negate: negate, attempt: attempt, defaultTo: defaultTo, stubArray: stubArray, stubObject: stubObject,
  stubTrue: stubTrue, stubFalse: stubFalse, now: function () { return Date.now(); },
  tap: function (v, fn) {
    fn(v);
    return v;
  },
  thru: function (v, fn) { return fn(v); },
  // lodash 3 names, for old scripts written against Postman's legacy `_`.
  pluck: function (c, path) { return map(c, property(path)); },
  where: function (c, src) { return filter(c, matches(src)); },
  findWhere: function (c, src) { return find(c, matches(src)); },
  any: some, all: every, collect: map, detect: find, select: filter, foldl: reduce, inject: reduce,
  foldr: reduceRight, rest: tail, unique: uniq, object: zipObject, indexBy: keyBy, trunc: truncate
};

mixin(lodash, api);
lodash.chain = chain;
lodash.mixin = function (obj, src) {
  if (src === undefined) return mixin(lodash, obj);
  return assign(obj, src);
};
lodash.templateSettings = templateSettings;
lodash.prototype = LodashWrapper.prototype;
lodash.VERSION = '4.17.21';

module.exports = lodash;
