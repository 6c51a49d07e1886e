// Appended to each library's checks by tests/sandbox_libs.rs (function
// declarations are hoisted, so the checks keep their own line numbers).
// Every `test` is one `pm.test` named "<group>: <check>"; a check fails by
// throwing, with what it expected and what it got.

var currentGroup = '';

function group(name, fn) {
  currentGroup = name;
  fn();
}

function test(name, fn) {
  pm.test(currentGroup + ': ' + name, fn);
}

function show(v) {
  try {
    return JSON.stringify(v, (k, x) => (x === undefined ? '<undefined>' : typeof x === 'number' && !isFinite(x) ? String(x) : x));
  } catch (e) {
    return String(v);
  }
}

// Structural equality that checks key order (a library's output shape
// includes the order its keys come in) and tells 0 from -0.
function same(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  if (typeof a === 'number' && typeof b === 'number') return isNaN(a) && isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!same(a[ka[i]], b[kb[i]])) return false;
  }
  return true;
}

function eq(actual, expected, msg) {
  if (!same(actual, expected)) {
    throw new Error((msg ? msg + ': ' : '') + 'expected ' + show(expected) + ', got ' + show(actual));
  }
}

function ok(v, msg) {
  if (!v) throw new Error(msg || 'expected truthy, got ' + show(v));
}

function throws(fn, re) {
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    if (re && !re.test(String(e && e.message))) throw new Error('wrong error: ' + (e && e.message));
  }
  if (!threw) throw new Error('expected an exception');
}
