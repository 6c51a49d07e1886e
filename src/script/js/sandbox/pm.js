// `pm`: tests, the request, response and cookies, sendRequest and execution
// control, in the order scripts see its properties.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

var init;
var pm;
var assertionIndex = 0;
var pending = new Map();

function report(a) {
  pending.delete(a.index);
  // Most assertions pass: their record needs no JSON text made and parsed
  // (unless the name is not well-formed UTF-16, which the host leaves to JSON).
  if (a.error === null && a.passed && !a.skipped && host.assertionPassed(a.name, a.index)) return;
  host.assertion(JSON.stringify({
    name: a.name,
    index: a.index,
    passed: a.passed,
    skipped: a.skipped,
    error: a.error === null ? null : errorInfo(a.error),
    diff: a.error === null ? null : diffInfo(a.error)
  }));
}

function test(name, fn) {
  var a = { name: String(name), index: assertionIndex++, passed: true, skipped: false, error: null };
  if (typeof fn !== 'function') {
    report(a);
    return pm;
  }
  if (fn.length) {
    var settled = false;
    a.async = 'done';
    pending.set(a.index, a);
    try {
      fn(function (err) {
        if (settled) return;
        settled = true;
        if (err) {
          a.passed = false;
          a.error = err;
        }
        report(a);
      });
    } catch (e) {
      if (!settled) {
        settled = true;
        a.passed = false;
        a.error = e;
        report(a);
      }
    }
    return pm;
  }
  var result;
  try {
    result = fn();
  } catch (e) {
    a.passed = false;
    a.error = e;
    report(a);
    return pm;
  }
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    a.async = 'promise';
    pending.set(a.index, a);
    Promise.resolve(result).then(function () {
      report(a);
    }, function (e) {
      a.passed = false;
      a.error = e === undefined ? new Error('the returned promise was rejected') : e;
      report(a);
    });
    return pm;
  }
  report(a);
  return pm;
}
test.skip = function (name) {
  report({ name: String(name), index: assertionIndex++, passed: true, skipped: true, error: null });
  return pm;
};
test.index = function () {
  return assertionIndex;
};

function normalizeRequest(req) {
  if (typeof req === 'string') return { url: req, method: 'GET' };
  if (req instanceof sdk().Request) return req.toJSON();
  return new (sdk().Request)(req).toJSON();
}

function sendRequest(req, callback) {
  var promise = new Promise(function (resolve, reject) {
    if (!req) {
      reject(new Error('sendrequest: nothing to request'));
      return;
    }
    var json = normalizeRequest(req);
    hostOp('request', json, function (err, result) {
      if (err) reject(err);
      else resolve(new (sdk().Response)(result));
    });
  });
  if (typeof callback === 'function') {
    // What the callback throws is the script's error, as a timer's is (not a
    // rejection of a promise the script never made).
    var call = function (err, res) {
      try {
        callback.call(pm, err, res);
      } catch (e) {
        host.scriptError(e);
      }
    };
    promise.then(function (res) {
      call(null, res);
    }, function (err) {
      // As in newman, the callback gets an empty response with the error.
      call(err, new (sdk().Response)());
    });
    return pm;
  }
  return promise;
}

function urlText(url) {
  if (url instanceof sdk().Url) return url.toString(true);
  if (typeof url === 'string' && url) return url;
  return null;
}

function jarCallback(callback, make) {
  return function (err, result) {
    if (typeof callback !== 'function') return;
    if (err) return callback(err);
    callback(null, make ? make(result) : result);
  };
}

function CookieJar() {}
CookieJar.prototype.get = function (url, name, callback) {
  var u = urlText(url);
  if (!u) throw new TypeError('CookieJar.get() requires a valid url');
  if (typeof callback !== 'function') throw new TypeError('CookieJar.get() requires a callback function');
  if (typeof name !== 'string') throw new TypeError('CookieJar.get() requires cookie name to be a string');
  hostOp('cookie.get', { url: u, name: name }, jarCallback(callback, function (c) {
    return c ? c.value : null;
  }));
};
CookieJar.prototype.getAll = function (url, options, callback) {
  var u = urlText(url);
  if (!u) throw new TypeError('CookieJar.getAll() requires a valid url');
  if (typeof options === 'function' && !callback) {
    callback = options;
    options = {};
  }
  if (typeof callback !== 'function') throw new TypeError('CookieJar.getAll() requires a callback function');
  if (typeof options !== 'object') throw new TypeError('CookieJar.getAll() requires options to be an object');
  hostOp('cookie.getAll', { url: u }, jarCallback(callback, function (list) {
    return sdk().CookieList(list || []);
  }));
};
CookieJar.prototype.set = function (url, name, value, callback) {
  var u = urlText(url);
  if (!u) throw new TypeError('CookieJar.set() requires a valid url');
  if (typeof value === 'function' && !callback) {
    callback = value;
    value = null;
  }
  var cookie;
  if (name && value !== null && value !== undefined && typeof name === 'string') {
    cookie = { name: name, value: String(value) };
  } else if (name && typeof name === 'object') {
    cookie = new (sdk().Cookie)(name).toJSON();
  } else if (typeof name === 'string') {
    cookie = sdk().Cookie.parse(name);
  } else {
    throw new TypeError('CookieJar.set() requires a valid set cookie arguments');
  }
  hostOp('cookie.set', { url: u, cookie: cookie }, jarCallback(callback, function (c) {
    return c ? new (sdk().Cookie)(c) : c;
  }));
};
CookieJar.prototype.unset = function (url, name, callback) {
  var u = urlText(url);
  if (!u) throw new TypeError('CookieJar.unset() requires a valid url');
  if (typeof name !== 'string') throw new TypeError('CookieJar.unset() requires cookie name to be a string');
  hostOp('cookie.unset', { url: u, name: name }, jarCallback(callback, function () { return undefined; }));
};
CookieJar.prototype.clear = function (url, callback) {
  var u = urlText(url);
  if (!u) throw new TypeError('CookieJar.clear() requires a valid url');
  hostOp('cookie.clear', { url: u }, jarCallback(callback, function () { return undefined; }));
};

