(function (P) {
  'use strict';
  // The script's world: pm, console, timers, require, the legacy globals, and
  // the hooks the Rust side drives (run, timerNext, timerFire, complete, finish).

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

  function define(obj, name, value, enumerable) {
    Object.defineProperty(obj, name, {
      value: value, writable: true, configurable: true, enumerable: enumerable !== false
    });
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

  // --- errors -------------------------------------------------------------

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

  // --- console ------------------------------------------------------------

  var counts = {};
  var timersLabels = {};

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
      counts[label] = (counts[label] || 0) + 1;
      host.console('info', label + ': ' + counts[label]);
    });
    define(consoleObj, 'countReset', function (label) {
      counts[label === undefined ? 'default' : String(label)] = 0;
    });
    define(consoleObj, 'time', function (label) {
      timersLabels[label === undefined ? 'default' : String(label)] = host.now();
    });
    function timeLog(end) {
      return function (label) {
        label = label === undefined ? 'default' : String(label);
        if (!hasOwn.call(timersLabels, label)) return;
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

  // --- timers -------------------------------------------------------------

  var timers = new Map();
  var timerSeq = 0;
  var sealed = false;

  function addTimer(fn, delay, args, repeat) {
    if (sealed || typeof fn !== 'function') return undefined;
    delay = Number(delay);
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    var id = ++timerSeq;
    timers.set(id, { fn: fn, args: args, due: host.now() + delay, interval: repeat ? delay : 0 });
    return id;
  }
  function clearTimer(id) {
    if (id && typeof id === 'object' && typeof id.valueOf === 'function') id = id.valueOf();
    timers.delete(id);
  }
  var timerApi = {
    setTimeout: function setTimeout(fn, delay) {
      return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), false);
    },
    setInterval: function setInterval(fn, delay) {
      return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), true);
    },
    setImmediate: function setImmediate(fn) {
      var id = addTimer(fn, 0, Array.prototype.slice.call(arguments, 1), false);
      if (id !== undefined) timers.get(id).due = host.now();
      return id;
    },
    clearTimeout: function clearTimeout(id) { clearTimer(id); },
    clearInterval: function clearInterval(id) { clearTimer(id); },
    clearImmediate: function clearImmediate(id) { clearTimer(id); }
  };

  P.timerNext = function () {
    if (sealed || timers.size === 0) return -1;
    var min = Infinity;
    timers.forEach(function (t) {
      if (t.due < min) min = t.due;
    });
    return Math.max(0, min - host.now());
  };
  P.timerFire = function () {
    var now = host.now();
    var pick = null;
    var pickId = 0;
    timers.forEach(function (t, id) {
      if (t.due <= now && (pick === null || t.due < pick.due)) {
        pick = t;
        pickId = id;
      }
    });
    if (!pick) return;
    if (pick.interval) pick.due = now + pick.interval;
    else timers.delete(pickId);
    try {
      pick.fn.apply(G, pick.args);
    } catch (e) {
      host.scriptError(e);
    }
  };

  // --- host operations (sendRequest, cookie jar) ---------------------------

  var opCallbacks = new Map();
  function hostOp(kind, payload, callback) {
    var id = host.op(kind, JSON.stringify(payload));
    opCallbacks.set(id, callback);
    return id;
  }
  // The host's `{message, code, …}` as an Error carrying Node's fields.
  function hostError(text) {
    var fields = JSON.parse(text);
    var e = new Error(fields.message);
    Object.keys(fields).forEach(function (k) {
      if (k !== 'message') e[k] = fields[k];
    });
    return e;
  }
  P.complete = function (id, err, result, body) {
    var cb = opCallbacks.get(id);
    opCallbacks.delete(id);
    if (typeof cb !== 'function') return;
    var value = result === undefined || result === null ? null : JSON.parse(result);
    if (value && body !== undefined) value.body = body;
    try {
      cb(err === undefined || err === null ? null : hostError(err), value);
    } catch (e) {
      host.scriptError(e);
    }
  };

  // --- require ------------------------------------------------------------

  var moduleCache = Object.create(null);
  var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function btoa(input) {
    var str = String(input);
    var out = '';
    for (var i = 0; i < str.length; i += 3) {
      var a = str.charCodeAt(i) & 0xff;
      var b = i + 1 < str.length ? str.charCodeAt(i + 1) & 0xff : NaN;
      var c = i + 2 < str.length ? str.charCodeAt(i + 2) & 0xff : NaN;
      out += BASE64[a >> 2];
      out += BASE64[((a & 3) << 4) | (isNaN(b) ? 0 : b >> 4)];
      out += isNaN(b) ? '=' : BASE64[((b & 15) << 2) | (isNaN(c) ? 0 : c >> 6)];
      out += isNaN(c) ? '=' : BASE64[c & 63];
    }
    return out;
  }

  function atob(input) {
    var str = String(input).replace(/[\s=]+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    var out = '';
    var bits = 0;
    var acc = 0;
    for (var i = 0; i < str.length; i++) {
      var v = BASE64.indexOf(str[i]);
      if (v === -1) continue;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((acc >> bits) & 0xff);
      }
    }
    return out;
  }

  function notFound(name) {
    var err = new Error("Cannot find module '" + name + "'");
    err.code = 'MODULE_NOT_FOUND';
    return err;
  }

  var BUILTINS = {
    atob: function () { return atob; },
    btoa: function () { return btoa; },
    // Node's older util, as the one Postman's sandbox bundles.
    util: function () {
      function is(type) { return function (v) { return typeof v === type; }; }
      return {
        format: format,
        deprecate: function (fn) { return fn; },
        debuglog: function () { return function () {}; },
        inspect: inspect,
        isArray: Array.isArray,
        isBoolean: is('boolean'),
        isNull: function (v) { return v === null; },
        isNullOrUndefined: function (v) { return v === null || v === undefined; },
        isNumber: is('number'),
        isString: is('string'),
        isSymbol: is('symbol'),
        isUndefined: function (v) { return v === undefined; },
        isRegExp: function (v) { return v instanceof RegExp; },
        isObject: function (v) { return v !== null && typeof v === 'object'; },
        isDate: function (v) { return v instanceof Date; },
        isError: function (v) { return v instanceof Error; },
        isFunction: is('function'),
        isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
        isBuffer: function (v) { return requireFn('buffer').Buffer.isBuffer(v); },
        log: function () { G.console.log(format.apply(null, arguments)); },
        inherits: function (ctor, superCtor) {
          Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
          Object.setPrototypeOf(ctor, superCtor);
        },
        _extend: function (target, source) {
          if (source && typeof source === 'object') Object.keys(source).forEach(function (k) { target[k] = source[k]; });
          return target;
        },
        promisify: function (fn) {
          return function () {
            var args = Array.prototype.slice.call(arguments);
            var self = this;
            return new Promise(function (resolve, reject) {
              args.push(function (err, value) { return err ? reject(err) : resolve(value); });
              fn.apply(self, args);
            });
          };
        }
      };
    },
    timers: function () {
      return {
        setTimeout: timerApi.setTimeout,
        setInterval: timerApi.setInterval,
        clearInterval: timerApi.clearInterval,
        clearTimeout: timerApi.clearTimeout,
        setImmediate: timerApi.setImmediate,
        clearImmediate: timerApi.clearImmediate
      };
    },
    'postman-collection': function () {
      sdk();
      return P.collectionModule();
    },
    // Postman's sandbox bundles an empty `fs`: scripts never reach files.
    fs: function () { return {}; },
    cheerio: function () {
      var err = new Error("Cannot find module 'cheerio': cheerio is not available in postie");
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
  };

  function loadModule(name, internal) {
    var fn = host.loadModule(name, Boolean(internal));
    if (typeof fn !== 'function') return undefined;
    var module = { exports: {}, id: name, loaded: false };
    moduleCache[(internal ? '#' : '') + name] = module;
    try {
      // Only the sandbox's own libraries get the natives.
      if (fn.builtin) fn.call(module.exports, module, module.exports, requireFn, P.native, validateSchema);
      else fn.call(module.exports, module, module.exports, requireFn);
    } catch (e) {
      delete moduleCache[(internal ? '#' : '') + name];
      throw e;
    }
    module.loaded = true;
    return module;
  }

  function requireFn(name) {
    if (typeof name !== 'string') throw new TypeError('The "id" argument must be of type string');
    if (name === '') throw new TypeError("The argument 'id' must be a non-empty string");
    var cached = moduleCache[name];
    if (cached) return cached.exports;
    if (hasOwn.call(BUILTINS, name)) {
      var exp = BUILTINS[name]();
      moduleCache[name] = { exports: exp };
      return exp;
    }
    if (name === 'chai') return chai();
    var module = loadModule(name, false);
    if (!module) throw notFound(name);
    return module.exports;
  }
  P.require = requireFn;

  var chaiModule = null;
  function chai() {
    if (chaiModule) return chaiModule;
    var module = loadModule('chai', false);
    if (!module) throw notFound('chai');
    chaiModule = module.exports;
    var plugin = loadModule('chai_postman', true);
    var install = plugin && plugin.exports;
    if (install && typeof install.install === 'function') install = install.install;
    if (typeof install === 'function') chaiModule.use(install);
    return chaiModule;
  }

  // --- variables ------------------------------------------------------------

  var legacyHooks = [];
  function beforeMutation(scope) {
    for (var i = 0; i < legacyHooks.length; i++) legacyHooks[i](scope);
  }

  function Scope(kind, writeKind) {
    Object.defineProperty(this, '_kind', { value: kind });
    Object.defineProperty(this, '_write', { value: writeKind || kind });
  }
  Scope.prototype.get = function (key) {
    return fromJson(host.varGet(this._kind, String(key)));
  };
  Scope.prototype.set = function (key, value) {
    if (key === undefined || key === null) return;
    beforeMutation(this._write);
    host.varSet(this._write, String(key), toJson(value));
  };
  Scope.prototype.unset = function (key) {
    beforeMutation(this._write);
    host.varUnset(this._write, String(key));
  };
  Scope.prototype.has = function (key) {
    return host.varHas(this._kind, String(key));
  };
  Scope.prototype.clear = function () {
    beforeMutation(this._write);
    host.varClear(this._write);
  };
  Scope.prototype.toObject = function () {
    return JSON.parse(host.varObject(this._kind));
  };
  Scope.prototype.replaceIn = function (template) {
    if (typeof template !== 'string') return template;
    return host.replaceIn(this._kind, template);
  };
  Scope.prototype.syncVariablesTo = function (target) {
    var obj = this.toObject();
    if (!target || typeof target !== 'object') return obj;
    Object.keys(target).forEach(function (k) { if (!hasOwn.call(obj, k)) delete target[k]; });
    Object.assign(target, obj);
    return target;
  };
  Scope.prototype.syncVariablesFrom = function (obj) {
    var self = this;
    if (!obj || typeof obj !== 'object') return;
    Object.keys(obj).forEach(function (k) { self.set(k, obj[k]); });
  };
  Scope.prototype.toJSON = function () {
    var out = { values: JSON.parse(host.varList(this._write)) };
    var name = host.scopeName(this._write);
    if (name) out.name = name;
    return out;
  };
  Object.defineProperty(Scope.prototype, 'values', {
    get: function () {
      return sdk().VariableList(JSON.parse(host.varList(this._write)));
    }
  });

  // --- pm -------------------------------------------------------------------

  var init;
  var pm;
  var assertionIndex = 0;
  var pending = new Map();

  function report(a) {
    pending.delete(a.index);
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

  function assertionsGetter(obj) {
    Object.defineProperty(obj, 'to', {
      configurable: true,
      enumerable: false,
      get: function () {
        return chai().expect(this).to;
      }
    });
  }

  var requestObj = null;
  var responseObj = null;
  var cookiesObj = null;

  function theRequest() {
    if (!requestObj) {
      requestObj = new (sdk().Request)(init.request);
      assertionsGetter(requestObj);
    }
    return requestObj;
  }
  function theResponse() {
    if (!responseObj && (init.response || init.kind === 'test')) {
      if (init.response) {
        init.response.body = init.body;
        init.response.binary = init.binary;
      }
      // After a request error a test script sees an empty response, as in
      // newman: `pm.response.code` is undefined rather than a TypeError.
      responseObj = new (sdk().Response)(init.response || undefined);
      assertionsGetter(responseObj);
    }
    return responseObj || undefined;
  }
  function theCookies() {
    if (!cookiesObj) {
      cookiesObj = sdk().CookieList(init.cookies || []);
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
  function pmRequire(name) {
    throw new Error("pm.require('" + name + "'): the Postman package library is not available in postie");
  }

  function ro(value) {
    return { value: value, writable: false, enumerable: true, configurable: false };
  }

  function pmDescriptors(withResponse) {
    var d = { request: { get: theRequest, enumerable: true, configurable: false } };
    if (withResponse) d.response = { get: theResponse, enumerable: true, configurable: false };
    d.cookies = { get: theCookies, enumerable: true, configurable: false };
    d.info = ro(null);
    d.globals = ro(statics.globals);
    d.environment = ro(null);
    d.collectionVariables = ro(statics.collectionVariables);
    d.variables = ro(statics.variables);
    d.iterationData = ro(statics.iterationData);
    d.visualizer = ro(statics.visualizer);
    d.sendRequest = ro(sendRequest);
    d.execution = ro(null);
    d.require = ro(pmRequire);
    d.test = ro(test);
    return d;
  }

  function buildPm() {
    var info = init.info;
    isPre = init.kind === 'prerequest';
    pm = new Postman();
    var environment = new Scope('environment');
    Object.defineProperty(environment, 'name', { value: init.environmentName, enumerable: true });
    var location = (init.location || []).slice();
    if (init.locationCurrent !== undefined) Object.defineProperty(location, 'current', ro(init.locationCurrent));
    var d = init.response || init.kind === 'test' ? statics.pmWithResponse : statics.pm;
    d.info.value = Object.defineProperties({}, {
      eventName: ro(init.kind),
      iteration: ro(info.iteration),
      iterationCount: ro(info.iterationCount),
      requestName: ro(info.requestName),
      requestId: ro(info.requestId)
    });
    d.environment.value = environment;
    d.execution.value = Object.defineProperties({}, {
      skipRequest: ro(skipRequest),
      location: ro(location),
      setNextRequest: ro(setNextRequest)
    });
    Object.defineProperties(pm, d);
    d.info.value = d.environment.value = d.execution.value = null;
    return pm;
  }

  function setNext(name) {
    if (name === undefined) host.setNext(0, undefined);
    else if (name === null) host.setNext(1, undefined);
    else host.setNext(2, String(name));
  }

  // --- legacy interface -------------------------------------------------------

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
  var warned = {};
  var warningsOn = true;
  function deprecated(key) {
    if (!warningsOn || warned[key]) return;
    warned[key] = true;
    var alt = LEGACY_ALTERNATIVES[key];
    var text = alt ? 'Using "' + key + '" is deprecated. Use "' + alt + '" instead.' :
      'Using "' + key + '" is deprecated.';
    host.console('warn', text, shownArg(text));
  }
  var watchHandlers = {};
  function watch(key, target) {
    if (!target || (typeof target !== 'object' && typeof target !== 'function')) return target;
    return new Proxy(target, watchHandlers[key] || (watchHandlers[key] = watchHandler(key)));
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
  var snapshots = {};
  function snapshot(scope) {
    if (!snapshots[scope]) snapshots[scope] = JSON.parse(host.varObject(scope));
    return snapshots[scope];
  }
  // The snapshots show the variables as they were when the script started.
  function legacyHook(scope) {
    if (scope === 'environment' || scope === 'globals' || scope === 'data') snapshot(scope);
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
    d.postman = dataDesc(watch('postman', forTest ? statics.legacyTest : statics.legacyPre));
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
    legacyHooks.push(legacyHook);
    legacyTests = {};
    legacyTestsProxy = watch('tests', legacyTests);
    var forTest = init.kind === 'test';
    var d = forTest ? statics.legacyTestGlobals : statics.legacyPreGlobals;
    d.tests.value = legacyTestsProxy;
    d.iteration.value = init.info.iteration;
    if (forTest) {
      d.responseTime.value = init.response ? init.response.time : NaN;
      d.responseBody.value = init.response ? init.body : undefined;
    } else {
      for (var i = 0; i < TEST_ONLY.length; i++) delete G[TEST_ONLY[i]];
    }
    Object.defineProperties(G, d);
    // The descriptors outlive the run: keep none of its data in them.
    d.tests.value = null;
    if (forTest) d.responseBody.value = undefined;
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

  // --- entry points -----------------------------------------------------------

  // Per-run state, reset at the start of every run: a context may serve
  // several runs (libraries loaded by require stay, as in newman).
  function resetRun() {
    counts = {};
    timersLabels = {};
    timers = new Map();
    timerSeq = 0;
    sealed = false;
    opCallbacks = new Map();
    legacyHooks = [];
    init = undefined;
    pm = undefined;
    assertionIndex = 0;
    pending = new Map();
    requestObj = null;
    responseObj = null;
    cookiesObj = null;
    warned = {};
    warningsOn = true;
    legacyTests = null;
    legacyTestsProxy = null;
    snapshots = {};
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

  // An object made once per context, with its own properties as they were made.
  function recorded(obj) {
    var keys = Reflect.ownKeys(obj);
    return { obj: obj, keys: keys, values: keys.map(function (k) { return obj[k]; }) };
  }
  function unchanged(r) {
    var now = Reflect.ownKeys(r.obj);
    if (now.length !== r.keys.length) return false;
    for (var i = 0; i < now.length; i++) {
      if (now[i] !== r.keys[i] || !same(r.obj[now[i]], r.values[i])) return false;
    }
    return true;
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
    statics.records = ['console', 'globals', 'collectionVariables', 'variables', 'iterationData', 'visualizer',
      'legacyPre', 'legacyTest'].map(function (k) { return recorded(statics[k]); });
    // Every other global must keep its value from run to run.
    var perRun = new Set(PER_RUN);
    statics.known = new Set(Reflect.ownKeys(G));
    statics.fixedKeys = [];
    statics.fixedValues = [];
    statics.accessors = [];
    statics.known.forEach(function (k) {
      if (perRun.has(k)) return;
      var desc = Object.getOwnPropertyDescriptor(G, k);
      // NaN, Infinity, undefined: no script can change them.
      if ('value' in desc && !desc.writable && !desc.configurable) return;
      if ('value' in desc) {
        statics.fixedKeys.push(k);
        statics.fixedValues.push(desc.value);
      } else {
        statics.accessors.push([k, desc]);
      }
    });
  }

  /** Whether the run left the globals and the objects made once as they were. */
  function untouched() {
    var keys = Reflect.ownKeys(G);
    var known = statics.known;
    for (var i = 0; i < keys.length; i++) {
      if (!known.has(keys[i])) return false;
    }
    var fk = statics.fixedKeys;
    var fv = statics.fixedValues;
    for (i = 0; i < fk.length; i++) {
      if (!same(G[fk[i]], fv[i])) return false;
    }
    for (i = 0; i < statics.accessors.length; i++) {
      var a = statics.accessors[i];
      var now = Object.getOwnPropertyDescriptor(G, a[0]);
      if (!now || now.get !== a[1].get || now.set !== a[1].set) return false;
    }
    for (i = 0; i < statics.records.length; i++) {
      if (!unchanged(statics.records[i])) return false;
    }
    return true;
  }

  P.cleanup = function () {
    if (!baseline) return;
    if (statics && !untouched()) restoreGlobals();
    resetRun();
  };

  // to.have.jsonSchema validates with the sandbox's Ajv (version 6 semantics, as
  // Postman ships), so users see Ajv's own messages: "should have required property 'x'".
  function validateSchema(schema, data, options) {
    var Ajv = requireFn('ajv');
    var ajv = new Ajv(Object.assign({ logger: false }, options || {}));
    return ajv.validate(schema, data) ? [] : (ajv.errors || []);
  }

  P.setup = function (initData) {
    resetRun();
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
      if (now !== JSON.stringify(new (sdk().Request)(init.request).toJSON())) return now;
    }
    return '';
  };
});
