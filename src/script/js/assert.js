// Node's `assert` module for collection scripts. Written for postie. Messages
// follow Node's ("1 == 2", "Expected values to be strictly equal: ...").
'use strict';

var inspect = require('util').inspect;

function AssertionError(options) {
  var err = new Error(options.message);
  Object.setPrototypeOf(err, AssertionError.prototype);
  err.generatedMessage = !options.userMessage;
  err.code = 'ERR_ASSERTION';
  err.actual = options.actual;
  err.expected = options.expected;
  err.operator = options.operator;
  return err;
}
AssertionError.prototype = Object.create(Error.prototype);
AssertionError.prototype.constructor = AssertionError;
AssertionError.prototype.name = 'AssertionError';

function fail(actual, expected, message, operator, generated) {
  if (message instanceof Error) throw message;
  throw new AssertionError({
    message: message === undefined ? generated : String(message),
    userMessage: message !== undefined,
    actual: actual,
    expected: expected,
    operator: operator
  });
}

function isObject(v) {
  return v !== null && typeof v === 'object';
}

// Node's deepEqual (loose: `==` for primitives) and deepStrictEqual.
function deepEqual(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : a == b) return true; // eslint-disable-line eqeqeq
  if (!isObject(a) || !isObject(b)) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  seen = seen || [];
  for (var s = 0; s < seen.length; s++) {
    if (seen[s][0] === a && seen[s][1] === b) return true;
  }
  seen.push([a, b]);
  var ka = Object.keys(a);
  var kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (var i = 0; i < ka.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(b, ka[i])) return false;
    if (!deepEqual(a[ka[i]], b[ka[i]], strict, seen)) return false;
  }
  return true;
}

// Node's "+ actual - expected" comparison; two one-line values get a caret
// under the first character where they differ.
function strictDiff(a, b) {
  var out = '+ actual - expected\n\n';
  if (a.indexOf('\n') === -1 && b.indexOf('\n') === -1) {
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return out + '+ ' + a + '\n- ' + b + '\n' + new Array(i + 3).join(' ') + '^';
  }
  return out + a.split('\n').map(function (l) { return '+ ' + l; }).join('\n') + '\n' +
    b.split('\n').map(function (l) { return '- ' + l; }).join('\n');
}

function ok(value, message) {
  if (!value) fail(value, true, message, '==', inspect(value) + ' == true');
}

function assert(value, message) {
  ok(value, message);
}

assert.fail = function (message) {
  fail(undefined, undefined, message === undefined ? 'Failed' : message, 'fail', 'Failed');
};
assert.AssertionError = AssertionError;
assert.ok = ok;
assert.equal = function (actual, expected, message) {
  if (actual != expected) { // eslint-disable-line eqeqeq
    fail(actual, expected, message, '==', inspect(actual) + ' == ' + inspect(expected));
  }
};
assert.notEqual = function (actual, expected, message) {
  if (actual == expected) { // eslint-disable-line eqeqeq
    fail(actual, expected, message, '!=', inspect(actual) + ' != ' + inspect(expected));
  }
};
assert.deepEqual = function (actual, expected, message) {
  if (!deepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'deepEqual', 'Expected values to be loosely deep-equal:\n\n' +
      inspect(actual) + '\n\nshould equal\n\n' + inspect(expected));
  }
};
assert.notDeepEqual = function (actual, expected, message) {
  if (deepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'notDeepEqual', '"actual" deepEqual "expected"');
  }
};
assert.deepStrictEqual = function (actual, expected, message) {
  if (!deepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'deepStrictEqual', 'Expected values to be strictly deep-equal:\n' +
      strictDiff(inspect(actual), inspect(expected)));
  }
};
assert.notDeepStrictEqual = function (actual, expected, message) {
  if (deepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' +
      inspect(expected));
  }
};
assert.strictEqual = function (actual, expected, message) {
  if (!Object.is(actual, expected)) {
    fail(actual, expected, message, 'strictEqual', 'Expected values to be strictly equal:\n\n' +
      inspect(actual) + ' !== ' + inspect(expected) + '\n');
  }
};
assert.notStrictEqual = function (actual, expected, message) {
  if (Object.is(actual, expected)) {
    fail(actual, expected, message, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' +
      inspect(expected));
  }
};

// Whether a thrown error matches what `throws` expected (a class, a RegExp
// against its text, a validation function or an object of properties).
function matches(err, expected) {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(String(err));
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && err instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected.call({}, err) === true;
  }
  if (isObject(expected)) {
    return Object.keys(expected).every(function (k) {
      return expected[k] instanceof RegExp && typeof err[k] === 'string' ?
        expected[k].test(err[k]) : deepEqual(err[k], expected[k], true);
    });
  }
  return false;
}

assert.throws = function (fn, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    fn();
  } catch (err) {
    if (!matches(err, expected)) throw err;
    return;
  }
  fail(undefined, expected, message, 'throws', 'Missing expected exception.');
};
assert.rejects = function (promise, expected, message) {
  return Promise.resolve(typeof promise === 'function' ? promise() : promise).then(function () {
    fail(undefined, expected, message, 'rejects', 'Missing expected rejection.');
  }, function (err) {
    if (!matches(err, expected)) throw err;
  });
};
assert.doesNotThrow = function (fn, expected, message) {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    fn();
  } catch (err) {
    fail(err, expected, message, 'doesNotThrow', 'Got unwanted exception.\nActual message: "' +
      (err && err.message) + '"');
  }
};
assert.doesNotReject = function (promise, expected, message) {
  return Promise.resolve(typeof promise === 'function' ? promise() : promise).then(function () {}, function (err) {
    fail(err, expected, message, 'doesNotReject', 'Got unwanted rejection.\nActual message: "' +
      (err && err.message) + '"');
  });
};
assert.ifError = function (value) {
  if (value !== null && value !== undefined) {
    if (value instanceof Error) throw value;
    fail(value, null, undefined, 'ifError', 'ifError got unwanted exception: ' + inspect(value));
  }
};

// `assert.strict` is the same module with the strict comparisons under the loose names.
var strict = function (value, message) {
  ok(value, message);
};
Object.keys(assert).forEach(function (k) { strict[k] = assert[k]; });
strict.equal = assert.strictEqual;
strict.notEqual = assert.notStrictEqual;
strict.deepEqual = assert.deepStrictEqual;
strict.notDeepEqual = assert.notDeepStrictEqual;
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
