// `require`: the built-in libraries, the modules a sandbox defines, atob and
// btoa, and chai with Postman's assertions.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

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

// to.have.jsonSchema validates with the sandbox's Ajv (version 6 semantics, as
// Postman ships), so users see Ajv's own messages: "should have required property 'x'".
function validateSchema(schema, data, options) {
  var Ajv = requireFn('ajv');
  var ajv = new Ajv(Object.assign({ logger: false }, options || {}));
  return ajv.validate(schema, data) ? [] : (ajv.errors || []);
}
