// The prelude's shared helpers: the host natives (`P.host`), the prelude pieces
// loaded on first use (inspect, the Postman SDK), JSON and thrown errors as
// postie reads them.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

var host = P.host;

// The inspect and postman pieces of the prelude load on first use.
function sdk() {
  if (!P.sdk) host.prelude('postman', P);
  return P.sdk;
}
function inspect(value, opts) {
  if (!P.inspect) host.prelude('inspect', P);
  return P.inspect(value, opts);
}
function format() {
  var first = arguments[0];
  if (arguments.length === 1 && typeof first === 'string') return first;
  var plain = typeof first !== 'string' || first.indexOf('%') === -1;
  for (var i = 0; plain && i < arguments.length; i++) plain = typeof arguments[i] === 'string';
  if (plain) return Array.prototype.join.call(arguments, ' ');
  if (!P.format) host.prelude('inspect', P);
  return P.format.apply(null, arguments);
}
var G = globalThis;
var hasOwn = Object.prototype.hasOwnProperty;

function define(obj, name, value, enumerable) {
  Object.defineProperty(obj, name, {
    value: value, writable: true, configurable: true, enumerable: enumerable !== false
  });
}

// A set of property descriptors made once, defined on every run by the host
// (host.define) with the run's values: `at[name]` is the slot of a data
// property's value in `values`; an accessor takes two slots (getter, setter).
// Object.defineProperties would read each descriptor object field by field.
function bulk(d) {
  var names = Object.keys(d);
  var flags = [];
  var values = [];
  var at = {};
  names.forEach(function (k) {
    var x = d[k];
    var f = (x.configurable ? 1 : 0) | (x.enumerable ? 4 : 0);
    if ('get' in x || 'set' in x) {
      f |= 16;
      values.push(x.get, x.set);
    } else {
      if (x.writable) f |= 2;
      at[k] = values.length;
      values.push(x.value);
    }
    flags.push(f);
  });
  return { id: host.shapeRecord(names, flags), values: values, at: at };
}

function toJson(value) {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch (e) {
    return JSON.stringify(String(value));
  }
}

function fromJson(text) {
  return text === undefined || text === null ? undefined : JSON.parse(text);
}

function errorInfo(e) {
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    var name;
    var message;
    var stack;
    try { name = e.name; } catch (x) { /* ignore */ }
    try { message = e.message; } catch (x) { /* ignore */ }
    try { stack = e.stack; } catch (x) { /* ignore */ }
    return {
      name: name === undefined || name === null ? 'Error' : String(name),
      message: message === undefined || message === null ? String(e) : String(message),
      stack: typeof stack === 'string' ? stack : null
    };
  }
  return { name: 'Error', message: String(e), stack: null };
}

/**
 * The expected and actual values of a failed chai comparison (`showDiff`), as
 * JSON text for the reports' diffs; null when there is nothing to compare or the
 * values cannot be written (a cycle, a function) or are too large to be worth it.
 */
function diffInfo(e) {
  try {
    if (e === null || typeof e !== 'object' || e.showDiff !== true) return null;
    var expected = JSON.stringify(e.expected);
    var actual = JSON.stringify(e.actual);
    if (expected === undefined || actual === undefined) return null;
    if (expected.length + actual.length > 262144) return null;
    return { expected: expected, actual: actual };
  } catch (x) {
    return null;
  }
}
