'use strict';
/*
 * postie assertion library.
 *
 * A from-scratch implementation of the chai 4 BDD `expect` interface for the
 * script sandbox. Behaviour, value formatting and failure message wording
 * follow chai 4.x (which formats values with loupe 2.x), because collection
 * authors read and grep those messages.
 *
 * CommonJS module body: no Node built-ins, runs on QuickJS (ES2020).
 *
 * Layout:
 *   1. configuration
 *   2. type detection
 *   3. value formatting (inspect / objDisplay)
 *   4. deep equality
 *   5. AssertionError
 *   6. plugin utilities (flags, addProperty/addMethod/addChainableMethod...)
 *   7. Assertion
 *   8. core assertions
 *   9. expect interface and exports
 */

/* ------------------------------------------------------------------ */
/* 1. configuration                                                    */
/* ------------------------------------------------------------------ */

var config = {
  includeStack: false,
  showDiff: true,
  truncateThreshold: 40,
  useProxy: true,
  proxyExcludedKeys: ['then', 'catch', 'inspect', 'toJSON'],
  deepEqual: null
};

var objectToString = Object.prototype.toString;
var hasOwn = Object.prototype.hasOwnProperty;
var ELLIPSIS = '\u2026';

function toStringTag(value) {
  return objectToString.call(value).slice(8, -1);
}

function isPrimitive(value) {
  return value === null || typeof value !== 'object';
}

function sameValueNaN(value) {
  return value !== value; // eslint-disable-line no-self-compare
}

/** Name of a function as chai's get-func-name reports it (null for non-functions). */
function functionName(fn) {
  if (typeof fn !== 'function') return null;
  return fn.name;
}

/* ------------------------------------------------------------------ */
/* 2. type detection (type-detect semantics)                           */
/* ------------------------------------------------------------------ */

var prototypeNames = null;

function knownPrototypes() {
  if (prototypeNames) return prototypeNames;
  var list = [
    [RegExp.prototype, 'RegExp'],
    [Date.prototype, 'Date']
  ];
  function add(ctorName, name) {
    var ctor = globalThis[ctorName];
    if (typeof ctor === 'function') list.push([ctor.prototype, name]);
  }
  add('Promise', 'Promise');
  add('Set', 'Set');
  add('Map', 'Map');
  add('WeakSet', 'WeakSet');
  add('WeakMap', 'WeakMap');
  add('DataView', 'DataView');
  list.push([Object.getPrototypeOf(new Map().entries()), 'Map Iterator']);
  list.push([Object.getPrototypeOf(new Set().entries()), 'Set Iterator']);
  list.push([Object.getPrototypeOf([][Symbol.iterator]()), 'Array Iterator']);
  list.push([Object.getPrototypeOf(''[Symbol.iterator]()), 'String Iterator']);
  prototypeNames = list;
  return list;
}

/**
 * Type name of a value: primitives by `typeof` ('string', 'function', ...),
 * 'null', and objects by their kind ('Array', 'Object', 'Map', 'RegExp', ...).
 */
function typeDetect(value) {
  var kind = typeof value;
  if (kind !== 'object') return kind;
  if (value === null) return 'null';
  if (value === globalThis) return 'global';
  if (Array.isArray(value) && !(Symbol.toStringTag in value)) return 'Array';
  var tag = value[Symbol.toStringTag];
  if (typeof tag === 'string') return tag;
  var proto = Object.getPrototypeOf(value);
  var known = knownPrototypes();
  for (var i = 0; i < known.length; i++) {
    if (known[i][0] === proto) return known[i][1];
  }
  if (proto === null) return 'Object';
  return toStringTag(value);
}

/* ------------------------------------------------------------------ */
/* 3. value formatting (loupe 2 compatible)                            */
/* ------------------------------------------------------------------ */

/** Shorten `text` to `limit` characters, ending with the ellipsis marker. */
function clip(text, limit, marker) {
  if (marker === undefined) marker = ELLIPSIS;
  text = String(text);
  if (marker.length > limit && text.length > marker.length) return marker;
  if (text.length > limit && text.length > marker.length) {
    return text.slice(0, limit - marker.length) + marker;
  }
  return text;
}

function makeOptions(source) {
  source = source || {};
  return {
    showHidden: Boolean(source.showHidden),
    depth: source.depth === undefined ? 2 : Number(source.depth),
    colors: false,
    customInspect: source.customInspect === undefined ? true : Boolean(source.customInspect),
    truncate: source.truncate === undefined ? Infinity : Number(source.truncate),
    seen: source.seen || [],
    inspect: formatValue
  };
}

/*
 * Join formatted items with ', ' while keeping within options.truncate
 * characters; items that do not fit are summarised as '…(n)'. The budget
 * bookkeeping (including looking one item ahead) is what gives loupe its
 * exact output, so it is reproduced step by step.
 */
function formatList(items, options, formatItem, separator) {
  formatItem = formatItem || options.inspect;
  if (separator === undefined) separator = ', ';
  var count = items.length;
  if (count === 0) return '';
  var budget = options.truncate;
  var out = '';
  var ahead = '';
  var rest = '';
  for (var i = 0; i < count; i++) {
    var isLast = i === count - 1;
    var isPenultimate = i === count - 2;
    rest = ELLIPSIS + '(' + (count - i) + ')';
    options.truncate = budget - out.length - (isLast ? 0 : separator.length);
    var piece = ahead || formatItem(items[i], options) + (isLast ? '' : separator);
    var withPiece = out.length + piece.length;
    var withRest = withPiece + rest.length;
    if (isLast && withPiece > budget && out.length + rest.length <= budget) break;
    if (!isLast && !isPenultimate && withRest > budget) break;
    ahead = isLast ? '' : formatItem(items[i + 1], options) + (isPenultimate ? '' : separator);
    if (isPenultimate && withRest > budget && withPiece + ahead.length > budget) break;
    out += piece;
    if (!isLast && !isPenultimate && withPiece + ahead.length >= budget) {
      rest = ELLIPSIS + '(' + (count - i - 1) + ')';
      break;
    }
    rest = '';
  }
  return out + rest;
}