function Postman() {}
Object.defineProperty(Postman.prototype, 'expect', {
  configurable: true,
  get: function () {
    return chai().expect;
  }
});

// One getter and descriptor for every run's request and response.
var ASSERTIONS = {
  configurable: true,
  enumerable: false,
  get: function () {
    return chai().expect(this).to;
  }
};
function assertionsGetter(obj) {
  Object.defineProperty(obj, 'to', ASSERTIONS);
}

var requestObj = null;
// A pre-request script's request as built, before the script could change it:
// what P.finish compares it with to tell whether to write it back.
var requestBuilt = null;
var responseObj = null;
var cookiesObj = null;

// The request as JSON, parsed on first use: most scripts never read it.
function initRequest() {
  if (init.request === undefined) init.request = JSON.parse(init.requestText);
  return init.request;
}
function theRequest() {
  if (!requestObj) {
    requestObj = new (sdk().Request)(initRequest());
    if (init.kind === 'prerequest') requestBuilt = JSON.stringify(requestObj.toJSON());
    assertionsGetter(requestObj);
  }
  return requestObj;
}
// The response, built on first use from the values the engine handed over.
function theResponse() {
  if (!responseObj && (init.hasResponse || init.kind === 'test')) {
    // After a request error a test script sees an empty response, as in
    // newman: `pm.response.code` is undefined rather than a TypeError.
    responseObj = init.hasResponse ? sdk().runResponse(init.responseData, init.responseTime, init.body, init.binary) :
      new (sdk().Response)();
    assertionsGetter(responseObj);
  }
  return responseObj || undefined;
}
function theCookies() {
  if (!cookiesObj) {
    cookiesObj = sdk().CookieList(init.cookiesText ? JSON.parse(init.cookiesText) : []);
    define(cookiesObj, 'jar', function () { return new CookieJar(); }, false);
  }
  return cookiesObj;
}

// pm's properties, in the order scripts see them. The functions and the
// scopes without per-run data are made once per context; per run only the
// values that hold the run's data are put in before defining.
var isPre = false;
var statics = null;

function visualizerSet(template, data, options) {
  if (typeof template !== 'string') {
    throw new Error('Invalid template. Template must be of type string, found ' + typeof template);
  }
  if (data && typeof data !== 'object') {
    throw new Error('Invalid data. Data must be an object, found ' + typeof data);
  }
  if (options && typeof options !== 'object') {
    throw new Error('Invalid options. Options must be an object, found ' + typeof options);
  }
}
function skipRequest() {
  if (!isPre) throw new TypeError('pm.execution.skipRequest is not a function');
  host.skip();
  sealed = true;
  timers.clear();
}
function setNextRequest(name) {
  setNext(name);
}
// As postman-sandbox defines them (newman 6.2.2): pm's own properties are
// read-only and not enumerable, in this order, and `pm.test` is assigned
// (writable, enumerable, configurable), so `Object.keys(pm)` is `['test']`.
// request, response and cookies are accessors, built on first read; newman's
// are plain values (a listed difference).
function ro(value) {
  return { value: value, writable: false, enumerable: false, configurable: false };
}
function assigned(value) {
  return { value: value, writable: true, enumerable: true, configurable: true };
}

function pmDescriptors(withResponse) {
  var d = {};
  d.info = ro(null);
  d.globals = ro(statics.globals);
  d.environment = ro(null);
  d.collectionVariables = ro(statics.collectionVariables);
  d.variables = ro(statics.variables);
  d.iterationData = ro(statics.iterationData);
  d.request = { get: theRequest, enumerable: false, configurable: false };
  if (withResponse) d.response = { get: theResponse, enumerable: false, configurable: false };
  d.cookies = { get: theCookies, enumerable: false, configurable: false };
  d.visualizer = ro(statics.visualizer);
  d.sendRequest = ro(sendRequest);
  d.execution = ro(null);
  d.test = assigned(test);
  return d;
}

function buildPm() {
  var run = init.info;
  isPre = init.kind === 'prerequest';
  pm = new Postman();
  // As `new Scope('environment')` and its name, defined in one host call.
  var environment = Object.create(Scope.prototype);
  host.define(environment, statics.environmentBulk.id, ['environment', 'environment', init.environmentName]);
  var location = init.location;
  if (init.locationCurrent !== undefined) host.define(location, statics.currentBulk.id, [init.locationCurrent]);
  var b = init.hasResponse || init.kind === 'test' ? statics.pmWithResponseBulk : statics.pmBulk;
  var info = {};
  host.define(info, statics.infoBulk.id, [init.kind, run.iteration, run.iterationCount, run.requestName, run.requestId]);
  var execution = {};
  host.define(execution, statics.executionBulk.id, [skipRequest, location, setNextRequest]);
  var v = b.values;
  v[b.at.info] = info;
  v[b.at.environment] = environment;
  v[b.at.execution] = execution;
  host.define(pm, b.id, v);
  // The values outlive the run: keep none of its data in them.
  v[b.at.info] = v[b.at.environment] = v[b.at.execution] = null;
  return pm;
}

function setNext(name) {
  if (name === undefined) host.setNext(0, undefined);
  else if (name === null) host.setNext(1, undefined);
  else host.setNext(2, String(name));
}
