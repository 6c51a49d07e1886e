'use strict';
// The small runner both node checks share (loaded with require, not run on its
// own: .ci/run runs only *.test.js). Failures are printed as they happen; the
// count is printed at the end and any failure sets the exit code.

module.exports = function harness(AssertionError) {
  let passed = 0;
  let failed = 0;
  let current = '';

  function section(name) {
    current = name;
  }

  function report(ok, label, detail) {
    if (ok) {
      passed++;
    } else {
      failed++;
      console.log('FAIL [' + current + '] ' + label + (detail ? '\n    ' + detail : ''));
    }
  }

  function describe(fn) {
    return fn.toString().replace(/^\(\) => /, '').replace(/\s+/g, ' ');
  }

  /** fn must run without throwing. */
  function passes(fn) {
    try {
      fn();
      report(true);
    } catch (e) {
      report(false, describe(fn), 'unexpected ' + e.name + ': ' + e.message);
    }
  }

  /** fn must throw an AssertionError with exactly this message; returns the error. */
  function fails(fn, message) {
    try {
      fn();
    } catch (e) {
      const ok = e instanceof AssertionError && e.name === 'AssertionError' && e.message === message;
      report(ok, describe(fn), ok ? '' : 'got ' + e.name + ': ' + JSON.stringify(e.message) + '\n    want ' + JSON.stringify(message));
      return e;
    }
    report(false, describe(fn), 'did not throw; want ' + JSON.stringify(message));
    return undefined;
  }

  /** fn must throw a plain Error (not an assertion failure) with this message. */
  function throwsError(fn, message) {
    try {
      fn();
    } catch (e) {
      const ok = !(e instanceof AssertionError) && e.message === message;
      report(ok, describe(fn), ok ? '' : 'got ' + e.name + ': ' + JSON.stringify(e.message) + '\n    want ' + JSON.stringify(message));
      return;
    }
    report(false, describe(fn), 'did not throw; want ' + JSON.stringify(message));
  }

  function eq(actual, expected, label) {
    const ok = actual === expected;
    report(ok, label || JSON.stringify(expected), ok ? '' : 'got  ' + JSON.stringify(actual) + '\n    want ' + JSON.stringify(expected));
  }

  /** Prints the count; any failure makes the process fail. */
  function finish() {
    console.log(passed + ' passed, ' + failed + ' failed');
    if (failed > 0) process.exitCode = 1;
  }

  return { section, passes, fails, throwsError, eq, finish };
};
