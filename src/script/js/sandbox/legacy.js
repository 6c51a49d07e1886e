// The legacy globals (tests, environment, responseBody, postman, `_`, …) of
// scripts not marked "use sandbox2", with their deprecation warnings.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

var LEGACY_ALTERNATIVES = {
  tests: 'pm.test()',
  globals: 'pm.globals',
  environment: 'pm.environment',
  data: 'pm.iterationData',
  request: 'pm.request',
  responseCookies: 'pm.cookies',
  responseHeaders: 'pm.response.headers',
  responseTime: 'pm.response.responseTime',
  responseCode: 'pm.response.code',
  responseBody: 'pm.response.text()',
  iteration: 'pm.info.iteration',
  _: "require('lodash')",
  CryptoJS: "require('crypto-js')",
  atob: "require('atob')",
  btoa: "require('btoa')",
  tv4: "require('ajv')",
  xml2Json: "require('xml2js')",
  Backbone: "require('backbone')",
  cheerio: "require('cheerio')",
  'postman.setNextRequest': 'pm.execution.setNextRequest()',
  'postman.setEnvironmentVariable': 'pm.environment.set()',
  'postman.getEnvironmentVariable': 'pm.environment.get()',
  'postman.clearEnvironmentVariables': 'pm.environment.clear()',
  'postman.clearEnvironmentVariable': 'pm.environment.unset()',
  'postman.setGlobalVariable': 'pm.globals.set()',
  'postman.getGlobalVariable': 'pm.globals.get()',
  'postman.clearGlobalVariables': 'pm.globals.clear()',
  'postman.clearGlobalVariable': 'pm.globals.unset()',
  'postman.getResponseCookie': 'pm.cookies.get()',
  'postman.getResponseHeader': 'pm.response.headers.get()'
};
// Per run, made at its first warning.
var warned = null;
var warningsOn = true;
function deprecated(key) {
  if (!warningsOn || (warned && warned[key])) return;
  if (!warned) warned = {};
  warned[key] = true;
  var alt = LEGACY_ALTERNATIVES[key];
  var text = alt ? 'Using "' + key + '" is deprecated. Use "' + alt + '" instead.' :
    'Using "' + key + '" is deprecated.';
  host.console('warn', text, shownArg(text));
}
var watchHandlers = {};
function watch(key, target) {
  if (!target || (typeof target !== 'object' && typeof target !== 'function')) return target;
  return new Proxy(target, handlerOf(key));
}
function handlerOf(key) {
  return watchHandlers[key] || (watchHandlers[key] = watchHandler(key));
}
function watchHandler(key) {
  return {
    set: function (t, prop, value) {
      deprecated(key);
      t[prop] = value;
      return true;
    },
    get: function (t, prop) {
      // newman says "postman.setNextRequest" for any use of `postman`.
      deprecated(key === 'postman' ? 'postman.setNextRequest' : key);
      return t[prop];
    },
    apply: function (t, self, args) {
      deprecated(key);
      return t.apply(self, args);
    }
  };
}

var legacyTests = null;
var legacyTestsProxy = null;

// The legacy `postman` objects are made once per context, and a script reaches
// them only through the proxy the `postman` global holds: in a run that called
// none of its traps they are as they were, and the after-run check skips them.
var postmanReached = false;
var OBJECT_TRAPS = ['getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions',
  'getOwnPropertyDescriptor', 'defineProperty', 'has', 'get', 'set', 'deleteProperty', 'ownKeys'];
/** The `postman` proxy: every trap notes the reach, then does what it did (or what no trap does). */
function watchPostman(target) {
  var watching = handlerOf('postman');
  var handler = {};
  OBJECT_TRAPS.forEach(function (trap) {
    var own = watching[trap] || Reflect[trap];
    handler[trap] = function (a, b, c, d) {
      postmanReached = true;
      return own(a, b, c, d);
    };
  });
  return new Proxy(target, handler);
}

