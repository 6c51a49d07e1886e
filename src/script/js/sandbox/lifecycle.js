// The hooks the Rust side drives: P.setup before a run, P.run, P.finish after
// it, P.cleanup before the context serves another; and what is made once per
// context and put back when a script changed it.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

// Per-run state, reset at the start of every run: a context may serve
// several runs (libraries loaded by require stay, as in newman).
// Whether the state is as resetRun leaves it: P.cleanup resets after a run,
// so the next P.setup need not do it again.
var isReset = false;
function resetRun() {
  isReset = true;
  // What a run made is dropped; what it left empty, as most runs do, is kept.
  counts = null;
  timersLabels = null;
  if (timers.size !== 0) timers = new Map();
  timerSeq = 0;
  sealed = false;
  if (opCallbacks.size !== 0) opCallbacks = new Map();
  init = undefined;
  pm = undefined;
  assertionIndex = 0;
  if (pending.size !== 0) pending = new Map();
  requestObj = null;
  requestBuilt = null;
  responseObj = null;
  cookiesObj = null;
  warned = null;
  warningsOn = true;
  legacyTests = null;
  legacyTestsProxy = null;
  postmanReached = false;
  snapshots = null;
  isPre = false;
}

// The global object as the prelude leaves it; what a run adds or replaces
// is undone by P.cleanup when the context is used again.
var baseline = null;

function snapshotGlobals() {
  baseline = new Map();
  Reflect.ownKeys(G).forEach(function (k) {
    baseline.set(k, Object.getOwnPropertyDescriptor(G, k));
  });
}

/** Puts the global object back as the prelude left it, and drops what was made once. */
function restoreGlobals() {
  Reflect.ownKeys(G).forEach(function (k) {
    if (!baseline.has(k)) {
      try { delete G[k]; } catch (e) { /* non-configurable: stays */ }
    }
  });
  baseline.forEach(function (desc, k) {
    var now = Object.getOwnPropertyDescriptor(G, k);
    if (!now || now.value !== desc.value || now.get !== desc.get || now.set !== desc.set) {
      try { Object.defineProperty(G, k, desc); } catch (e) { /* non-configurable: stays */ }
    }
  });
  statics = null;
}

// Object.is: a global or property holding NaN has not changed.
function same(a, b) {
  return a === b || (a !== a && b !== b);
}

// An object made once per context, with its own properties as they were made:
// the host compares its keys (as atoms, in the recorded order) and values.
function recorded(list, obj) {
  var keys = Reflect.ownKeys(obj);
  list.push(obj, host.keysRecord(obj, 1), keys.map(function (k) { return obj[k]; }));
  return list;
}

// Globals every run defines afresh (with the run's data or a lazy getter).
var PER_RUN = ['pm', 'Buffer', 'tests', 'globals', 'environment', 'data', 'request', 'iteration',
  'responseCookies', 'responseHeaders', 'responseTime', 'responseCode', 'responseBody', 'postman',
  '_', 'CryptoJS', 'tv4', 'xml2Json', 'atob', 'btoa', 'cheerio'];

/**
 * Makes what does not depend on a run once per context: console, timers,
 * require, the scopes without per-run data, pm's and the legacy globals'
 * functions and descriptors. Scripts can change these objects; P.cleanup
 * checks after every run that they did not, and starts over if they did.
 */