function formatKey(key) {
  if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) return key;
  return JSON.stringify(key)
    .replace(/'/g, "\\'")
    .replace(/\\"/g, '"')
    .replace(/(^"|"$)/g, "'");
}

function formatProperty(entry, options) {
  var key = entry[0];
  options.truncate -= 2;
  if (typeof key === 'string') key = formatKey(key);
  else if (typeof key !== 'number') key = '[' + options.inspect(key, options) + ']';
  options.truncate -= String(key).length;
  return key + ': ' + options.inspect(entry[1], options);
}

function propertyEntries(object, keys) {
  return keys.map(function (key) { return [key, object[key]]; });
}

var SPECIAL_CHARS = /['\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0604\u070f\u17b4\u17b5\u200c-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff]/g;
var CHAR_ESCAPES = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', "'": "\\'" };

function escapeChar(ch) {
  return CHAR_ESCAPES[ch] || '\\u' + ('0000' + ch.charCodeAt(0).toString(16)).slice(-4);
}

function formatString(value, options) {
  return quoted(String(value), options.truncate);
}

/** A string as formatString shows it, truncated at `truncate` characters. */
function quoted(text, truncate) {
  // Printable ASCII without a quote, as most names and values are, has nothing
  // to escape: a look at each character costs less than the replace.
  var plain = text.length <= 64;
  for (var i = 0; plain && i < text.length; i++) {
    var c = text.charCodeAt(i);
    plain = c >= 0x20 && c < 0x7f && c !== 0x27;
  }
  if (!plain) text = text.replace(SPECIAL_CHARS, escapeChar);
  return "'" + clip(text, truncate - 2) + "'";
}

function formatNumber(value, options) {
  return numberText(value, options.truncate);
}

function numberText(value, truncate) {
  if (sameValueNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return 1 / value === Infinity ? '+0' : '-0';
  return clip(value, truncate);
}

function formatBigInt(value, options) {
  var digits = clip(value.toString(), options.truncate - 1);
  return digits === ELLIPSIS ? digits : digits + 'n';
}

function formatSymbol(value) {
  return value.description ? 'Symbol(' + value.description + ')' : 'Symbol()';
}

function formatFunction(fn, options) {
  var name = functionName(fn);
  if (!name) return '[Function]';
  return '[Function ' + clip(name, options.truncate - 11) + ']';
}

function formatDate(date, options) {
  var iso = date.toJSON();
  if (iso === null) return 'Invalid Date';
  var parts = iso.split('T');
  return parts[0] + 'T' + clip(parts[1], options.truncate - parts[0].length - 1);
}

function formatRegExp(re, options) {
  var flags = re.flags;
  return '/' + clip(re.source, options.truncate - (2 + flags.length)) + '/' + flags;
}

function formatArray(array, options) {
  var extraKeys = Object.keys(array).slice(array.length);
  if (!array.length && !extraKeys.length) return '[]';
  if (options.seen.indexOf(array) !== -1) return '[Circular]';
  options.seen.push(array);
  options.truncate -= 4;
  var items = formatList(array, options);
  options.truncate -= items.length;
  var extra = extraKeys.length ? formatList(propertyEntries(array, extraKeys), options, formatProperty) : '';
  options.seen.pop();
  return '[ ' + items + (extra ? ', ' + extra : '') + ' ]';
}

function formatTypedArray(array, options) {
  var name = array[Symbol.toStringTag] || functionName(array.constructor);
  options.truncate -= name.length + 4;
  var extraKeys = Object.keys(array).slice(array.length);
  if (!array.length && !extraKeys.length) return name + '[]';
  var out = '';
  for (var i = 0; i < array.length; i++) {
    var piece = clip(array[i], options.truncate) + (i === array.length - 1 ? '' : ', ');
    options.truncate -= piece.length;
    if (i !== array.length - 1 && options.truncate <= 3) {
      out += ELLIPSIS + '(' + (array.length - i) + ')';
      break;
    }
    out += piece;
  }
  var extra = extraKeys.length ? formatList(propertyEntries(array, extraKeys), options, formatProperty) : '';
  return name + '[ ' + out + (extra ? ', ' + extra : '') + ' ]';
}

function formatMapEntry(entry, options) {
  options.truncate -= 4;
  var key = options.inspect(entry[0], options);
  options.truncate -= key.length;
  return key + ' => ' + options.inspect(entry[1], options);
}

function formatMap(map, options) {
  if (map.size === 0) return 'Map{}';
  options.truncate -= 7;
  var entries = [];
  map.forEach(function (value, key) { entries.push([key, value]); });
  return 'Map{ ' + formatList(entries, options, formatMapEntry) + ' }';
}

function formatSet(set, options) {
  if (set.size === 0) return 'Set{}';
  options.truncate -= 7;
  var values = [];
  set.forEach(function (value) { values.push(value); });
  return 'Set{ ' + formatList(values, options) + ' }';
}

function formatArguments(args, options) {
  if (args.length === 0) return 'Arguments[]';
  options.truncate -= 13;
  return 'Arguments[ ' + formatList(args, options) + ' ]';
}

var ERROR_OWN_KEYS = ['stack', 'line', 'column', 'name', 'message', 'fileName', 'lineNumber',
  'columnNumber', 'number', 'description'];

function formatError(error, options) {
  var keys = Object.getOwnPropertyNames(error).filter(function (key) {
    return ERROR_OWN_KEYS.indexOf(key) === -1;
  });
  var name = error.name;
  options.truncate -= name.length;
  var message = '';
  if (typeof error.message === 'string') message = clip(error.message, options.truncate);
  else keys.unshift('message');
  message = message ? ': ' + message : '';
  options.truncate -= message.length + 5;
  var props = formatList(propertyEntries(error, keys), options, formatProperty);
  return name + message + (props ? ' { ' + props + ' }' : '');
}

function formatObject(object, options) {
  var names = Object.getOwnPropertyNames(object);
  var symbols = Object.getOwnPropertySymbols(object);
  if (names.length === 0 && symbols.length === 0) return '{}';
  options.truncate -= 4;
  if (options.seen.indexOf(object) !== -1) return '[Circular]';
  options.seen.push(object);
  var named = formatList(propertyEntries(object, names), options, formatProperty);
  var symbolic = formatList(propertyEntries(object, symbols), options, formatProperty);
  options.seen.pop();
  return '{ ' + named + (named && symbolic ? ', ' : '') + symbolic + ' }';
}

function formatInstance(value, options) {
  var name = '';
  if (Symbol.toStringTag in value) name = value[Symbol.toStringTag];
  name = name || functionName(value.constructor);
  if (!name || name === '_class') name = '<Anonymous Class>';
  options.truncate -= name.length;
  return name + formatObject(value, options);
}

function constant(text) {
  return function () { return text; };
}

var typedArrayNames = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'];

var formatters = {
  undefined: constant('undefined'),
  null: constant('null'),
  boolean: String,
  Boolean: String,
  number: formatNumber,
  Number: formatNumber,
  bigint: formatBigInt,
  BigInt: formatBigInt,
  string: formatString,
  String: formatString,
  function: formatFunction,
  Function: formatFunction,
  symbol: formatSymbol,
  Symbol: formatSymbol,
  Array: formatArray,
  Date: formatDate,
  Map: formatMap,
  Set: formatSet,
  RegExp: formatRegExp,
  Promise: constant('Promise{' + ELLIPSIS + '}'),
  WeakSet: constant('WeakSet{' + ELLIPSIS + '}'),
  WeakMap: constant('WeakMap{' + ELLIPSIS + '}'),
  Arguments: formatArguments,
  Generator: constant(''),
  DataView: constant(''),
  ArrayBuffer: constant(''),
  Error: formatError
};
typedArrayNames.forEach(function (name) { formatters[name] = formatTypedArray; });

var CHAI_INSPECT = Symbol.for('chai/inspect');
var NODE_INSPECT = Symbol.for('nodejs.util.inspect.custom');

function customFormat(value, options) {
  if (CHAI_INSPECT in value && typeof value[CHAI_INSPECT] === 'function') {
    return value[CHAI_INSPECT](options);
  }
  if (NODE_INSPECT in value && typeof value[NODE_INSPECT] === 'function') {
    return value[NODE_INSPECT](options.depth, options);
  }
  if ('inspect' in value && typeof value.inspect === 'function') {
    return value.inspect(options.depth, options);
  }
  return '';
}

/**
 * Format any value the way chai 4 shows it in messages (loupe 2 style).
 * `options.truncate` bounds the length (Infinity when absent).
 */
function formatValue(value, opts) {
  var options = makeOptions(opts);
  var kind = value === null ? 'null' : typeof value;
  if (kind === 'object') kind = toStringTag(value);
  var formatter = formatters[kind];
  if (formatter) return formatter(value, options);

  if (options.customInspect && value) {
    var custom = customFormat(value, options);
    if (custom) return typeof custom === 'string' ? custom : formatValue(custom, options);
  }

  var proto = value ? Object.getPrototypeOf(value) : false;
  if (proto === Object.prototype || proto === null) return formatObject(value, options);
  if ('constructor' in value) {
    return value.constructor !== Object ? formatInstance(value, options) : formatObject(value, options);
  }
  if (value === Object(value)) return formatObject(value, options);
  return String(value);
}

/** chai's utils.inspect(obj, showHidden, depth, colors): truncated at config.truncateThreshold. */
function chaiInspect(obj, showHidden, depth, colors) {
  // A string or a number needs no options object (two, with formatValue's):
  // messages show property names and values on every assertion that holds.
  var kind = typeof obj;
  if (kind === 'string' || kind === 'number') {
    var truncate = config.truncateThreshold ? Number(config.truncateThreshold) : Infinity;
    return kind === 'string' ? quoted(obj, truncate) : numberText(obj, truncate);
  }
  return formatValue(obj, {
    colors: colors,
    depth: depth === undefined ? 2 : depth,
    showHidden: showHidden,
    truncate: config.truncateThreshold ? config.truncateThreshold : Infinity
  });
}

/** How `#{this}`, `#{exp}` and `#{act}` are shown: long values get abbreviated. */
function objDisplay(obj) {
  var text = chaiInspect(obj);
  if (!config.truncateThreshold || text.length < config.truncateThreshold) return text;
  var tag = objectToString.call(obj);
  if (tag === '[object Function]') {
    return !obj.name ? '[Function]' : '[Function: ' + obj.name + ']';
  }
  if (tag === '[object Array]') return '[ Array(' + obj.length + ') ]';
  if (tag === '[object Object]') {
    var keys = Object.keys(obj);
    var shown = keys.length > 2 ? keys.slice(0, 2).join(', ') + ', ...' : keys.join(', ');
    return '{ Object (' + shown + ') }';
  }
  return text;
}

/* ------------------------------------------------------------------ */
/* 4. deep equality (deep-eql semantics)                               */
/* ------------------------------------------------------------------ */

function memoGet(memo, left, right) {
  if (!memo || isPrimitive(left) || isPrimitive(right)) return null;
  var inner = memo.get(left);
  if (inner) {
    var known = inner.get(right);
    if (typeof known === 'boolean') return known;
  }
  return null;
}

function memoSet(memo, left, right, result) {
  if (!memo || isPrimitive(left) || isPrimitive(right)) return;
  var inner = memo.get(left);
  if (!inner) {
    inner = new WeakMap();
    memo.set(left, inner);
  }
  inner.set(right, result);
}

/** true/false when the answer is known without looking inside objects, else null. */
function shallowVerdict(left, right) {
  if (left === right) return left !== 0 || 1 / left === 1 / right;
  if (sameValueNaN(left) && sameValueNaN(right)) return true;
  if (isPrimitive(left) || isPrimitive(right)) return false;
  return null;
}

function deepEqual(left, right, options) {
  if (!(options && options.comparator)) {
    var verdict = shallowVerdict(left, right);
    if (verdict !== null) return verdict;
  }
  return deepEqualObjects(left, right, options);
}

function deepEqualObjects(left, right, options) {
  options = options || {};
  if (options.memoize !== false) options.memoize = options.memoize || new WeakMap();
  var memo = options.memoize;
  var known = memoGet(memo, left, right);
  if (known !== null) return known;
  known = memoGet(memo, right, left);
  if (known !== null) return known;

  if (options.comparator) {
    var custom = options.comparator(left, right);
    if (custom === true || custom === false) {
      memoSet(memo, left, right, custom);
      return custom;
    }
    var verdict = shallowVerdict(left, right);
    if (verdict !== null) return verdict;
  }

  var kind = typeDetect(left);
  if (kind !== typeDetect(right)) {
    memoSet(memo, left, right, false);
    return false;
  }
  // Assume equal while comparing, so that cycles terminate.
  memoSet(memo, left, right, true);
  var result = equalByKind(left, right, kind, options);
  memoSet(memo, left, right, result);
  return result;
}

function equalByKind(left, right, kind, options) {
  switch (kind) {
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Date':
      return deepEqual(left.valueOf(), right.valueOf());
    case 'Promise':
    case 'Symbol':
    case 'function':
    case 'WeakMap':
    case 'WeakSet':
      return left === right;
    case 'Error':
      return valuesEqualAt(left, right, ['name', 'message', 'code'], options);
    case 'Arguments':
    case 'Array':
      return sequenceEqual(left, right, options);
    case 'RegExp':
      return left.toString() === right.toString();
    case 'Generator':
      return sequenceEqual(drain(left), drain(right), options);
    case 'DataView':
      return sequenceEqual(new Uint8Array(left.buffer), new Uint8Array(right.buffer), options);
    case 'ArrayBuffer':
      return sequenceEqual(new Uint8Array(left), new Uint8Array(right), options);
    case 'Set':
    case 'Map':
      return collectionEqual(left, right, options);
    default:
      if (typedArrayNames.indexOf(kind) !== -1) return sequenceEqual(left, right, options);
      return objectEqual(left, right, options);
  }
}

function sequenceEqual(left, right, options) {
  var length = left.length;
  if (length !== right.length) return false;
  for (var i = 0; i < length; i++) {
    if (deepEqual(left[i], right[i], options) === false) return false;
  }
  return true;
}

function collectionEqual(left, right, options) {
  try {
    if (left.size !== right.size) return false;
    if (left.size === 0) return true;
  } catch (e) {
    return false;
  }
  var leftEntries = [];
  var rightEntries = [];
  left.forEach(function (a, b) { leftEntries.push([a, b]); });
  right.forEach(function (a, b) { rightEntries.push([a, b]); });
  return sequenceEqual(leftEntries.sort(), rightEntries.sort(), options);
}

function drain(iterator) {
  var step = iterator.next();
  var values = [step.value];
  while (step.done === false) {
    step = iterator.next();
    values.push(step.value);
  }
  return values;
}

function iteratedValues(target) {
  if (typeof target === 'object' && typeof target[Symbol.iterator] === 'function') {
    try {
      return drain(target[Symbol.iterator]());
    } catch (e) {
      return [];
    }
  }
  return [];
}

function enumerableKeysWithSymbols(target) {
  var keys = [];
  for (var key in target) keys.push(key);
  Object.getOwnPropertySymbols(target).forEach(function (sym) {
    if (Object.getOwnPropertyDescriptor(target, sym).enumerable) keys.push(sym);
  });
  return keys;
}

function valuesEqualAt(left, right, keys, options) {
  for (var i = 0; i < keys.length; i++) {
    if (deepEqual(left[keys[i]], right[keys[i]], options) === false) return false;
  }
  return true;
}

function keyNames(keys) {
  return keys.map(function (key) { return typeof key === 'symbol' ? key.toString() : key; });
}

function objectEqual(left, right, options) {
  var leftKeys = enumerableKeysWithSymbols(left);
  var rightKeys = enumerableKeysWithSymbols(right);
  if (leftKeys.length && leftKeys.length === rightKeys.length) {
    if (sequenceEqual(keyNames(leftKeys).sort(), keyNames(rightKeys).sort()) === false) return false;
    return valuesEqualAt(left, right, leftKeys, options);
  }
  var leftValues = iteratedValues(left);
  var rightValues = iteratedValues(right);
  if (leftValues.length && leftValues.length === rightValues.length) {
    leftValues.sort();
    rightValues.sort();
    return sequenceEqual(leftValues, rightValues, options);
  }
  return leftKeys.length === 0 && leftValues.length === 0 &&
    rightKeys.length === 0 && rightValues.length === 0;
}

/* ------------------------------------------------------------------ */
/* 5. AssertionError                                                   */
/* ------------------------------------------------------------------ */

var RESERVED_ERROR_PROPS = ['name', 'message', 'stack', 'constructor', 'toJSON'];

function AssertionError(message, props, startFn) {
  this.message = message || 'Unspecified AssertionError';
  this.showDiff = false;
  if (props) {
    var self = this;
    Object.keys(props).forEach(function (key) {
      if (RESERVED_ERROR_PROPS.indexOf(key) === -1) self[key] = props[key];
    });
  }
  if (typeof Error.captureStackTrace === 'function') {
    Error.captureStackTrace(this, typeof startFn === 'function' ? startFn : AssertionError);
  } else {
    try {
      throw new Error(this.message);
    } catch (e) {
      this.stack = e.stack;
    }
  }
}

AssertionError.prototype = Object.create(Error.prototype);
AssertionError.prototype.name = 'AssertionError';
AssertionError.prototype.constructor = AssertionError;
AssertionError.prototype.toJSON = function (withStack) {
  var out = { name: this.name };
  var self = this;
  Object.keys(this).forEach(function (key) {
    if (key !== 'constructor' && key !== 'toJSON' && key !== 'stack') out[key] = self[key];
  });
  if (withStack !== false && this.stack) out.stack = this.stack;
  return out;
};

/* ------------------------------------------------------------------ */
/* 6. plugin utilities                                                 */
/* ------------------------------------------------------------------ */

// chai copies every flag to a new assertion at every step of a chain. Here
// the steps share one flags object until one of its holders writes to it,
// which then writes to a copy of its own (copy on write): a chain's steps are
// new assertions as in chai, but most steps write nothing.
//
// Flags objects held by more than one assertion (or callable): a write
// through any holder copies first.
var sharedFlags = new WeakSet();
// Flags objects with a symbol-keyed flag written by `setFlag`: chai's copy
// (`for…in`) leaves those out, so a step hands on a copy of the rest instead.
var symbolFlags = new WeakSet();

function flagsOf(obj) {
  return obj.__flags || (obj.__flags = Object.create(null));
}

/** `obj`'s flags, made its own first if another holder shares them. */
function writableFlags(obj) {
  var flags = flagsOf(obj);
  if (!sharedFlags.has(flags)) return flags;
  var copy = assign(Object.create(null), flags);
  obj.__flags = copy;
  return copy;
}

// chai's reads and writes of flags: `flag` tells one from the other by its
// `arguments`, which QuickJS builds as an object on every call.
function getFlag(obj, key) {
  return flagsOf(obj)[key];
}

function setFlag(obj, key, value) {
  var flags = flagsOf(obj);
  // The same value again changes nothing: no copy for it.
  if (flags[key] === value && key in flags) return;
  flags = writableFlags(obj);
  flags[key] = value;
  if (typeof key === 'symbol') symbolFlags.add(flags);
}

function flag(obj, key, value) {
  if (arguments.length === 3) {
    setFlag(obj, key, value);
    return undefined;
  }
  return getFlag(obj, key);
}

var assign = Object.assign;

/**
 * The flags a chain's next step starts with: `flags` itself, shared, or when
 * it holds a symbol-keyed flag a copy without those, as chai's `for…in`
 * copy makes.
 */
function handOn(flags) {
  if (symbolFlags.has(flags)) {
    var copy = Object.create(null);
    for (var name in flags) copy[name] = flags[name];
    return copy;
  }
  sharedFlags.add(flags);
  return flags;
}

/** Every flag of `from` onto `to`: transferFlags(from, to) without its `arguments`. */
function copyAllFlags(from, to) {
  var flags = flagsOf(from);
  // A chainable method's callable reads its flags through its prototype,
  // the assertion it came from: the copy would write them onto themselves.
  if (to.__flags === flags) return;
  var target = writableFlags(to);
  for (var name in flags) target[name] = flags[name];
}

function transferFlags(from, to, includeAll) {
  if (arguments.length < 3 || includeAll) {
    copyAllFlags(from, to);
    return;
  }
  var flags = flagsOf(from);
  var target = writableFlags(to);
  for (var name in flags) {
    if (name !== 'object' && name !== 'ssfi' && name !== 'lockSsfi' && name !== 'message') {
      target[name] = flags[name];
    }
  }
}

function isProxyEnabled() {
  return config.useProxy && typeof Proxy !== 'undefined' && typeof Reflect !== 'undefined';
}

function allPropertyNames(object) {
  var names = Object.getOwnPropertyNames(object);
  var proto = Object.getPrototypeOf(object);
  while (proto !== null) {
    Object.getOwnPropertyNames(proto).forEach(function (name) {
      if (names.indexOf(name) === -1) names.push(name);
    });
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

function enumerableNames(object) {
  var names = [];
  for (var name in object) names.push(name);
  return names;
}

/** Edit distance between a and b, giving up (returning cap) once it reaches cap. */
function editDistance(a, b, cap) {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  var rows = [];
  for (var i = 0; i <= a.length; i++) {
    rows[i] = new Array(b.length + 1).fill(0);
    rows[i][0] = i;
  }
  for (var j = 0; j < b.length; j++) rows[0][j] = j;
  for (i = 1; i <= a.length; i++) {
    for (j = 1; j <= b.length; j++) {
      if (Math.abs(i - j) >= cap) {
        rows[i][j] = cap;
        continue;
      }
      var substitution = rows[i - 1][j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, substitution);
    }
  }
  return rows[a.length][b.length];
}

var INTERNAL_NAMES = ['__flags', '__methods', '_obj', 'assert'];

function unknownPropertyError(target, property, methodName) {
  if (methodName) {
    return Error('Invalid Chai property: ' + methodName + '.' + property +
      '. See docs for proper usage of "' + methodName + '".');
  }
  var best = null;
  var bestDistance = 4;
  allPropertyNames(target).forEach(function (name) {
    if (hasOwn.call(Object.prototype, name) || INTERNAL_NAMES.indexOf(name) !== -1) return;
    var distance = editDistance(property, name, bestDistance);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  });
  if (best !== null) return Error('Invalid Chai property: ' + property + '. Did you mean "' + best + '"?');
  return Error('Invalid Chai property: ' + property);
}

/*
 * Stack traces: the `ssfi` flag holds the outermost library function of the
 * assertion being evaluated; failures capture the stack from there, so that
 * it starts at the user's line. `lockSsfi` keeps it while one assertion runs
 * others internally.
 */
function markStart(assertion, fn) {
  var flags = flagsOf(assertion);
  if (!flags.lockSsfi && flags.ssfi !== fn) writableFlags(assertion).ssfi = fn;
}

/** Wrap an assertion (or a method) so that reading an unknown property throws. */
function proxify(target, methodName) {
  if (!isProxyEnabled()) return target;
  return new Proxy(target, {
    get: function proxyGetter(obj, property) {
      if (typeof property === 'string' && config.proxyExcludedKeys.indexOf(property) === -1 &&
          !Reflect.has(obj, property)) {
        throw unknownPropertyError(obj, property, methodName);
      }
      if (INTERNAL_NAMES.indexOf(property) === -1) markStart(obj, proxyGetter);
      return Reflect.get(obj, property);
    }
  });
}

/*
 * An assertion throws for an unknown property as a proxy around it would,
 * but from the end of its prototype chain: `guard` is Assertion.prototype's
 * prototype, so a read reaches its trap only when nothing before it has the
 * property. chai's own reads (flags, `assert`, `_obj`, the chain words) then
 * cost no trap call each, and an assertion is no new proxy.
 *
 * As with a proxy, an object made while proxies are off (`unguarded`) reads
 * an unknown property as undefined, and so does a property getter on its
 * `this` (`inGetter`): chai runs getters on the proxy's target.
 */
var unguarded = new WeakSet();
var inGetter = [];
var reflectGet = Reflect.get;
var guardBase = {};
var guard = new Proxy(guardBase, {
  get: function (base, property, receiver) {
    if (typeof property === 'string' && !(property in base) && INTERNAL_NAMES.indexOf(property) === -1 &&
        config.proxyExcludedKeys.indexOf(property) === -1 && !unguarded.has(receiver) &&
        inGetter.indexOf(receiver) === -1) {
      throw unknownPropertyError(receiver, property);
    }
    return reflectGet(base, property, receiver);
  }
});

/** A getter's result, with its `this` read as chai reads a proxy's target. */
function callGetter(assertion, getter) {
  inGetter.push(assertion);
  try {
    return getter.call(assertion);
  } finally {
    inGetter.pop();
  }
}

var lengthIsConfigurable = Object.getOwnPropertyDescriptor(function () {}, 'length').configurable;

/** The descriptor of a method's `length`, which throws: one per name, made once. */
function lengthGuard(name, chainable) {
  return {
    get: function () {
      if (chainable) {
        throw Error('Invalid Chai property: ' + name + '.length. Due to a compatibility issue, "length" ' +
          'cannot directly follow "' + name + '". Use "' + name + '.lengthOf" instead.');
      }
      throw Error('Invalid Chai property: ' + name + '.length. See docs for proper usage of "' + name + '".');
    }
  };
}

/** Gives `fn` a `length` that throws (`guard`, from lengthGuard). */
function guardLength(fn, guard) {
  if (lengthIsConfigurable) Object.defineProperty(fn, 'length', guard);
  return fn;
}

function addLengthGuard(fn, name, chainable) {
  return guardLength(fn, lengthGuard(name, chainable));
}

// What only `chained` passes to the constructor: not reachable by scripts.
var CHAINED = {};
// The flags `chained` hands to the constructor.
var chainedFlags = null;

/** A chain's next assertion, with the flags of the one before (shared). */
function chained(flags) {
  chainedFlags = handOn(flags);
  return new Assertion(CHAINED);
}

/** Result of an assertion step: what it returned, or a fresh assertion carrying its flags. */
function continueChain(source, result) {
  if (result !== undefined) return result;
  return chained(flagsOf(source));
}

/**
 * The getter of every chain word (`to`, `be`, `have`, …), which reads
 * nothing: it only hands its flags on to a new assertion, as the empty getter
 * chai gives each word would. markStart and continueChain, written out: chain
 * words are most of a chain. One function for all the words, where chai has
 * one per word: a chain of them then leaves `ssfi` as it is and shares its
 * flags without a copy. Named as chai's getters are (the name shows where a
 * script prints an assertion's flags).
 */
function propertyGetter() {
  var flags = this.__flags || (this.__flags = Object.create(null));
  if (!flags.lockSsfi && flags.ssfi !== propertyGetter) (flags = writableFlags(this)).ssfi = propertyGetter;
  return chained(flags);
}

function addProperty(ctx, name, getter) {
  if (getter === undefined) {
    Object.defineProperty(ctx, name, { get: propertyGetter, configurable: true });
    return;
  }
  Object.defineProperty(ctx, name, {
    get: function propertyGetter() {
      markStart(this, propertyGetter);
      return continueChain(this, callGetter(this, getter));
    },
    configurable: true
  });
}

function addMethod(ctx, name, method) {
  // A rest array rather than `arguments`, which QuickJS builds as an object
  // on every call at more than twice the cost, and the usual one or two
  // arguments passed on without `apply`; the method sees as many as given.
  var wrapper = function (...args) {
    markStart(this, wrapper);
    var n = args.length;
    var result = n === 1 ? method.call(this, args[0]) :
      n === 2 ? method.call(this, args[0], args[1]) : method.apply(this, args);
    return continueChain(this, result);
  };
  addLengthGuard(wrapper, name, false);
  ctx[name] = proxify(wrapper, name);
}

function overwriteProperty(ctx, name, getter) {
  var previous = Object.getOwnPropertyDescriptor(ctx, name);
  var base = previous && typeof previous.get === 'function' ? previous.get : function () {};
  Object.defineProperty(ctx, name, {
    get: function overwritingGetter() {
      markStart(this, overwritingGetter);
      var locked = getFlag(this, 'lockSsfi');
      setFlag(this, 'lockSsfi', true);
      var result = callGetter(this, getter(base));
      setFlag(this, 'lockSsfi', locked);
      return continueChain(this, result);
    },
    configurable: true
  });
}

function overwriteMethod(ctx, name, method) {
  var previous = ctx[name];
  var base = typeof previous === 'function' ? previous : function () {
    throw new Error(name + ' is not a function');
  };
  var wrapper = function () {
    markStart(this, wrapper);
    var locked = getFlag(this, 'lockSsfi');
    setFlag(this, 'lockSsfi', true);
    var result = method(base).apply(this, arguments);
    setFlag(this, 'lockSsfi', locked);
    return continueChain(this, result);
  };
  addLengthGuard(wrapper, name, false);
  ctx[name] = proxify(wrapper, name);
}

var functionCall = Function.prototype.call;
var functionApply = Function.prototype.apply;

/*
 * A chainable method is both a property (running `chainingBehavior` when
 * read, e.g. `.include.members`) and a method (`.include(x)`). Reading it
 * yields a function whose prototype chain leads back to the assertion, so
 * further chain words still work after it.
 */
// The chaining behaviour of a chainable method given none (most of them, `a`
// and `an` among them): reading the property then runs nothing.
function noBehaviour() {}

function addChainableMethod(ctx, name, method, chainingBehavior) {
  if (typeof chainingBehavior !== 'function') chainingBehavior = noBehaviour;
  var behaviour = { method: method, chainingBehavior: chainingBehavior };
  if (!ctx.__methods) ctx.__methods = {};
  ctx.__methods[name] = behaviour;
  var guard = lengthGuard(name, true);
  Object.defineProperty(ctx, name, {
    get: function chainableGetter() {
      markStart(this, chainableGetter);
      // A plugin may have given it one since (overwriteChainableMethod).
      if (behaviour.chainingBehavior !== noBehaviour) callGetter(this, behaviour.chainingBehavior);
      // A rest array rather than `arguments` (see addMethod).
      var callable = function (...args) {
        markStart(this, callable);
        var n = args.length;
        var f = behaviour.method;
        var result = n === 1 ? f.call(this, args[0]) : n === 2 ? f.call(this, args[0], args[1]) : f.apply(this, args);
        return continueChain(this, result);
      };
      guardLength(callable, guard);
      var link = Object.create(this);
      link.call = functionCall;
      link.apply = functionApply;
      Object.setPrototypeOf(callable, link);
      copyAllFlags(this, callable);
      if (!isProxyEnabled()) unguarded.add(callable);
      return callable;
    },
    configurable: true
  });
}

function overwriteChainableMethod(ctx, name, method, chainingBehavior) {
  var behaviour = ctx.__methods[name];
  var baseChain = behaviour.chainingBehavior;
  behaviour.chainingBehavior = function () {
    return continueChain(this, chainingBehavior(baseChain).call(this));
  };
  var baseMethod = behaviour.method;
  behaviour.method = function () {
    return continueChain(this, method(baseMethod).apply(this, arguments));
  };
}

function testResult(obj, args) {
  return getFlag(obj, 'negate') ? !args[0] : args[0];
}

function getActual(obj, args) {
  return args.length > 4 ? args[4] : obj._obj;
}

function getMessage(obj, args) {
  var template = getFlag(obj, 'negate') ? args[2] : args[1];
  var value = getFlag(obj, 'object');
  var expected = args[3];
  var actual = getActual(obj, args);
  var prefix = getFlag(obj, 'message');
  if (typeof template === 'function') template = template();
  var text = (template || '')
    .replace(/#\{this\}/g, function () { return objDisplay(value); })
    .replace(/#\{act\}/g, function () { return objDisplay(actual); })
    .replace(/#\{exp\}/g, function () { return objDisplay(expected); });
  return prefix ? prefix + ': ' + text : text;
}

function getOperator(obj, args) {
  var operator = getFlag(obj, 'operator');
  if (operator) return operator;
  var template = getFlag(obj, 'negate') ? args[2] : args[1];
  if (typeof template === 'function') template = template();
  if (!template) return undefined;
  if (/\shave\s/.test(template)) return undefined;
  var expectedKind = typeDetect(args[3]);
  var objectLike = expectedKind === 'Array' || expectedKind === 'Object' || expectedKind === 'function';
  if (/\snot\s/.test(template)) return objectLike ? 'notDeepStrictEqual' : 'notStrictEqual';
  return objectLike ? 'deepStrictEqual' : 'strictEqual';
}

function article(word) {
  // /^[aeiou]/ without running a regular expression: `a('string')` asks on every call.
  var c = word.charAt(0);
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' ? 'an' : 'a';
}

function expectTypes(obj, types) {
  var prefix = getFlag(obj, 'message');
  prefix = prefix ? prefix + ': ' : '';
  var target = getFlag(obj, 'object');
  types = types.map(function (t) { return t.toLowerCase(); }).sort();
  var wanted = types.map(function (t, i) {
    var or = types.length > 1 && i === types.length - 1 ? 'or ' : '';
    return or + article(t) + ' ' + t;
  }).join(', ');
  var actualType = typeDetect(target).toLowerCase();
  if (types.indexOf(actualType) === -1) {
    throw new AssertionError(prefix + 'object tested must be ' + wanted + ', but ' + actualType + ' given',
      undefined, getFlag(obj, 'ssfi'));
  }
}

function hasProperty(obj, name) {
  if (obj === undefined || obj === null) return false;
  return name in Object(obj);
}

/* Paths like 'a.b[1].c' (pathval semantics, used by .nested) */
function parsePath(path) {
  var normalised = path.replace(/([^\\])\[/g, '$1.[');
  var parts = normalised.match(/(\\\.|[^.]+?)+/g);
  return parts.map(function (part) {
    if (part === 'constructor' || part === '__proto__' || part === 'prototype') return {};
    var index = /^\[(\d+)\]$/.exec(part);
    if (index) return { i: parseFloat(index[1]) };
    return { p: part.replace(/\\([.[\]])/g, '$1') };
  });
}

function valueAtPath(obj, parsed, depth) {
  var current = obj;
  var result = null;
  if (depth === undefined) depth = parsed.length;
  for (var i = 0; i < depth; i++) {
    var part = parsed[i];
    if (current) {
      current = part.p === undefined ? current[part.i] : current[part.p];
      if (i === depth - 1) result = current;
    }
  }
  return result;
}

function getPathInfo(obj, path) {
  var parsed = parsePath(path);
  var last = parsed[parsed.length - 1];
  var info = {
    parent: parsed.length > 1 ? valueAtPath(obj, parsed, parsed.length - 1) : obj,
    name: last.p || last.i,
    value: valueAtPath(obj, parsed)
  };
  info.exists = hasProperty(info.parent, info.name);
  return info;
}

function getPathValue(obj, path) {
  return getPathInfo(obj, path).value;
}

var checkError = {
  compatibleInstance: function (thrown, errorLike) {
    return errorLike instanceof Error && thrown === errorLike;
  },
  compatibleConstructor: function (thrown, errorLike) {
    if (errorLike instanceof Error) {
      return thrown.constructor === errorLike.constructor || thrown instanceof errorLike.constructor;
    }
    if (errorLike.prototype instanceof Error || errorLike === Error) {
      return thrown.constructor === errorLike || thrown instanceof errorLike;
    }
    return false;
  },
  compatibleMessage: function (thrown, matcher) {
    var text = typeof thrown === 'string' ? thrown : thrown.message;
    if (matcher instanceof RegExp) return matcher.test(text);
    if (typeof matcher === 'string') return text.indexOf(matcher) !== -1;
    return false;
  },
  getConstructorName: function (errorLike) {
    var name = errorLike;
    if (errorLike instanceof Error) {
      name = functionName(errorLike.constructor);
    } else if (typeof errorLike === 'function') {
      name = functionName(errorLike);
      if (name === '') name = functionName(new errorLike()) || name; // eslint-disable-line new-cap
    }
    return name;
  },
  getMessage: function (errorLike) {
    if (errorLike && errorLike.message) return errorLike.message;
    if (typeof errorLike === 'string') return errorLike;
    return '';
  }
};

function ownEnumerableSymbols(obj) {
  return Object.getOwnPropertySymbols(obj).filter(function (sym) {
    return Object.getOwnPropertyDescriptor(obj, sym).enumerable;
  });
}

function ownEnumerableKeys(obj) {
  return Object.keys(obj).concat(ownEnumerableSymbols(obj));
}

function compareByInspect(a, b) {
  return chaiInspect(a) < chaiInspect(b) ? -1 : 1;
}

var util = {
  test: testResult,
  type: typeDetect,
  expectTypes: expectTypes,
  getMessage: getMessage,
  getActual: getActual,
  inspect: chaiInspect,
  objDisplay: objDisplay,
  flag: flag,
  transferFlags: transferFlags,
  eql: deepEqual,
  getPathInfo: getPathInfo,
  getPathValue: getPathValue,
  hasProperty: hasProperty,
  getName: functionName,
  addProperty: addProperty,
  addMethod: addMethod,
  overwriteProperty: overwriteProperty,
  overwriteMethod: overwriteMethod,
  addChainableMethod: addChainableMethod,
  overwriteChainableMethod: overwriteChainableMethod,
  compareByInspect: compareByInspect,
  getOwnEnumerablePropertySymbols: ownEnumerableSymbols,
  getOwnEnumerableProperties: ownEnumerableKeys,
  getEnumerableProperties: enumerableNames,
  getProperties: allPropertyNames,
  checkError: checkError,
  proxify: proxify,
  addLengthGuard: addLengthGuard,
  isProxyEnabled: isProxyEnabled,
  isNaN: Number.isNaN,
  getOperator: getOperator
};

/* ------------------------------------------------------------------ */
/* 7. Assertion                                                        */
/* ------------------------------------------------------------------ */

function Assertion(obj, msg, ssfi, lockSsfi) {
  if (obj === CHAINED) {
    this.__flags = chainedFlags;
    chainedFlags = null;
  } else {
    var flags = Object.create(null);
    flags.ssfi = ssfi || Assertion;
    flags.lockSsfi = lockSsfi;
    flags.object = obj;
    flags.message = msg;
    flags.eql = config.deepEqual || deepEqual;
    this.__flags = flags;
  }
  if (!isProxyEnabled()) unguarded.add(this);
}
Object.setPrototypeOf(Assertion.prototype, guard);

Assertion.addProperty = function (name, fn) { addProperty(this.prototype, name, fn); };
Assertion.addMethod = function (name, fn) { addMethod(this.prototype, name, fn); };
Assertion.addChainableMethod = function (name, fn, chainingBehavior) {
  addChainableMethod(this.prototype, name, fn, chainingBehavior);
};
Assertion.overwriteProperty = function (name, fn) { overwriteProperty(this.prototype, name, fn); };
Assertion.overwriteMethod = function (name, fn) { overwriteMethod(this.prototype, name, fn); };
Assertion.overwriteChainableMethod = function (name, fn, chainingBehavior) {
  overwriteChainableMethod(this.prototype, name, fn, chainingBehavior);
};

/**
 * Fail unless `expr` holds (or, under `.not`, unless it does not).
 * Messages may use #{this} (the target), #{exp} and #{act}.
 */
Assertion.prototype.assert = function (expr, msg, negateMsg, expected, ...rest) {
  if (getFlag(this, 'negate') ? !expr : expr) return;
  // `_actual` and `showDiff` come as a rest array: whether `_actual` was given
  // at all tells which actual a failure shows (getActual), and `arguments`,
  // which would tell it too, QuickJS builds as an object on every call, at
  // more than twice the cost of the array, for assertions that hold as well.
  var args = [expr, msg, negateMsg, expected].concat(rest);
  var _actual = rest[0];
  var showDiff = rest[1];
  if (showDiff !== false) showDiff = true;
  if (expected === undefined && _actual === undefined) showDiff = false;
  if (config.showDiff !== true) showDiff = false;
  var props = { actual: getActual(this, args), expected: expected, showDiff: showDiff };
  var operator = getOperator(this, args);
  if (operator) props.operator = operator;
  throw new AssertionError(getMessage(this, args), props,
    config.includeStack ? this.assert : getFlag(this, 'ssfi'));
};
// As chai's, whose parameters are all named.
Object.defineProperty(Assertion.prototype.assert, 'length', { value: 6 });

Object.defineProperty(Assertion.prototype, '_obj', {
  get: function () { return getFlag(this, 'object'); },
  set: function (value) { setFlag(this, 'object', value); }
});

/* ------------------------------------------------------------------ */
/* 8. core assertions                                                  */
/* ------------------------------------------------------------------ */

function installCoreAssertions() {
  var proto = Assertion.prototype;
  var def = {
    prop: function (name, fn) { addProperty(proto, name, fn); },
    method: function (names, fn) {
      names.split(' ').forEach(function (name) { addMethod(proto, name, fn); });
    },
    chainable: function (names, fn, chain) {
      names.split(' ').forEach(function (name) { addChainableMethod(proto, name, fn, chain); });
    }
  };

  function setMessage(assertion, msg) {
    if (msg) setFlag(assertion, 'message', msg);
  }

  function prefixOf(assertion) {
    var msg = getFlag(assertion, 'message');
    return msg ? msg + ': ' : '';
  }

  function fail(assertion, text) {
    throw new AssertionError(prefixOf(assertion) + text, undefined, getFlag(assertion, 'ssfi'));
  }

  /** Sub-assertion on another value that keeps the user's message. */
  function inner(assertion, value) {
    return new Assertion(value, getFlag(assertion, 'message'), getFlag(assertion, 'ssfi'), true);
  }

  function lowerType(value) {
    return typeDetect(value).toLowerCase();
  }

  // --- language chains and flags -------------------------------------
  'to be been is and has have with that which at of same but does still also'.split(' ')
    .forEach(function (word) { def.prop(word); });

  def.prop('not', function () { setFlag(this, 'negate', true); });
  def.prop('deep', function () { setFlag(this, 'deep', true); });
  def.prop('nested', function () { setFlag(this, 'nested', true); });
  def.prop('own', function () { setFlag(this, 'own', true); });
  def.prop('ordered', function () { setFlag(this, 'ordered', true); });
  def.prop('any', function () { setFlag(this, 'any', true); setFlag(this, 'all', false); });
  def.prop('all', function () { setFlag(this, 'all', true); setFlag(this, 'any', false); });
  def.prop('itself', function () { setFlag(this, 'itself', true); });

  // --- a / an ----------------------------------------------------------
  var FUNCTION_SUBTYPES = ['asyncfunction', 'generatorfunction', 'asyncgeneratorfunction'];
  function assertType(type, msg) {
    setMessage(this, msg);
    type = type.toLowerCase();
    var obj = getFlag(this, 'object');
    var actualType = lowerType(obj);
    var matches = type === actualType;
    // Beyond chai 4: async/generator functions also answer to their own kind.
    if (!matches && actualType === 'function' && FUNCTION_SUBTYPES.indexOf(type) !== -1) {
      matches = toStringTag(obj).toLowerCase() === type;
    }
    var phrase = article(type) + ' ' + type;
    this.assert(matches, 'expected #{this} to be ' + phrase, 'expected #{this} not to be ' + phrase);
  }
  def.chainable('an a', assertType);
  var own = Object.getOwnPropertyDescriptor;
  var anGetter = own(proto, 'an').get;
  var anBehaviour = proto.__methods.an.chainingBehavior;

  /**
   * `inner(assertion, value).to.be.an('array')`, which holds for an array: its
   * four assertion objects are made only when it fails (for its message), or
   * when a plugin has replaced `to`, `be` or `an`, whose own code then runs.
   */
  function mustBeArray(assertion, value) {
    var an = proto.__methods.an;
    if (lowerType(value) === 'array' && own(proto, 'to').get === propertyGetter &&
        own(proto, 'be').get === propertyGetter && own(proto, 'an').get === anGetter &&
        an.method === assertType && an.chainingBehavior === anBehaviour) {
      return;
    }
    inner(assertion, value).to.be.an('array');
  }

  // --- include -----------------------------------------------------------
  function sameValueZero(a, b) {
    return (sameValueNaN(a) && sameValueNaN(b)) || a === b;
  }

  function assertInclude(val, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var objType = lowerType(obj);
    var negate = getFlag(this, 'negate');
    var isDeep = getFlag(this, 'deep');
    var same = isDeep ? getFlag(this, 'eql') : sameValueZero;
    var found = false;
    var anyEqual = function (item) { found = found || same(item, val); };

    switch (objType) {
      case 'string':
        found = obj.indexOf(val) !== -1;
        break;
      case 'weakset':
        if (isDeep) fail(this, 'unable to use .deep.include with WeakSet');
        found = obj.has(val);
        break;
      case 'map':
        obj.forEach(anyEqual);
        break;
      case 'set':
        if (isDeep) obj.forEach(anyEqual);
        else found = obj.has(val);
        break;
      case 'array':
        found = isDeep ? obj.some(function (item) { return same(item, val); }) : obj.indexOf(val) !== -1;
        break;
      default:
        // Object target: each property of `val` must be present with that value.
        if (val !== Object(val)) {
          var valType = lowerType(val);
          fail(this, 'the given combination of arguments (' + objType + ' and ' + valType + ')' +
            ' is invalid for this assertion. You can use an array, a map, an object, a set, a string, ' +
            'or a weakset instead of a ' + valType);
        }
        var keys = Object.keys(val);
        var firstError = null;
        var failures = 0;
        for (var i = 0; i < keys.length; i++) {
          var check = new Assertion(obj);
          transferFlags(this, check, true);
          setFlag(check, 'lockSsfi', true);
          if (!negate || keys.length === 1) {
            check.property(keys[i], val[keys[i]]);
            continue;
          }
          try {
            check.property(keys[i], val[keys[i]]);
          } catch (err) {
            if (!checkError.compatibleConstructor(err, AssertionError)) throw err;
            if (firstError === null) firstError = err;
            failures++;
          }
        }
        // `.not.include({...})` with several keys fails only when all of them match.
        if (negate && keys.length > 1 && failures === keys.length) throw firstError;
        return;
    }
    var descriptor = isDeep ? 'deep ' : '';
    this.assert(found,
      'expected #{this} to ' + descriptor + 'include ' + chaiInspect(val),
      'expected #{this} to not ' + descriptor + 'include ' + chaiInspect(val));
  }
  def.chainable('include contain contains includes', assertInclude, function () {
    setFlag(this, 'contains', true);
  });

  // --- simple value checks -------------------------------------------------
  def.prop('ok', function () {
    this.assert(getFlag(this, 'object'), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
  });
  def.prop('true', function () {
    this.assert(getFlag(this, 'object') === true, 'expected #{this} to be true', 'expected #{this} to be false',
      !getFlag(this, 'negate'));
  });
  def.prop('false', function () {
    this.assert(getFlag(this, 'object') === false, 'expected #{this} to be false', 'expected #{this} to be true',
      !!getFlag(this, 'negate'));
  });
  def.prop('null', function () {
    this.assert(getFlag(this, 'object') === null, 'expected #{this} to be null', 'expected #{this} not to be null');
  });
  def.prop('undefined', function () {
    this.assert(getFlag(this, 'object') === undefined, 'expected #{this} to be undefined',
      'expected #{this} not to be undefined');
  });
  def.prop('NaN', function () {
    this.assert(Number.isNaN(getFlag(this, 'object')), 'expected #{this} to be NaN', 'expected #{this} not to be NaN');
  });
  function assertExist() {
    var val = getFlag(this, 'object');
    this.assert(val !== null && val !== undefined, 'expected #{this} to exist', 'expected #{this} to not exist');
  }
  def.prop('exist', assertExist);
  def.prop('exists', assertExist);

  def.prop('empty', function () {
    var val = getFlag(this, 'object');
    var count;
    switch (lowerType(val)) {
      case 'array':
      case 'string':
        count = val.length;
        break;
      case 'map':
      case 'set':
        count = val.size;
        break;
      case 'weakmap':
      case 'weakset':
        fail(this, '.empty was passed a weak collection');
        break;
      case 'function':
        throw new AssertionError((prefixOf(this) + '.empty was passed a function ' + functionName(val)).trim(),
          undefined, getFlag(this, 'ssfi'));
      default:
        if (val !== Object(val)) fail(this, '.empty was passed non-string primitive ' + chaiInspect(val));
        count = Object.keys(val).length;
    }
    this.assert(count === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty');
  });

  function assertArguments() {
    var type = typeDetect(getFlag(this, 'object'));
    this.assert(type === 'Arguments', 'expected #{this} to be arguments but got ' + type,
      'expected #{this} to not be arguments');
  }
  def.prop('arguments', assertArguments);
  def.prop('Arguments', assertArguments);

  // --- equality --------------------------------------------------------------
  def.method('equal equals eq', function (val, msg) {
    setMessage(this, msg);
    if (getFlag(this, 'deep')) {
      var locked = getFlag(this, 'lockSsfi');
      setFlag(this, 'lockSsfi', true);
      this.eql(val);
      setFlag(this, 'lockSsfi', locked);
      return;
    }
    this.assert(val === getFlag(this, 'object'), 'expected #{this} to equal #{exp}',
      'expected #{this} to not equal #{exp}', val, this._obj, true);
  });

  def.method('eql eqls', function (val, msg) {
    setMessage(this, msg);
    this.assert(getFlag(this, 'eql')(val, getFlag(this, 'object')), 'expected #{this} to deeply equal #{exp}',
      'expected #{this} to not deeply equal #{exp}', val, this._obj, true);
  });

  // --- ordering: above / least / below / most / within -------------------------
  function sizeOf(obj, objType) {
    if (objType === 'map' || objType === 'set') return { descriptor: 'size', count: obj.size };
    return { descriptor: 'length', count: obj.length };
  }

  function comparable(printable, objType) {
    return 'expected ' + (objType === 'string' ? "'" + printable + "'" : printable) + ' to be a number or a date';
  }

  /*
   * words: [name, passes(a, b), '... to be X', '... negated', 'length form', 'length negated']
   */
  function comparison(spec) {
    return function (n, msg) {
      setMessage(this, msg);
      var obj = getFlag(this, 'object');
      var doLength = getFlag(this, 'doLength');
      var objType = lowerType(obj);
      var nType = lowerType(n);
      if (doLength && objType !== 'map' && objType !== 'set') {
        inner(this, obj).to.have.property('length');
      }
      if (!doLength && objType === 'date' && nType !== 'date') {
        fail(this, 'the argument to ' + spec.name + ' must be a date');
      } else if (nType !== 'number' && (doLength || objType === 'number')) {
        fail(this, 'the argument to ' + spec.name + ' must be a number');
      } else if (!doLength && objType !== 'date' && objType !== 'number') {
        fail(this, comparable(obj, objType));
      }
      if (doLength) {
        var size = sizeOf(obj, objType);
        this.assert(spec.test(size.count, n),
          'expected #{this} to ' + spec.lengthPass.replace('%', size.descriptor) + ' #{exp} but got #{act}',
          'expected #{this} to ' + spec.lengthFail.replace('%', size.descriptor) + ' #{exp}',
          n, size.count);
      } else {
        this.assert(spec.test(obj, n), 'expected #{this} to be ' + spec.pass + ' #{exp}',
          'expected #{this} to be ' + spec.fail + ' #{exp}', n);
      }
    };
  }

  def.method('above gt greaterThan', comparison({
    name: 'above', test: function (a, b) { return a > b; },
    pass: 'above', fail: 'at most', lengthPass: 'have a % above', lengthFail: 'not have a % above'
  }));
  def.method('least gte greaterThanOrEqual', comparison({
    name: 'least', test: function (a, b) { return a >= b; },
    pass: 'at least', fail: 'below', lengthPass: 'have a % at least', lengthFail: 'have a % below'
  }));
  def.method('below lt lessThan', comparison({
    name: 'below', test: function (a, b) { return a < b; },
    pass: 'below', fail: 'at least', lengthPass: 'have a % below', lengthFail: 'not have a % below'
  }));
  def.method('most lte lessThanOrEqual', comparison({
    name: 'most', test: function (a, b) { return a <= b; },
    pass: 'at most', fail: 'above', lengthPass: 'have a % at most', lengthFail: 'have a % above'
  }));

  def.method('within', function (start, finish, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var doLength = getFlag(this, 'doLength');
    var objType = lowerType(obj);
    var startType = lowerType(start);
    var finishType = lowerType(finish);
    var range = startType === 'date' && finishType === 'date'
      ? start.toISOString() + '..' + finish.toISOString()
      : start + '..' + finish;
    if (doLength && objType !== 'map' && objType !== 'set') {
      inner(this, obj).to.have.property('length');
    }
    if (!doLength && objType === 'date' && (startType !== 'date' || finishType !== 'date')) {
      fail(this, 'the arguments to within must be dates');
    } else if ((startType !== 'number' || finishType !== 'number') && (doLength || objType === 'number')) {
      fail(this, 'the arguments to within must be numbers');
    } else if (!doLength && objType !== 'date' && objType !== 'number') {
      fail(this, comparable(obj, objType));
    }
    if (doLength) {
      var size = sizeOf(obj, objType);
      this.assert(size.count >= start && size.count <= finish,
        'expected #{this} to have a ' + size.descriptor + ' within ' + range,
        'expected #{this} to not have a ' + size.descriptor + ' within ' + range);
    } else {
      this.assert(obj >= start && obj <= finish, 'expected #{this} to be within ' + range,
        'expected #{this} to not be within ' + range);
    }
  });

  // --- instanceof ------------------------------------------------------------
  def.method('instanceof instanceOf', function (constructor, msg) {
    setMessage(this, msg);
    var target = getFlag(this, 'object');
    var isInstance;
    try {
      isInstance = target instanceof constructor;
    } catch (err) {
      if (err instanceof TypeError) {
        fail(this, 'The instanceof assertion needs a constructor but ' + typeDetect(constructor) + ' was given.');
      }
      throw err;
    }
    var name = functionName(constructor);
    if (name === null) name = 'an unnamed constructor';
    this.assert(isInstance, 'expected #{this} to be an instance of ' + name,
      'expected #{this} to not be an instance of ' + name);
  });

  // --- property ----------------------------------------------------------------
  function assertProperty(name, val, msg) {
    setMessage(this, msg);
    var isNested = getFlag(this, 'nested');
    var isOwn = getFlag(this, 'own');
    var obj = getFlag(this, 'object');
    var nameType = typeof name;
    if (isNested) {
      if (nameType !== 'string') fail(this, 'the argument to property must be a string when using nested syntax');
    } else if (nameType !== 'string' && nameType !== 'number' && nameType !== 'symbol') {
      fail(this, 'the argument to property must be a string, number, or symbol');
    }
    if (isNested && isOwn) fail(this, 'The "nested" and "own" flags cannot be combined.');
    if (obj === null || obj === undefined) fail(this, 'Target cannot be null or undefined.');

    var isDeep = getFlag(this, 'deep');
    var negate = getFlag(this, 'negate');
    var pathInfo = isNested ? getPathInfo(obj, name) : null;
    var value = isNested ? pathInfo.value : obj[name];
    var same = isDeep ? getFlag(this, 'eql') : function (a, b) { return a === b; };
    var descriptor = (isDeep ? 'deep ' : '') + (isOwn ? 'own ' : '') + (isNested ? 'nested ' : '') + 'property ';
    var present;
    if (isOwn) present = hasOwn.call(obj, name);
    else if (isNested) present = pathInfo.exists;
    else present = hasProperty(obj, name);

    // `.not.property(name, value)` only fails when both the name and the value match.
    if (!negate || arguments.length === 1) {
      this.assert(present, 'expected #{this} to have ' + descriptor + chaiInspect(name),
        'expected #{this} to not have ' + descriptor + chaiInspect(name));
    }
    if (arguments.length > 1) {
      this.assert(present && same(val, value),
        'expected #{this} to have ' + descriptor + chaiInspect(name) + ' of #{exp}, but got #{act}',
        'expected #{this} to not have ' + descriptor + chaiInspect(name) + ' of #{act}',
        val, value);
    }
    setFlag(this, 'object', value);
  }
  def.method('property', assertProperty);
  def.method('ownProperty haveOwnProperty', function () {
    setFlag(this, 'own', true);
    assertProperty.apply(this, arguments);
  });

  def.method('ownPropertyDescriptor haveOwnPropertyDescriptor', function (name, descriptor, msg) {
    if (typeof descriptor === 'string') {
      msg = descriptor;
      descriptor = null;
    }
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var actual = Object.getOwnPropertyDescriptor(Object(obj), name);
    if (actual && descriptor) {
      this.assert(getFlag(this, 'eql')(descriptor, actual),
        'expected the own property descriptor for ' + chaiInspect(name) + ' on #{this} to match ' +
          chaiInspect(descriptor) + ', got ' + chaiInspect(actual),
        'expected the own property descriptor for ' + chaiInspect(name) + ' on #{this} to not match ' +
          chaiInspect(descriptor),
        descriptor, actual, true);
    } else {
      this.assert(actual, 'expected #{this} to have an own property descriptor for ' + chaiInspect(name),
        'expected #{this} to not have an own property descriptor for ' + chaiInspect(name));
    }
    setFlag(this, 'object', actual);
  });

  // --- length ------------------------------------------------------------------
  def.chainable('length lengthOf', function (n, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var objType = lowerType(obj);
    if (objType !== 'map' && objType !== 'set') inner(this, obj).to.have.property('length');
    var size = sizeOf(obj, objType);
    this.assert(size.count == n, // eslint-disable-line eqeqeq
      'expected #{this} to have a ' + size.descriptor + ' of #{exp} but got #{act}',
      'expected #{this} to not have a ' + size.descriptor + ' of #{act}',
      n, size.count);
  }, function () {
    setFlag(this, 'doLength', true);
  });

  // --- strings -----------------------------------------------------------------
  def.method('match matches', function (re, msg) {
    setMessage(this, msg);
    this.assert(re.exec(getFlag(this, 'object')), 'expected #{this} to match ' + re,
      'expected #{this} not to match ' + re);
  });

  def.method('string', function (str, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    inner(this, obj).is.a('string');
    this.assert(obj.indexOf(str) !== -1, 'expected #{this} to contain ' + chaiInspect(str),
      'expected #{this} to not contain ' + chaiInspect(str));
  });

  // --- keys --------------------------------------------------------------------
  def.method('keys key', function (keys) {
    var obj = getFlag(this, 'object');
    var objType = typeDetect(obj);
    var keysType = typeDetect(keys);
    var isDeep = getFlag(this, 'deep');
    var deepWord = '';
    var actual;
    var mixedArgs = 'when testing keys against an object or an array you must give a single ' +
      'Array|Object|String argument or multiple String arguments';

    if (objType === 'Map' || objType === 'Set') {
      deepWord = isDeep ? 'deeply ' : '';
      actual = [];
      obj.forEach(function (v, k) { actual.push(k); });
      if (keysType !== 'Array') keys = Array.prototype.slice.call(arguments);
    } else {
      actual = ownEnumerableKeys(obj);
      if (keysType === 'Array') {
        if (arguments.length > 1) fail(this, mixedArgs);
      } else if (keysType === 'Object') {
        if (arguments.length > 1) fail(this, mixedArgs);
        keys = Object.keys(keys);
      } else {
        keys = Array.prototype.slice.call(arguments);
      }
      keys = keys.map(function (k) { return typeof k === 'symbol' ? k : String(k); });
    }
    if (!keys.length) fail(this, 'keys required');

    var any = getFlag(this, 'any');
    var all = getFlag(this, 'all');
    var expected = keys;
    var same = isDeep ? getFlag(this, 'eql') : function (a, b) { return a === b; };
    var known = function (wanted) {
      return actual.some(function (k) { return same(wanted, k); });
    };
    var ok = true;
    if (!any && !all) all = true;
    if (any) ok = expected.some(known);
    if (all) {
      ok = expected.every(known);
      if (!getFlag(this, 'contains')) ok = ok && keys.length === actual.length;
    }

    var listed;
    if (keys.length > 1) {
      var shown = keys.map(function (k) { return chaiInspect(k); });
      var last = shown.pop();
      if (all) listed = shown.join(', ') + ', and ' + last;
      if (any) listed = shown.join(', ') + ', or ' + last;
    } else {
      listed = chaiInspect(keys[0]);
    }
    var phrase = (getFlag(this, 'contains') ? 'contain ' : 'have ') + (keys.length > 1 ? 'keys ' : 'key ') + listed;
    this.assert(ok, 'expected #{this} to ' + deepWord + phrase, 'expected #{this} to not ' + deepWord + phrase,
      expected.slice(0).sort(compareByInspect), actual.sort(compareByInspect), true);
  });

  // --- throw -------------------------------------------------------------------
  function describeThrown(err) {
    if (err instanceof Error) return err.toString();
    if (typeof err === 'string') return err;
    return err && checkError.getConstructorName(err);
  }

  function describeErrorLike(errorLike) {
    if (errorLike instanceof Error) return errorLike.toString();
    return errorLike && checkError.getConstructorName(errorLike);
  }

  def.method('throw throws Throw', function (errorLike, errMsgMatcher, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var negate = getFlag(this, 'negate') || false;
    inner(this, obj).is.a('function');
    if (errorLike instanceof RegExp || typeof errorLike === 'string') {
      errMsgMatcher = errorLike;
      errorLike = null;
    }
    var caught;
    try {
      obj();
    } catch (err) {
      caught = err;
    }
    var noArgs = errorLike === undefined && errMsgMatcher === undefined;
    var bothArgs = Boolean(errorLike && errMsgMatcher);
    var errorLikeFailed = false;
    var messageFailed = false;

    if (noArgs || !negate) {
      var wanted = 'an error';
      if (errorLike instanceof Error) wanted = '#{exp}';
      else if (errorLike) wanted = checkError.getConstructorName(errorLike);
      this.assert(caught, 'expected #{this} to throw ' + wanted,
        'expected #{this} to not throw an error but #{act} was thrown',
        errorLike && errorLike.toString(), describeThrown(caught));
    }

    if (errorLike && caught) {
      if (errorLike instanceof Error) {
        var sameInstance = checkError.compatibleInstance(caught, errorLike);
        if (sameInstance === negate) {
          if (bothArgs && negate) {
            errorLikeFailed = true;
          } else {
            this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
              'expected #{this} to not throw #{exp}' + (caught && !negate ? ' but #{act} was thrown' : ''),
              errorLike.toString(), caught.toString());
          }
        }
      }
      var sameConstructor = checkError.compatibleConstructor(caught, errorLike);
      if (sameConstructor === negate) {
        if (bothArgs && negate) {
          errorLikeFailed = true;
        } else {
          this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
            'expected #{this} to not throw #{exp}' + (caught ? ' but #{act} was thrown' : ''),
            describeErrorLike(errorLike), describeThrown(caught));
        }
      }
    }

    if (caught && errMsgMatcher !== undefined && errMsgMatcher !== null) {
      var how = errMsgMatcher instanceof RegExp ? 'matching' : 'including';
      var messageMatches = checkError.compatibleMessage(caught, errMsgMatcher);
      if (messageMatches === negate) {
        if (bothArgs && negate) {
          messageFailed = true;
        } else {
          this.assert(negate, 'expected #{this} to throw error ' + how + ' #{exp} but got #{act}',
            'expected #{this} to throw error not ' + how + ' #{exp}',
            errMsgMatcher, checkError.getMessage(caught));
        }
      }
    }

    if (errorLikeFailed && messageFailed) {
      this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
        'expected #{this} to not throw #{exp}' + (caught ? ' but #{act} was thrown' : ''),
        describeErrorLike(errorLike), describeThrown(caught));
    }
    setFlag(this, 'object', caught);
  });

  // --- respondTo / satisfy / closeTo -------------------------------------------------
  def.method('respondTo respondsTo', function (method, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    var target = typeof obj === 'function' && !getFlag(this, 'itself') ? obj.prototype[method] : obj[method];
    this.assert(typeof target === 'function', 'expected #{this} to respond to ' + chaiInspect(method),
      'expected #{this} to not respond to ' + chaiInspect(method));
  });

  def.method('satisfy satisfies', function (matcher, msg) {
    setMessage(this, msg);
    var result = matcher(getFlag(this, 'object'));
    // chai 4 omits the space in the negated wording; kept for compatibility.
    this.assert(result, 'expected #{this} to satisfy ' + objDisplay(matcher),
      'expected #{this} to not satisfy' + objDisplay(matcher), !getFlag(this, 'negate'), result);
  });

  def.method('closeTo approximately', function (expected, delta, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    inner(this, obj).is.a('number');
    if (typeof expected !== 'number' || typeof delta !== 'number') {
      fail(this, 'the arguments to closeTo or approximately must be numbers' +
        (delta === undefined ? ', and a delta is required' : ''));
    }
    this.assert(Math.abs(obj - expected) <= delta,
      'expected #{this} to be close to ' + expected + ' +/- ' + delta,
      'expected #{this} not to be close to ' + expected + ' +/- ' + delta);
  });

  // --- members -------------------------------------------------------------------
  /* Is every element of `subset` in `superset`? Without `contains`, sizes must match too. */
  function isSubset(subset, superset, same, contains, ordered) {
    if (!contains) {
      if (subset.length !== superset.length) return false;
      superset = superset.slice();
    }
    return subset.every(function (item, index) {
      if (ordered) return same ? same(item, superset[index]) : item === superset[index];
      var match = -1;
      if (same) {
        for (var i = 0; i < superset.length; i++) {
          if (same(item, superset[i])) { match = i; break; }
        }
      } else {
        match = superset.indexOf(item);
      }
      if (match === -1) return false;
      if (!contains) superset.splice(match, 1);
      return true;
    });
  }

  def.method('members', function (subset, msg) {
    setMessage(this, msg);
    var obj = getFlag(this, 'object');
    mustBeArray(this, obj);
    mustBeArray(this, subset);
    var contains = getFlag(this, 'contains');
    var ordered = getFlag(this, 'ordered');
    var passMsg;
    var failMsg;
    if (contains) {
      var subject = ordered ? 'an ordered superset' : 'a superset';
      passMsg = 'expected #{this} to be ' + subject + ' of #{exp}';
      failMsg = 'expected #{this} to not be ' + subject + ' of #{exp}';
    } else {
      var what = ordered ? 'ordered members' : 'members';
      passMsg = 'expected #{this} to have the same ' + what + ' as #{exp}';
      failMsg = 'expected #{this} to not have the same ' + what + ' as #{exp}';
    }
    var same = getFlag(this, 'deep') ? getFlag(this, 'eql') : undefined;
    this.assert(isSubset(subset, obj, same, contains, ordered), passMsg, failMsg, subset, obj, true);
  });

  // --- oneOf -------------------------------------------------------------------------
  def.method('oneOf', function (list, msg) {
    setMessage(this, msg);
    var target = getFlag(this, 'object');
    mustBeArray(this, list);
    if (getFlag(this, 'contains')) {
      this.assert(list.some(function (candidate) { return target.indexOf(candidate) > -1; }),
        'expected #{this} to contain one of #{exp}', 'expected #{this} to not contain one of #{exp}',
        list, target);
    } else if (getFlag(this, 'deep')) {
      var eql = getFlag(this, 'eql');
      // chai 4 uses the same wording for the negated form.
      this.assert(list.some(function (candidate) { return eql(target, candidate); }),
        'expected #{this} to deeply equal one of #{exp}', 'expected #{this} to deeply equal one of #{exp}',
        list, target);
    } else {
      this.assert(list.indexOf(target) > -1, 'expected #{this} to be one of #{exp}',
        'expected #{this} to not be one of #{exp}', list, target);
    }
  });

  // --- change / increase / decrease / by -------------------------------------------
  function deltaAssertion(behavior, numeric, measure, pastTense) {
    return function (subject, prop, msg) {
      setMessage(this, msg);
      var fn = getFlag(this, 'object');
      inner(this, fn).is.a('function');
      var initial;
      if (!prop) {
        inner(this, subject).is.a('function');
        initial = subject();
      } else {
        inner(this, subject).to.have.property(prop);
        initial = subject[prop];
      }
      if (numeric) inner(this, initial).is.a('number');
      fn();
      var noProp = prop === undefined || prop === null;
      var final = noProp ? subject() : subject[prop];
      var label = noProp ? initial : '.' + prop;
      setFlag(this, 'deltaMsgObj', label);
      setFlag(this, 'initialDeltaValue', initial);
      setFlag(this, 'finalDeltaValue', final);
      setFlag(this, 'deltaBehavior', behavior);
      setFlag(this, 'realDelta', measure(initial, final));
      this.assert(pastTense(initial, final), 'expected ' + label + ' to ' + behavior,
        'expected ' + label + ' to not ' + behavior);
    };
  }
  def.method('change changes', deltaAssertion('change', false,
    function (a, b) { return b !== a; }, function (a, b) { return a !== b; }));
  def.method('increase increases', deltaAssertion('increase', true,
    function (a, b) { return b - a; }, function (a, b) { return b - a > 0; }));
  def.method('decrease decreases', deltaAssertion('decrease', true,
    function (a, b) { return a - b; }, function (a, b) { return b - a < 0; }));

  def.method('by', function (delta, msg) {
    setMessage(this, msg);
    var label = getFlag(this, 'deltaMsgObj');
    var behavior = getFlag(this, 'deltaBehavior');
    var passed = behavior === 'change'
      ? Math.abs(getFlag(this, 'finalDeltaValue') - getFlag(this, 'initialDeltaValue')) === Math.abs(delta)
      : getFlag(this, 'realDelta') === Math.abs(delta);
    this.assert(passed, 'expected ' + label + ' to ' + behavior + ' by ' + delta,
      'expected ' + label + ' to not ' + behavior + ' by ' + delta);
  });

  // --- object state --------------------------------------------------------------------
  def.prop('extensible', function () {
    var obj = getFlag(this, 'object');
    this.assert(obj === Object(obj) && Object.isExtensible(obj), 'expected #{this} to be extensible',
      'expected #{this} to not be extensible');
  });
  def.prop('sealed', function () {
    var obj = getFlag(this, 'object');
    this.assert(obj === Object(obj) ? Object.isSealed(obj) : true, 'expected #{this} to be sealed',
      'expected #{this} to not be sealed');
  });
  def.prop('frozen', function () {
    var obj = getFlag(this, 'object');
    this.assert(obj === Object(obj) ? Object.isFrozen(obj) : true, 'expected #{this} to be frozen',
      'expected #{this} to not be frozen');
  });
  def.prop('finite', function () {
    var obj = getFlag(this, 'object');
    this.assert(typeof obj === 'number' && isFinite(obj), 'expected #{this} to be a finite number',
      'expected #{this} to not be a finite number');
  });
}

installCoreAssertions();

/* ------------------------------------------------------------------ */
/* 9. expect interface and exports                                     */
/* ------------------------------------------------------------------ */

function expect(val, message) {
  return new Assertion(val, message);
}

expect.fail = function (actual, expected, message, operator) {
  if (arguments.length < 2) {
    message = actual;
    actual = undefined;
  }
  throw new AssertionError(message || 'expect.fail()',
    { actual: actual, expected: expected, operator: operator }, expect.fail);
};

/* ------------------------------------------------------------------ */
/* 10. assert interface                                                */
/* ------------------------------------------------------------------ */

// chai's TDD style: each function is one expect chain, so messages match.
function assert(expr, message) {
  var test = new Assertion(null, null, assert, true);
  test.assert(expr, message, '[ negation message unavailable ]');
}

assert.fail = function (actual, expected, message, operator) {
  if (arguments.length < 2) {
    message = actual;
    actual = undefined;
  }
  throw new AssertionError(message || 'assert.fail()',
    { actual: actual, expected: expected, operator: operator }, assert.fail);
};

function chainOf(fn, val, msg) {
  return new Assertion(val, msg, fn, true);
}

// name -> [argument count before the message, the chain to run]
var ASSERT_CHAINS = {
  isOk: [1, function (a) { a.is.ok; }],
  ok: [1, function (a) { a.is.ok; }],
  isNotOk: [1, function (a) { a.is.not.ok; }],
  notOk: [1, function (a) { a.is.not.ok; }],
  strictEqual: [2, function (a, b) { a.to.equal(b); }],
  notStrictEqual: [2, function (a, b) { a.to.not.equal(b); }],
  deepEqual: [2, function (a, b) { a.to.eql(b); }],
  deepStrictEqual: [2, function (a, b) { a.to.eql(b); }],
  notDeepEqual: [2, function (a, b) { a.to.not.eql(b); }],
  isAbove: [2, function (a, b) { a.to.be.above(b); }],
  isAtLeast: [2, function (a, b) { a.to.be.least(b); }],
  isBelow: [2, function (a, b) { a.to.be.below(b); }],
  isAtMost: [2, function (a, b) { a.to.be.most(b); }],
  isTrue: [1, function (a) { a.is['true']; }],
  isNotTrue: [1, function (a) { a.to.not.equal(true); }],
  isFalse: [1, function (a) { a.is['false']; }],
  isNotFalse: [1, function (a) { a.to.not.equal(false); }],
  isNull: [1, function (a) { a.to.equal(null); }],
  isNotNull: [1, function (a) { a.to.not.equal(null); }],
  isNaN: [1, function (a) { a.to.be.NaN; }],
  isNotNaN: [1, function (a) { a.not.to.be.NaN; }],
  exists: [1, function (a) { a.to.exist; }],
  notExists: [1, function (a) { a.to.not.exist; }],
  isUndefined: [1, function (a) { a.to.equal(undefined); }],
  isDefined: [1, function (a) { a.to.not.equal(undefined); }],
  isFunction: [1, function (a) { a.to.be.a('function'); }],
  isNotFunction: [1, function (a) { a.to.not.be.a('function'); }],
  isObject: [1, function (a) { a.to.be.a('object'); }],
  isNotObject: [1, function (a) { a.to.not.be.a('object'); }],
  isArray: [1, function (a) { a.to.be.an('array'); }],
  isNotArray: [1, function (a) { a.to.not.be.an('array'); }],
  isString: [1, function (a) { a.to.be.a('string'); }],
  isNotString: [1, function (a) { a.to.not.be.a('string'); }],
  isNumber: [1, function (a) { a.to.be.a('number'); }],
  isNotNumber: [1, function (a) { a.to.not.be.a('number'); }],
  isFinite: [1, function (a) { a.to.be.finite; }],
  isBoolean: [1, function (a) { a.to.be.a('boolean'); }],
  isNotBoolean: [1, function (a) { a.to.not.be.a('boolean'); }],
  typeOf: [2, function (a, t) { a.to.be.a(t); }],
  notTypeOf: [2, function (a, t) { a.to.not.be.a(t); }],
  instanceOf: [2, function (a, t) { a.to.be.instanceOf(t); }],
  notInstanceOf: [2, function (a, t) { a.to.not.be.instanceOf(t); }],
  include: [2, function (a, v) { a.include(v); }],
  notInclude: [2, function (a, v) { a.not.include(v); }],
  deepInclude: [2, function (a, v) { a.deep.include(v); }],
  notDeepInclude: [2, function (a, v) { a.not.deep.include(v); }],
  nestedInclude: [2, function (a, v) { a.nested.include(v); }],
  ownInclude: [2, function (a, v) { a.own.include(v); }],
  match: [2, function (a, re) { a.to.match(re); }],
  notMatch: [2, function (a, re) { a.to.not.match(re); }],
  property: [2, function (a, p) { a.to.have.property(p); }],
  notProperty: [2, function (a, p) { a.to.not.have.property(p); }],
  propertyVal: [3, function (a, p, v) { a.to.have.property(p, v); }],
  notPropertyVal: [3, function (a, p, v) { a.to.not.have.property(p, v); }],
  deepPropertyVal: [3, function (a, p, v) { a.to.have.deep.property(p, v); }],
  nestedProperty: [2, function (a, p) { a.to.have.nested.property(p); }],
  nestedPropertyVal: [3, function (a, p, v) { a.to.have.nested.property(p, v); }],
  lengthOf: [2, function (a, n) { a.to.have.lengthOf(n); }],
  hasAnyKeys: [2, function (a, k) { a.to.have.any.keys(k); }],
  hasAllKeys: [2, function (a, k) { a.to.have.all.keys(k); }],
  containsAllKeys: [2, function (a, k) { a.to.contain.all.keys(k); }],
  doesNotHaveAnyKeys: [2, function (a, k) { a.to.not.have.any.keys(k); }],
  doesNotHaveAllKeys: [2, function (a, k) { a.to.not.have.all.keys(k); }],
  closeTo: [3, function (a, e, d) { a.to.be.closeTo(e, d); }],
  approximately: [3, function (a, e, d) { a.to.be.approximately(e, d); }],
  sameMembers: [2, function (a, s) { a.to.have.same.members(s); }],
  notSameMembers: [2, function (a, s) { a.to.not.have.same.members(s); }],
  sameDeepMembers: [2, function (a, s) { a.to.have.same.deep.members(s); }],
  sameOrderedMembers: [2, function (a, s) { a.to.have.same.ordered.members(s); }],
  includeMembers: [2, function (a, s) { a.to.include.members(s); }],
  includeDeepMembers: [2, function (a, s) { a.to.include.deep.members(s); }],
  oneOf: [2, function (a, l) { a.to.be.oneOf(l); }],
  isEmpty: [1, function (a) { a.to.be.empty; }],
  isNotEmpty: [1, function (a) { a.to.not.be.empty; }],
  isExtensible: [1, function (a) { a.to.be.extensible; }],
  isSealed: [1, function (a) { a.to.be.sealed; }],
  isFrozen: [1, function (a) { a.to.be.frozen; }],
  respondTo: [2, function (a, m) { a.to.respondTo(m); }],
  satisfy: [2, function (a, f) { a.to.satisfy(f); }]
};

Object.keys(ASSERT_CHAINS).forEach(function (name) {
  var spec = ASSERT_CHAINS[name];
  var fn = function () {
    var args = Array.prototype.slice.call(arguments, 0, spec[0]);
    var a = chainOf(fn, args[0], arguments[spec[0]]);
    args[0] = a;
    spec[1].apply(null, args);
  };
  assert[name] = fn;
});

// Loose equality as chai's: `==`, with the same wording as expect's equal.
assert.equal = function (act, exp, msg) {
  var test = chainOf(assert.equal, act, msg);
  test.assert(exp == getFlag(test, 'object'), 'expected #{this} to equal #{exp}', // eslint-disable-line eqeqeq
    'expected #{this} to not equal #{act}', exp, act, true);
};
assert.notEqual = function (act, exp, msg) {
  var test = chainOf(assert.notEqual, act, msg);
  test.assert(exp != getFlag(test, 'object'), 'expected #{this} to not equal #{exp}', // eslint-disable-line eqeqeq
    'expected #{this} to equal #{act}', exp, act, true);
};
assert.throws = function (fn, errorLike, errMsgMatcher, msg) {
  if (typeof errorLike === 'string' || errorLike instanceof RegExp) {
    errMsgMatcher = errorLike;
    errorLike = null;
  }
  var a = chainOf(assert.throws, fn, msg);
  return a.to['throw'](errorLike, errMsgMatcher);
};
assert['throw'] = assert.throws;
assert.Throw = assert.throws;
assert.doesNotThrow = function (fn, errorLike, errMsgMatcher, msg) {
  if (typeof errorLike === 'string' || errorLike instanceof RegExp) {
    errMsgMatcher = errorLike;
    errorLike = null;
  }
  chainOf(assert.doesNotThrow, fn, msg).to.not['throw'](errorLike, errMsgMatcher);
};

var usedPlugins = [];

var chai = {
  version: '4.5.0',
  AssertionError: AssertionError,
  Assertion: Assertion,
  util: util,
  config: config,
  expect: expect,
  assert: assert,
  /** Loupe-style formatting; `options.truncate` defaults to config.truncateThreshold. */
  inspect: function (value, options) {
    var opts = {};
    if (options && typeof options === 'object') {
      for (var key in options) opts[key] = options[key];
    }
    if (opts.truncate === undefined) opts.truncate = config.truncateThreshold || Infinity;
    if (!opts.truncate) opts.truncate = Infinity;
    return formatValue(value, opts);
  },
  use: function (plugin) {
    if (usedPlugins.indexOf(plugin) === -1) {
      plugin(chai, util);
      usedPlugins.push(plugin);
    }
    return chai;
  }
};

module.exports = chai;
