// `console`: each call carried out as newman's cli reporter prints it, and
// console.count, console.time and the other counters.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

// A console call as newman's cli reporter prints it: postman-sandbox carries
// each argument out as data (teleport-javascript, with its replacer and the
// Error toJSON it installs), then the reporter util.inspects each one (depth
// 25, breakLength 44 off a terminal) and joins them with ', '.
var PLAIN_TEXT = /^[^'\\\x00-\x1f\x7f\ud800-\udfff]*$/;
function consoleMessage(args) {
  var out = [];
  for (var i = 0; i < args.length; i++) out.push(shownArg(args[i]));
  return out.join(', ');
}
function shownArg(value) {
  if (typeof value === 'string' && PLAIN_TEXT.test(value)) return "'" + value + "'";
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value === 0 ? '0' : String(value);
  var data;
  try {
    data = carried(value, new Map());
  } catch (e) {
    data = value; // a throwing getter or toJSON: show the value as it is
  }
  return inspect(data, { depth: 25, breakLength: 44 });
}
function carried(value, seen) {
  if (typeof value === 'function') {
    var kind = value.constructor && value.constructor.name ? value.constructor.name : 'Function';
    return value.name ? '[' + kind + ': ' + value.name + ']' : '[' + kind + ']';
  }
  if (typeof value === 'number') return value === 0 ? 0 : value;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof WeakMap) return '[WeakMap]';
  if (value instanceof WeakSet) return '[WeakSet]';
  if (value instanceof ArrayBuffer) return '[ArrayBuffer { byteLength: ' + value.byteLength + ' }]';
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  if (value instanceof Error) {
    return { type: 'Error', name: value.name, message: value.message };
  }
  var copy;
  if (value instanceof Map) {
    copy = new Map();
    seen.set(value, copy);
    value.forEach(function (v, k) { copy.set(carried(k, seen), carried(v, seen)); });
    return copy;
  }
  if (value instanceof Set) {
    copy = new Set();
    seen.set(value, copy);
    value.forEach(function (v) { copy.add(carried(v, seen)); });
    return copy;
  }
  if (typeof value.toJSON === 'function') {
    var json = value.toJSON();
    if (json !== value) return carried(json, seen);
  }
  if (Array.isArray(value)) {
    copy = [];
    seen.set(value, copy);
    for (var i = 0; i < value.length; i++) copy.push(carried(value[i], seen));
    return copy;
  }
  copy = {};
  seen.set(value, copy);
  Object.keys(value).forEach(function (k) { copy[k] = carried(value[k], seen); });
  return copy;
}

// Per run, made at a run's first count or timer (most runs have none).
var counts = null;
var timersLabels = null;

function makeConsole() {
  var consoleObj = {};
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    define(consoleObj, level, function () {
      host.console(level, format.apply(null, arguments), consoleMessage(arguments));
    });
  });
  define(consoleObj, 'trace', function () {
    host.console('log', 'Trace' + (arguments.length ? ': ' + format.apply(null, arguments) : ''));
  });
  define(consoleObj, 'dir', function (value) {
    host.console('log', inspect(value));
  });
  define(consoleObj, 'table', function () {
    host.console('log', format.apply(null, arguments));
  });
  define(consoleObj, 'assert', function (cond) {
    if (cond) return;
    var rest = Array.prototype.slice.call(arguments, 1);
    host.console('error', 'Assertion failed' + (rest.length ? ': ' + format.apply(null, rest) : ''));
  });
  define(consoleObj, 'count', function (label) {
    label = label === undefined ? 'default' : String(label);
    if (!counts) counts = {};
    counts[label] = (counts[label] || 0) + 1;
    host.console('info', label + ': ' + counts[label]);
  });
  define(consoleObj, 'countReset', function (label) {
    if (!counts) counts = {};
    counts[label === undefined ? 'default' : String(label)] = 0;
  });
  define(consoleObj, 'time', function (label) {
    if (!timersLabels) timersLabels = {};
    timersLabels[label === undefined ? 'default' : String(label)] = host.now();
  });
  function timeLog(end) {
    return function (label) {
      label = label === undefined ? 'default' : String(label);
      if (!timersLabels || !hasOwn.call(timersLabels, label)) return;
      var ms = host.now() - timersLabels[label];
      if (end) delete timersLabels[label];
      host.console('info', label + ': ' + (Math.round(ms * 1000) / 1000) + 'ms');
    };
  }
  define(consoleObj, 'timeLog', timeLog(false));
  define(consoleObj, 'timeEnd', timeLog(true));
  define(consoleObj, 'clear', function () {});
  define(consoleObj, 'group', function () {
    if (arguments.length) host.console('log', format.apply(null, arguments));
  });
  define(consoleObj, 'groupCollapsed', consoleObj.group);
  define(consoleObj, 'groupEnd', function () {});
  return consoleObj;
}