function install() {
  host.keysForget();
  statics = {
    console: makeConsole(),
    globals: new Scope('globals'),
    collectionVariables: new Scope('collection'),
    variables: new Scope('all', 'local'),
    iterationData: new Scope('data'),
    visualizer: { set: visualizerSet, clear: function () {} },
    legacyPre: makeLegacy(false),
    legacyTest: makeLegacy(true)
  };
  statics.pm = pmDescriptors(false);
  statics.pmWithResponse = pmDescriptors(true);
  statics.legacyPreGlobals = legacyDescriptors(false);
  statics.legacyTestGlobals = legacyDescriptors(true);
  statics.pmBulk = bulk(statics.pm);
  statics.pmWithResponseBulk = bulk(statics.pmWithResponse);
  statics.legacyPreBulk = bulk(statics.legacyPreGlobals);
  statics.legacyTestBulk = bulk(statics.legacyTestGlobals);
  statics.infoBulk = bulk({
    eventName: ro(null), iteration: ro(null), iterationCount: ro(null), requestName: ro(null), requestId: ro(null)
  });
  statics.executionBulk = bulk({
    skipRequest: assigned(null), location: assigned(null), setNextRequest: assigned(null)
  });
  // Scope's own properties as its constructor defines them, then the name.
  statics.environmentBulk = bulk({
    _kind: { value: null }, _write: { value: null }, name: { value: null, enumerable: true }
  });
  statics.currentBulk = bulk({ current: ro(null) });
  statics.core = {
    pm: dataDesc(null),
    console: dataDesc(statics.console)
  };
  Object.keys(timerApi).forEach(function (k) { statics.core[k] = dataDesc(timerApi[k]); });
  statics.core.require = dataDesc(requireFn);
  statics.core.Buffer = lazyDesc('Buffer', function () { return requireFn('buffer').Buffer; });
  statics.plain = { atob: dataDesc(atob), btoa: dataDesc(btoa) };
  Object.defineProperties(G, statics.core);
  Object.defineProperties(G, statics.legacyTestGlobals);
  statics.records = host.hold(['console', 'globals', 'collectionVariables', 'variables', 'iterationData',
    'visualizer'].reduce(function (list, k) { return recorded(list, statics[k]); }, []));
  statics.legacyRecords = host.hold(recorded(recorded([], statics.legacyPre), statics.legacyTest));
  // Every other global must keep its value from run to run.
  var perRun = new Set(PER_RUN);
  var fixedKeys = [];
  var fixedValues = [];
  statics.accessors = [];
  Reflect.ownKeys(G).forEach(function (k) {
    if (perRun.has(k)) return;
    var desc = Object.getOwnPropertyDescriptor(G, k);
    // NaN, Infinity, undefined: no script can change them.
    if ('value' in desc && !desc.writable && !desc.configurable) return;
    if ('value' in desc) {
      fixedKeys.push(k);
      fixedValues.push(desc.value);
    } else {
      statics.accessors.push([k, desc]);
    }
  });
  statics.fixed = host.hold([G, host.valuesRecord(fixedKeys), fixedValues]);
  statics.globalKeys = host.keysRecord(G, KEY_ORDERS);
}

// Whether every own key of the global object is one the prelude made: the
// host keeps the key lists it already found so (a few: the order differs
// between kinds of run), and looks each key up only in a list not seen before.
var KEY_ORDERS = 4;

/** Whether the run left the globals and the objects made once as they were. */
function untouched() {
  // The global object's keys, then the fixed globals' values, in one host call.
  if (!host.globalsSame(G, statics.globalKeys, statics.fixed)) return false;
  for (var i = 0; i < statics.accessors.length; i++) {
    var a = statics.accessors[i];
    var now = Object.getOwnPropertyDescriptor(G, a[0]);
    if (!now || now.get !== a[1].get || now.set !== a[1].set) return false;
  }
  return host.recordsSame(statics.records) && (!postmanReached || host.recordsSame(statics.legacyRecords));
}

P.cleanup = function () {
  if (!baseline) return;
  if (statics && !untouched()) restoreGlobals();
  resetRun();
};

P.setup = function (initData) {
  if (!isReset) resetRun();
  isReset = false;
  if (!baseline) snapshotGlobals();
  if (!statics) install();
  init = initData;
  statics.core.pm.value = buildPm();
  Object.defineProperty(G, 'pm', statics.core.pm);
  statics.core.pm.value = null;
  Object.defineProperty(G, 'Buffer', statics.core.Buffer);
  if (init.legacy) setupLegacy();
  else {
    for (var k in statics.legacyTestGlobals) delete G[k];
    Object.defineProperties(G, statics.plain);
  }
};

P.run = function (fn) {
  var result;
  try {
    result = fn.call(G);
  } catch (e) {
    host.scriptError(e);
    return;
  }
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    result.then(undefined, function (e) { host.scriptError(e); });
  }
};

P.finish = function () {
  warningsOn = false;
  if (legacyTests) {
    var tests = G.tests === legacyTestsProxy ? legacyTests : G.tests;
    if (tests && typeof tests === 'object') {
      Object.keys(tests).forEach(function (key) {
        var value = tests[key];
        var error = null;
        if (!value) {
          error = { name: 'AssertionError', message: 'expected ' + String(value) + ' to be truthy', stack: null };
        }
        host.assertion(JSON.stringify({
          name: key, index: assertionIndex++, passed: Boolean(value), skipped: false, error: error
        }));
      });
    }
  }
  pending.forEach(function (a) {
    a.passed = false;
    a.error = {
      name: 'Error',
      message: a.async === 'done' ? 'the test did not finish: done() was not called before the script ended' :
        'the test did not finish: its promise did not settle before the script ended',
      stack: null
    };
    report(a);
  });
  // pm.request is written back only if the script looked at it and changed it.
  if (init && init.kind === 'prerequest' && requestObj) {
    var now = JSON.stringify(requestObj.toJSON());
    if (now !== requestBuilt) return now;
  }
  return '';
};