function requestData(request) {
  var body = request.body;
  if (!body || body.isEmpty()) return {};
  var mode = body.mode;
  function collect(list) {
    var acc = {};
    (list ? list.all() : []).forEach(function (p) {
      if (p.disabled) return;
      if (acc[p.key]) {
        if (Array.isArray(acc[p.key])) acc[p.key].push(p.value);
        else acc[p.key] = [acc[p.key], p.value];
      } else {
        acc[p.key] = p.value;
      }
    });
    return acc;
  }
  if (mode === 'raw') return body.raw || {};
  if (mode === 'urlencoded') return collect(body.urlencoded);
  if (mode === 'formdata') return collect(body.formdata);
  if (mode === 'file') return (body.file && body.file.content) || {};
  return {};
}

// The legacy globals' functions are made once per context; what they read
// (the variables as the script started, pm) is the run's.
var snapshots = null;
// The legacy globals `environment`, `globals` and `data` show the variables as
// they were when the script started: the host keeps a scope's start at its
// first change in the run.
function snapshot(scope) {
  if (!snapshots) snapshots = {};
  if (!snapshots[scope]) snapshots[scope] = JSON.parse(host.varStart(scope));
  return snapshots[scope];
}

function makeLegacy(forTest) {
  var legacy = {
    setEnvironmentVariable: function (key, value) {
      if ((value === false || value) && typeof (value && value.toString) === 'function') value = value.toString();
      snapshot('environment')[key] = value;
      return pm.environment.set(key, value);
    },
    getEnvironmentVariable: function (key) {
      return pm.environment.get(key);
    },
    clearEnvironmentVariables: function () {
      var env = snapshot('environment');
      Object.keys(env).forEach(function (k) { delete env[k]; });
      return pm.environment.clear();
    },
    clearEnvironmentVariable: function (key) {
      if (key) delete snapshot('environment')[key];
      return pm.environment.unset(key);
    },
    setGlobalVariable: function (key, value) {
      if ((value === false || value) && typeof (value && value.toString) === 'function') value = value.toString();
      snapshot('globals')[key] = value;
      return pm.globals.set(key, value);
    },
    getGlobalVariable: function (key) {
      return pm.globals.get(key);
    },
    clearGlobalVariables: function () {
      var g = snapshot('globals');
      Object.keys(g).forEach(function (k) { delete g[k]; });
      return pm.globals.clear();
    },
    clearGlobalVariable: function (key) {
      if (key) delete snapshot('globals')[key];
      return pm.globals.unset(key);
    },
    setNextRequest: function (what) {
      setNext(what);
    }
  };
  if (forTest) {
    legacy.getResponseCookie = function (name) {
      return pm.cookies ? pm.cookies.one(String(name)) : undefined;
    };
    legacy.getResponseHeader = function (name) {
      var h = pm.response && pm.response.headers.one(name);
      return h ? h.value : undefined;
    };
  }
  return legacy;
}

function dataDesc(value, enumerable) {
  return { value: value, writable: true, configurable: true, enumerable: enumerable !== false };
}
function lazyDesc(name, make, enumerable) {
  return {
    configurable: true,
    enumerable: enumerable !== false,
    get: function () {
      var v = make();
      define(G, name, v, enumerable);
      return v;
    },
    set: function (v) {
      define(G, name, v, enumerable);
    }
  };
}

var TEST_ONLY = ['responseCookies', 'responseHeaders', 'responseTime', 'responseCode', 'responseBody'];

/** The legacy globals of a pre-request or test script, in the order they are defined. */
function legacyDescriptors(forTest) {
  var d = {};
  d.tests = dataDesc(null);
  d.globals = lazyDesc('globals', function () { return watch('globals', snapshot('globals')); });
  d.environment = lazyDesc('environment', function () { return watch('environment', snapshot('environment')); });
  d.data = lazyDesc('data', function () { return watch('data', snapshot('data')); });
  d.request = lazyDesc('request', function () {
    var r = pm.request;
    return watch('request', {
      id: init.info.requestId,
      name: init.info.requestName,
      description: r.description === undefined ? undefined :
        typeof r.description === 'string' ? r.description : r.description && r.description.content,
      headers: r.headers.toObject(true, false, true, true),
      method: r.method,
      url: r.url.toString(),
      data: requestData(r)
    });
  });
  d.iteration = dataDesc(0);
  if (forTest) {
    d.responseCookies = lazyDesc('responseCookies', function () { return watch('responseCookies', pm.cookies); });
    d.responseHeaders = lazyDesc('responseHeaders', function () {
      var out = {};
      if (pm.response) {
        pm.response.headers.each(function (h) {
          if (h && !h.disabled) out[h.key] = h.value;
        });
      }
      return watch('responseHeaders', out);
    });
    d.responseTime = dataDesc(NaN);
    d.responseCode = lazyDesc('responseCode', function () {
      return watch('responseCode', pm.response ? pm.response.details() : { code: NaN, name: '', details: '' });
    });
    d.responseBody = dataDesc(undefined);
  }
  d.postman = dataDesc(watchPostman(forTest ? statics.legacyTest : statics.legacyPre));
  d._ = lazyDesc('_', function () { return watch('_', legacyLodash()); });
  d.CryptoJS = lazyDesc('CryptoJS', function () { return watch('CryptoJS', requireFn('crypto-js')); });
  d.tv4 = lazyDesc('tv4', function () { return watch('tv4', requireFn('tv4')); });
  d.xml2Json = lazyDesc('xml2Json', function () { return watch('xml2Json', xml2Json); });
  d.atob = dataDesc(watch('atob', atob));
  d.btoa = dataDesc(watch('btoa', btoa));
  d.cheerio = lazyDesc('cheerio', function () { return BUILTINS.cheerio(); });
  return d;
}

// The legacy `_` is lodash 3 in Postman's sandbox (require('lodash') is 4):
// lodash 4 under it, with lodash 3's version and the names 4 dropped.
var legacyLodashFn = null;
function legacyLodash() {
  if (legacyLodashFn) return legacyLodashFn;
  var lodash = requireFn('lodash');
  var wrapper = function lodash3(value) { return lodash(value); };
  Object.setPrototypeOf(wrapper, lodash);
  var renamed = {
    pluck: 'map', where: 'filter', findWhere: 'find', contains: 'includes', include: 'includes',
    any: 'some', all: 'every', indexBy: 'keyBy', sortByOrder: 'orderBy', rest: 'tail', first: 'head',
    object: 'zipObject', pairs: 'toPairs', trunc: 'truncate', padLeft: 'padStart', padRight: 'padEnd',
    collect: 'map', detect: 'find', select: 'filter', foldl: 'reduce', foldr: 'reduceRight',
    inject: 'reduce', methods: 'functions', unique: 'uniq', backflow: 'flowRight', compose: 'flowRight'
  };
  Object.keys(renamed).forEach(function (old) {
    if (typeof lodash[renamed[old]] === 'function') wrapper[old] = lodash[renamed[old]];
  });
  wrapper.VERSION = '3.10.2';
  legacyLodashFn = wrapper;
  return wrapper;
}

function setupLegacy() {
  legacyTests = {};
  legacyTestsProxy = watch('tests', legacyTests);
  var forTest = init.kind === 'test';
  var b = forTest ? statics.legacyTestBulk : statics.legacyPreBulk;
  var v = b.values;
  v[b.at.tests] = legacyTestsProxy;
  v[b.at.iteration] = init.info.iteration;
  if (forTest) {
    v[b.at.responseTime] = init.hasResponse ? init.responseTime : NaN;
    v[b.at.responseBody] = init.hasResponse ? init.body : undefined;
  } else {
    for (var i = 0; i < TEST_ONLY.length; i++) delete G[TEST_ONLY[i]];
  }
  host.define(G, b.id, v);
  // The values outlive the run: keep none of its data in them.
  v[b.at.tests] = null;
  if (forTest) v[b.at.responseBody] = undefined;
}

function xml2Json(text) {
  var result = {};
  var failed = null;
  requireFn('xml2js').parseString(text, { explicitArray: false, async: false, trim: true, mergeAttrs: false },
    function (err, value) {
      failed = err;
      result = value;
    });
  // Malformed XML gives undefined, as in newman; a document nested deeper
  // than postie walks is an error, so it is not taken for malformed.
  if (failed && String(failed.message).indexOf('nested deeper than') !== -1) throw failed;
  return result;
}
