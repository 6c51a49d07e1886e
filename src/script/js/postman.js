(function (P) {
  'use strict';
  // The Postman collection objects scripts see (pm.request, pm.response,
  // header/query/cookie lists), behaving like postman-collection 4.x.

  var hasOwn = Object.prototype.hasOwnProperty;

  function hidden(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
  }

  // The own properties a response and a list are made with, defined in one
  // host call from names and attribute flags recorded once per context
  // (configurable 1, writable 2, enumerable 4): a descriptor object per
  // hidden property, read field by field, cost more than the rest of making
  // a response. `define(obj, shape, values)` gives the same properties, in the
  // same order, as the defineProperty calls and assignments it replaces.
  var HIDDEN = 3;
  var PLAIN = 7;
  function shape(list) {
    var names = [];
    var flags = [];
    for (var i = 0; i < list.length; i += 2) {
      names.push(list[i]);
      flags.push(list[i + 1]);
    }
    return { names: names, flags: flags, id: null };
  }
  function define(obj, s, values) {
    if (s.id === null) s.id = P.host.shapeRecord(s.names, s.flags, true);
    P.host.define(obj, s.id, values);
  }
  var LIST_SHAPE = shape(['Type', HIDDEN, '_postman_listIndexKey', HIDDEN, '_postman_listIndexCaseInsensitive', HIDDEN,
    '_postman_listAllowsMultipleValues', HIDDEN, 'members', PLAIN]);
  // `__postie_type` as `Object.defineProperty(this, '__postie_type', { value: 'response' })` makes it.
  var RESPONSE_SHAPE = shape(['__postie_type', 0, '_body', HIDDEN, '_binary', HIDDEN, 'id', PLAIN, 'status', PLAIN,
    'code', PLAIN, 'headers', PLAIN, 'cookies', PLAIN, 'responseTime', PLAIN, 'responseSize', PLAIN]);

  function isNil(v) {
    return v === null || v === undefined;
  }

  function plain(value) {
    if (value === undefined) return undefined;
    if (value && typeof value.toJSON === 'function') return value.toJSON();
    return value;
  }

  // Own enumerable data fields of a property, for toJSON.
  function fields(obj) {
    var out = {};
    var keys = Object.keys(obj);
    for (var i = 0; i < keys.length; i++) {
      var v = obj[keys[i]];
      if (v === undefined || typeof v === 'function') continue;
      out[keys[i]] = plain(v);
    }
    return out;
  }

  function matches(member, shape) {
    for (var k in shape) {
      if (hasOwn.call(shape, k) && member[k] !== shape[k]) return false;
    }
    return true;
  }

  function predicateOf(rule) {
    if (typeof rule === 'function') return rule;
    if (rule && typeof rule === 'object') return function (m) { return matches(m, rule); };
    if (typeof rule === 'string') return function (m) { return Boolean(m && m[rule]); };
    return function () { return true; };
  }

  // --- properties -------------------------------------------------------

  function Property() {}
  Property.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    var keys = Object.keys(opts);
    for (var i = 0; i < keys.length; i++) this[keys[i]] = opts[keys[i]];
  };
  Property.prototype.toJSON = function () {
    return fields(this);
  };
  Property.prototype.valueOf = function () {
    return this.value;
  };

  function Header(opts, name) {
    if (typeof opts === 'string' && name === undefined) {
      var i = opts.indexOf(':');
      opts = i === -1 ? { key: opts.trim(), value: '' } : { key: opts.slice(0, i).trim(), value: opts.slice(i + 1).trim() };
    } else if (typeof opts === 'string') {
      opts = { key: opts, value: name };
    }
    this.key = '';
    this.value = '';
    this.update(opts);
  }
  Header.prototype = Object.create(Property.prototype);
  Header.prototype.constructor = Header;
  Header.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    Property.prototype.update.call(this, opts);
    if (isNil(this.key)) this.key = '';
    this.key = String(this.key);
    if (isNil(this.value)) this.value = '';
    if (this.disabled === false) delete this.disabled;
  };
  Header.prototype.toString = function () {
    return this.key + ': ' + this.value;
  };
  Header.parse = function (text) {
    return String(text).split('\n').map(function (l) { return l.trim(); }).filter(Boolean).map(function (l) {
      return new Header(l);
    });
  };
  Header.parseSingle = function (text) {
    return new Header(String(text));
  };
  Header.unparse = function (list, separator) {
    var all = list && typeof list.all === 'function' ? list.all() : list || [];
    // Each header is followed by the separator (CRLF by default), the last one too.
    return all.filter(function (h) { return h && !h.disabled; }).map(function (h) {
      return h.key + ': ' + h.value + (separator || '\r\n');
    }).join('');
  };
  Header.isHeader = function (obj) {
    return obj instanceof Header;
  };
  Header.create = function (value, name) {
    return new Header(value, name);
  };

  function QueryParam(opts) {
    if (typeof opts === 'string') opts = QueryParam.parseSingle(opts);
    this.key = null;
    this.value = null;
    this.update(opts);
  }
  QueryParam.prototype = Object.create(Property.prototype);
  QueryParam.prototype.constructor = QueryParam;
  QueryParam.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    Property.prototype.update.call(this, opts);
    if (this.key === undefined) this.key = null;
    if (this.value === undefined) this.value = null;
    if (this.disabled === false) delete this.disabled;
  };
  QueryParam.prototype.valueOf = function () {
    return isNil(this.value) ? '' : this.value;
  };
  QueryParam.prototype.toString = function () {
    return QueryParam.unparseSingle(this);
  };
  QueryParam.parseSingle = function (text) {
    text = String(text);
    var i = text.indexOf('=');
    if (i === -1) return { key: text, value: null };
    return { key: text.slice(0, i), value: text.slice(i + 1) };
  };
  QueryParam.parse = function (text) {
    if (isNil(text) || text === '') return [];
    return String(text).replace(/^\?/, '').split('&').map(QueryParam.parseSingle);
  };
  QueryParam.unparseSingle = function (p) {
    if (!p) return '';
    var key = isNil(p.key) ? '' : String(p.key);
    if (isNil(p.value)) return key;
    return key + '=' + p.value;
  };
  QueryParam.unparse = function (params) {
    var all = params && typeof params.all === 'function' ? params.all() : params || [];
    if (!Array.isArray(all)) {
      all = Object.keys(all).map(function (k) { return { key: k, value: all[k] }; });
    }
    return all.filter(function (p) { return p && !p.disabled && !(isNil(p.key) && isNil(p.value)); })
      .map(QueryParam.unparseSingle).join('&');
  };

  function FormParam(opts) {
    this.key = '';
    this.value = '';
    this.update(opts);
  }
  FormParam.prototype = Object.create(Property.prototype);
  FormParam.prototype.constructor = FormParam;
  FormParam.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    Property.prototype.update.call(this, opts);
    if (this.disabled === false) delete this.disabled;
  };
  FormParam.prototype.toString = function () {
    return this.key + '=' + this.value;
  };

  function Variable(opts) {
    this.key = undefined;
    this.value = undefined;
    this.type = 'any';
    this.update(opts);
  }
  Variable.prototype = Object.create(Property.prototype);
  Variable.prototype.constructor = Variable;
  Variable.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    Property.prototype.update.call(this, opts);
    if (isNil(this.key) && !isNil(this.id)) this.key = this.id;
    if (this.disabled === false) delete this.disabled;
  };
  Variable.prototype.get = function () {
    return this.value;
  };
  Variable.prototype.set = function (value) {
    this.value = value;
  };
  Variable.prototype.toString = function () {
    var v = this.value;
    return v && typeof v.toString === 'function' ? v.toString() : String(v);
  };

  function Cookie(opts) {
    if (typeof opts === 'string') opts = Cookie.parse(opts);
    this.update(opts);
  }
  Cookie.prototype = Object.create(Property.prototype);
  Cookie.prototype.constructor = Cookie;
  Cookie.prototype.update = function (opts) {
    if (!opts || typeof opts !== 'object') return;
    if (isNil(opts.name) && !isNil(opts.key)) opts = Object.assign({}, opts, { name: opts.key });
    var keys = ['domain', 'path', 'expires', 'maxAge', 'secure', 'httpOnly', 'hostOnly', 'session', 'name', 'value',
      'extensions'];
    for (var i = 0; i < keys.length; i++) {
      if (opts[keys[i]] !== undefined) this[keys[i]] = opts[keys[i]];
    }
    if (this.expires !== undefined && this.expires !== null && !(this.expires instanceof Date)) {
      var d = new Date(this.expires);
      this.expires = isNaN(d.getTime()) ? this.expires : d;
    }
  };
  Cookie.prototype.toString = function () {
    var s = this.name + '=' + this.value;
    if (this.expires instanceof Date) s += '; Expires=' + this.expires.toUTCString();
    if (this.maxAge !== undefined && this.maxAge !== null) s += '; Max-Age=' + this.maxAge;
    if (this.domain) s += '; Domain=' + this.domain;
    if (this.path) s += '; Path=' + this.path;
    if (this.secure) s += '; Secure';
    if (this.httpOnly) s += '; HttpOnly';
    return s;
  };
  Cookie.prototype.toJSON = function () {
    var out = fields(this);
    if (this.expires instanceof Date) out.expires = this.expires.toISOString();
    return out;
  };
  Cookie.parse = function (text) {
    var parts = String(text).split(';');
    var first = parts.shift();
    var i = first.indexOf('=');
    var out = i === -1 ? { name: '', value: first.trim() } : { name: first.slice(0, i).trim(), value: first.slice(i + 1).trim() };
    parts.forEach(function (part) {
      var j = part.indexOf('=');
      var k = (j === -1 ? part : part.slice(0, j)).trim().toLowerCase();
      var v = j === -1 ? '' : part.slice(j + 1).trim();
      if (k === 'expires') out.expires = v;
      else if (k === 'max-age') out.maxAge = Number(v);
      else if (k === 'domain') out.domain = v;
      else if (k === 'path') out.path = v;
      else if (k === 'secure') out.secure = true;
      else if (k === 'httponly') out.httpOnly = true;
    });
    return out;
  };

  // --- lists ------------------------------------------------------------

  function PropertyList(Type, items, opts) {
    opts = opts || {};
    define(this, LIST_SHAPE, [Type, opts.key || 'key', Boolean(opts.insensitive), Boolean(opts.multi), []]);
    if (!isNil(items)) this.populate(items);
  }
  var PL = PropertyList.prototype;

  PL._index = function (value) {
    if (isNil(value)) return value;
    return this._postman_listIndexCaseInsensitive ? String(value).toLowerCase() : value;
  };
  PL._coerce = function (item) {
    if (item instanceof this.Type) return item;
    return new this.Type(item);
  };
  PL.populate = function (items) {
    if (isNil(items)) return;
    if (typeof items === 'string' && this.Type === Header) items = Header.parse(items);
    else if (typeof items === 'string' && this.Type === QueryParam) items = QueryParam.parse(items);
    if (items instanceof PropertyList) items = items.all();
    if (!Array.isArray(items)) {
      if (typeof items === 'object') {
        var key = this._postman_listIndexKey;
        items = Object.keys(items).map(function (k) {
          var o = { value: items[k] };
          o[key] = k;
          return o;
        });
      } else {
        items = [items];
      }
    }
    for (var i = 0; i < items.length; i++) {
      if (!isNil(items[i])) this.add(items[i]);
    }
  };
  PL.repopulate = function (items) {
    this.clear();
    this.populate(items);
  };
  PL.add = function (item) {
    if (isNil(item) || (typeof item === 'number' && isNaN(item))) return;
    this.members.push(this._coerce(item));
  };
  PL.append = PL.add;
  PL.prepend = function (item) {
    if (isNil(item)) return;
    this.members.unshift(this._coerce(item));
  };
  PL.insert = function (item, before) {
    if (isNil(item)) return;
    item = this._coerce(item);
    var idx = -1;
    if (!isNil(before)) {
      idx = typeof before === 'string' ? this.members.indexOf(this.one(before)) : this.members.indexOf(before);
    }
    if (idx === -1) this.members.push(item);
    else this.members.splice(idx, 0, item);
  };
  PL.insertAfter = function (item, after) {
    if (isNil(item)) return;
    item = this._coerce(item);
    var idx = -1;
    if (!isNil(after)) {
      idx = typeof after === 'string' ? this.members.indexOf(this.one(after)) : this.members.indexOf(after);
    }
    if (idx === -1) this.members.push(item);
    else this.members.splice(idx + 1, 0, item);
  };
  PL.upsert = function (item) {
    if (isNil(item) || (typeof item === 'number' && isNaN(item))) return null;
    if (typeof item === 'string') item = this._coerce(item);
    var existing = this.one(item[this._postman_listIndexKey]);
    if (existing) {
      existing.update(item instanceof Property ? item.toJSON() : item);
      return false;
    }
    this.add(item);
    return true;
  };
  PL.remove = function (predicate, context) {
    var self = this;
    var key = this._postman_listIndexKey;
    var test;
    if (typeof predicate === 'string') {
      var match = this._index(predicate);
      test = function (m) { return self._index(m[key]) === match; };
    } else if (predicate instanceof this.Type) {
      test = function (m) { return m === predicate; };
    } else if (typeof predicate === 'function') {
      test = function (m, i, all) { return predicate.call(context || self, m, i, all); };
    } else {
      return;
    }
    var kept = [];
    for (var i = 0; i < this.members.length; i++) {
      if (!test(this.members[i], i, this.members)) kept.push(this.members[i]);
    }
    this.members = kept;
  };
  PL.clear = function () {
    this.members = [];
  };
  PL.assimilate = function (source, prune) {
    var items = source instanceof PropertyList ? source.all() : source;
    if (prune) this.clear();
    var self = this;
    (Array.isArray(items) ? items : []).forEach(function (i) { self.upsert(i); });
  };
  PL.all = function () {
    return this.members.slice();
  };
  PL.one = function (id) {
    var key = this._postman_listIndexKey;
    var want = this._index(id);
    for (var i = this.members.length - 1; i >= 0; i--) {
      if (this._index(this.members[i][key]) === want) return this.members[i];
    }
    return undefined;
  };
  PL.get = function (key) {
    var m = this.one(key);
    if (!m) return undefined;
    return m.valueOf();
  };
  PL.idx = function (index) {
    return this.members[index];
  };
  PL.count = function () {
    return this.members.length;
  };
  PL.indexOf = function (item) {
    if (typeof item === 'string') item = this.one(item);
    return this.members.indexOf(item);
  };
  PL.has = function (item, value) {
    var key = this._postman_listIndexKey;
    var self = this;
    var found;
    if (typeof item === 'string') {
      var want = this._index(item);
      found = this.members.filter(function (m) { return self._index(m[key]) === want; });
    } else {
      found = this.members.filter(function (m) { return m === item; });
    }
    if (!found.length) return false;
    if (arguments.length < 2) return true;
    if (!this._postman_listAllowsMultipleValues) found = [found[found.length - 1]];
    for (var i = 0; i < found.length; i++) {
      if (found[i].valueOf() === value) return true;
    }
    return false;
  };
  PL.each = function (fn, context) {
    if (typeof fn !== 'function') return;
    var members = this.members.slice();
    for (var i = 0; i < members.length; i++) {
      if (fn.call(context || this, members[i], i, members) === false) break;
    }
  };
  PL.forEach = PL.each;
  PL.filter = function (rule, context) {
    var test = predicateOf(rule);
    return this.members.filter(function (m, i, a) { return test.call(context, m, i, a); });
  };
  PL.find = function (rule, context) {
    var test = predicateOf(rule);
    return this.members.find(function (m, i, a) { return test.call(context, m, i, a); });
  };
  PL.map = function (fn, context) {
    if (typeof fn === 'string') {
      var prop = fn;
      return this.members.map(function (m) { return m[prop]; });
    }
    return this.members.map(function (m, i, a) { return fn.call(context, m, i, a); });
  };
  PL.reduce = function (fn, acc, context) {
    return this.members.reduce(function (a, m, i, all) { return fn.call(context, a, m, i, all); }, acc);
  };
  PL.toObject = function (excludeDisabled, caseSensitive, multiValue, sanitizeKeys) {
    var obj = {};
    var key = this._postman_listIndexKey;
    var sensitive = !this._postman_listIndexCaseInsensitive || caseSensitive;
    var multi = this._postman_listAllowsMultipleValues || multiValue;
    this.members.forEach(function (m) {
      if (!m || !hasOwn.call(m, key) || (excludeDisabled && m.disabled) || (sanitizeKeys && !m[key])) return;
      var prop = sensitive ? m[key] : String(m[key]).toLowerCase();
      if (multi && hasOwn.call(obj, prop)) {
        if (!Array.isArray(obj[prop])) obj[prop] = [obj[prop]];
        obj[prop].push(m.valueOf());
      } else {
        obj[prop] = m.valueOf();
      }
    });
    return obj;
  };
  PL.toString = function () {
    if (this.Type === Header) return Header.unparse(this);
    if (this.Type === QueryParam) return QueryParam.unparse(this);
    return this.members.map(function (m) { return m.toString(); }).join('\n');
  };
  PL.toJSON = function () {
    return this.members.map(function (m) { return plain(m); });
  };
  PL.eachParent = function () {};
  PL[Symbol.iterator] = function () {
    return this.members[Symbol.iterator]();
  };
  PropertyList.isPropertyList = function (obj) {
    return obj instanceof PropertyList;
  };

  function headerList(items) {
    return new PropertyList(Header, items, { key: 'key', insensitive: true, multi: true });
  }
  function queryList(items) {
    return new PropertyList(QueryParam, items, { key: 'key', multi: true });
  }
  function formList(items) {
    return new PropertyList(FormParam, items, { key: 'key', multi: true });
  }
  function variableList(items) {
    return new PropertyList(Variable, items, { key: 'key' });
  }
  function cookieList(items) {
    return new PropertyList(Cookie, items, { key: 'name', insensitive: true, multi: true });
  }

  // --- URL --------------------------------------------------------------

  function parseUrl(raw) {
    var out = { raw: raw };
    var rest = String(raw).trim();
    var i = rest.indexOf('#');
    if (i !== -1) {
      out.hash = rest.slice(i + 1);
      rest = rest.slice(0, i);
    }
    i = rest.indexOf('?');
    if (i !== -1) {
      out.query = QueryParam.parse(rest.slice(i + 1));
      rest = rest.slice(0, i);
    }
    i = rest.indexOf('://');
    if (i !== -1 && /^[A-Za-z0-9+.-]+$/.test(rest.slice(0, i))) {
      out.protocol = rest.slice(0, i);
      rest = rest.slice(i + 3);
    }
    var depth = 0;
    var split = rest.length;
    for (var j = 0; j < rest.length; j++) {
      if (rest.substr(j, 2) === '{{') { depth++; j++; continue; }
      if (rest.substr(j, 2) === '}}' && depth > 0) { depth--; j++; continue; }
      if (rest[j] === '/' && depth === 0) { split = j; break; }
    }
    var host = rest.slice(0, split);
    var path = rest.slice(split);
    var at = host.lastIndexOf('@');
    if (at !== -1) {
      var auth = host.slice(0, at);
      var c = auth.indexOf(':');
      out.auth = c === -1 ? { user: auth } : { user: auth.slice(0, c), password: auth.slice(c + 1) };
      host = host.slice(at + 1);
    }
    var colon = host.lastIndexOf(':');
    if (colon !== -1) {
      var port = host.slice(colon + 1);
      if (/^\d+$/.test(port) || /^\{\{.*\}\}$/.test(port)) {
        out.port = port;
        host = host.slice(0, colon);
      }
    }
    if (host) out.host = host.split('.');
    if (path) out.path = path.slice(1).split('/');
    return out;
  }

  function Url(opts) {
    this.update(opts);
  }
  Url.prototype.update = function (opts) {
    if (typeof opts === 'string' || isNil(opts)) opts = parseUrl(isNil(opts) ? '' : opts);
    else if (opts instanceof Url) opts = opts.toJSON();
    else if (!opts.host && !opts.path && !opts.protocol && typeof opts.raw === 'string') {
      var parsed = parseUrl(opts.raw);
      if (opts.query) parsed.query = opts.query;
      if (opts.variable) parsed.variable = opts.variable;
      opts = parsed;
    }
    this.auth = opts.auth;
    this.protocol = opts.protocol;
    this.port = isNil(opts.port) ? undefined : String(opts.port);
    this.path = typeof opts.path === 'string' ? opts.path.replace(/^\//, '').split('/') :
      Array.isArray(opts.path) ? opts.path.map(function (s) {
        return s && typeof s === 'object' ? String(s.value) : String(s);
      }) : undefined;
    this.hash = opts.hash;
    this.host = typeof opts.host === 'string' ? opts.host.split('.') :
      Array.isArray(opts.host) ? opts.host.map(String) : undefined;
    this.query = queryList(opts.query || []);
    this.variables = variableList(opts.variable || []);
  };
  Url.prototype.getHost = function () {
    return this.host ? this.host.join('.') : '';
  };
  Url.prototype.getPath = function (unresolved) {
    if (!this.path || !this.path.length) return '/';
    var vars = this.variables;
    return '/' + this.path.map(function (seg) {
      if (!unresolved && typeof seg === 'string' && seg[0] === ':' && vars.has(seg.slice(1))) {
        return vars.get(seg.slice(1));
      }
      return seg;
    }).join('/');
  };
  Url.prototype.getQueryString = function () {
    return QueryParam.unparse(this.query);
  };
  Url.prototype.getPathWithQuery = function (unresolved) {
    var qs = this.getQueryString();
    return this.getPath(unresolved) + (qs ? '?' + qs : '');
  };
  Url.prototype.getRemote = function (forcePort) {
    var host = this.getHost();
    var port = this.port;
    if (!port && forcePort) port = this.protocol === 'https' ? '443' : '80';
    return port ? host + ':' + port : host;
  };
  Url.prototype.getOAuth1BaseUrl = function () {
    var protocol = this.protocol || 'http';
    var port = this.port;
    if ((protocol === 'http' && port === '80') || (protocol === 'https' && port === '443')) port = undefined;
    return protocol + '://' + this.getHost().toLowerCase() + (port ? ':' + port : '') + this.getPath();
  };
  Url.prototype.toString = function (forceProtocol) {
    var s = '';
    if (this.protocol) s += this.protocol.replace(/:(\/\/)?$/, '') + '://';
    else if (forceProtocol) s += 'http://';
    if (this.auth && (this.auth.user || this.auth.password)) {
      s += (this.auth.user || '') + (isNil(this.auth.password) ? '' : ':' + this.auth.password) + '@';
    }
    s += this.getHost();
    if (this.port) s += ':' + this.port;
    if (this.path) s += '/' + this.path.join('/');
    var qs = this.getQueryString();
    if (qs) s += '?' + qs;
    if (!isNil(this.hash)) s += '#' + this.hash;
    return s;
  };
  Url.prototype.addQueryParams = function (params) {
    var list = typeof params === 'string' ? QueryParam.parse(params) : Array.isArray(params) ? params : [params];
    var q = this.query;
    list.forEach(function (p) { q.add(p); });
  };
  Url.prototype.removeQueryParams = function (params) {
    var list = Array.isArray(params) ? params : [params];
    var q = this.query;
    list.forEach(function (p) { q.remove(typeof p === 'string' ? p : p && p.key); });
  };
  Url.prototype.toJSON = function () {
    var out = { raw: this.toString() };
    if (this.protocol !== undefined) out.protocol = this.protocol;
    if (this.host !== undefined) out.host = this.host.slice();
    if (this.port !== undefined) out.port = this.port;
    if (this.path !== undefined) out.path = this.path.slice();
    if (this.query.count()) out.query = this.query.toJSON();
    if (this.hash !== undefined) out.hash = this.hash;
    if (this.variables.count()) out.variable = this.variables.toJSON();
    return out;
  };
  Url.parse = parseUrl;
  Url.isUrl = function (obj) {
    return obj instanceof Url;
  };

  // --- request ------------------------------------------------------------

  function RequestBody(opts) {
    this.update(opts || {});
  }
  RequestBody.prototype.update = function (opts) {
    if (typeof opts === 'string') opts = { mode: 'raw', raw: opts };
    if (!opts || typeof opts !== 'object') return;
    this.mode = opts.mode;
    if (opts.raw !== undefined) this.raw = opts.raw;
    if (opts.urlencoded !== undefined) this.urlencoded = queryList(opts.urlencoded);
    if (opts.formdata !== undefined) this.formdata = formList(opts.formdata);
    if (opts.file !== undefined) this.file = typeof opts.file === 'string' ? { src: opts.file } : opts.file;
    if (opts.graphql !== undefined) this.graphql = opts.graphql;
    if (opts.options !== undefined) this.options = opts.options;
    if (opts.disabled) this.disabled = true;
  };
  RequestBody.prototype.isEmpty = function () {
    var mode = this.mode;
    if (this.disabled || !mode) return true;
    var data = this[mode];
    if (isNil(data)) return true;
    if (data instanceof PropertyList) return data.count() === 0;
    if (mode === 'file') return !(data.src || data.content);
    if (mode === 'graphql') return !data.query;
    return data === '';
  };
  RequestBody.prototype.toString = function () {
    if (this.mode === 'raw') return isNil(this.raw) ? '' : String(this.raw);
    if (this.mode === 'urlencoded' && this.urlencoded) return QueryParam.unparse(this.urlencoded);
    if (this.mode === 'file' && this.file) return this.file.content || '';
    if (this.mode === 'graphql' && this.graphql) return JSON.stringify(this.graphql);
    return '';
  };
  RequestBody.prototype.toJSON = function () {
    var out = {};
    if (this.mode !== undefined) out.mode = this.mode;
    if (this.raw !== undefined) out.raw = typeof this.raw === 'string' ? this.raw : JSON.stringify(this.raw);
    if (this.urlencoded !== undefined) out.urlencoded = plain(this.urlencoded);
    if (this.formdata !== undefined) out.formdata = plain(this.formdata);
    if (this.file !== undefined) out.file = this.file;
    if (this.graphql !== undefined) out.graphql = this.graphql;
    if (this.options !== undefined) out.options = this.options;
    if (this.disabled) out.disabled = true;
    return out;
  };

  function RequestAuth(opts) {
    this.update(opts || {});
  }
  RequestAuth.prototype.update = function (opts, type) {
    if (!opts || typeof opts !== 'object') return;
    if (type) {
      this.type = type;
      this[type] = variableList(Array.isArray(opts) || opts instanceof PropertyList ? opts : toParams(opts));
      return;
    }
    var self = this;
    Object.keys(opts).forEach(function (k) {
      var v = opts[k];
      if (k === 'type') self.type = v;
      else if (Array.isArray(v)) self[k] = variableList(v);
      else if (v && typeof v === 'object' && !(v instanceof PropertyList)) self[k] = variableList(toParams(v));
      else self[k] = v;
    });
  };
  function toParams(obj) {
    return Object.keys(obj).map(function (k) { return { key: k, value: obj[k], type: 'any' }; });
  }
  RequestAuth.prototype.use = function (type, opts) {
    this.update(opts || [], type);
  };
  RequestAuth.prototype.current = function () {
    return this[this.type];
  };
  RequestAuth.prototype.parameters = function () {
    return this[this.type];
  };
  RequestAuth.prototype.clear = function (type) {
    if (type && type !== 'type') delete this[type];
  };
  RequestAuth.prototype.toJSON = function () {
    var out = {};
    var self = this;
    Object.keys(this).forEach(function (k) {
      if (self[k] !== undefined) out[k] = plain(self[k]);
    });
    return out;
  };

  function Request(def) {
    if (typeof def === 'string') def = { url: def };
    def = def || {};
    var self = this;
    Object.defineProperty(this, '__postie_type', { value: 'request', enumerable: false });
    hidden(this, '_extra', {});
    ['description', 'proxy', 'certificate'].forEach(function (k) {
      if (def[k] !== undefined) self._extra[k] = def[k];
    });
    this.url = new Url(def.url);
    this.method = def.method ? String(def.method).toUpperCase() : 'GET';
    this.headers = headerList(def.header || def.headers || []);
    this.body = def.body ? new RequestBody(def.body) : undefined;
    this.auth = def.auth ? new RequestAuth(def.auth) : undefined;
    if (def.description !== undefined) this.description = def.description;
  }
  var RQ = Request.prototype;
  RQ.getHeaders = function (options) {
    options = options || {};
    var obj = {};
    this.headers.each(function (h) {
      if (options.enabled && h.disabled) return;
      if (options.sanitizeKeys && !h.key) return;
      var k = options.ignoreCase ? h.key.toLowerCase() : h.key;
      if (hasOwn.call(obj, k)) {
        if (!Array.isArray(obj[k])) obj[k] = [obj[k]];
        obj[k].push(h.value);
      } else {
        obj[k] = h.value;
      }
    });
    return obj;
  };
  RQ.forEachHeader = function (fn) {
    var self = this;
    this.headers.each(function (h, i) {
      if (!h.disabled) fn.call(self, h, i);
    });
  };
  RQ.addHeader = function (header) {
    this.headers.add(header);
  };
  RQ.removeHeader = function (toRemove, options) {
    toRemove = typeof toRemove === 'string' ? toRemove : toRemove && toRemove.key;
    options = options || {};
    if (!toRemove) return;
    if (options.ignoreCase) toRemove = toRemove.toLowerCase();
    this.headers.remove(function (h) {
      return (options.ignoreCase ? String(h.key).toLowerCase() : h.key) === toRemove;
    });
  };
  RQ.upsertHeader = function (header) {
    if (!(header && header.key)) return;
    var existing = this.headers.find({ key: header.key });
    if (!existing) return this.headers.add(header);
    existing.value = header.value;
  };
  RQ.addQueryParams = function (params) {
    this.url.addQueryParams(params);
  };
  RQ.removeQueryParams = function (params) {
    this.url.removeQueryParams(params);
  };
  RQ.authorizeUsing = function (type, options) {
    if (type && typeof type === 'object' && isNil(options)) {
      options = type[type.type];
      type = type.type;
    }
    if (type === null) {
      this.auth = undefined;
      return;
    }
    if (!this.auth) this.auth = new RequestAuth({});
    this.auth.use(type, options);
  };
  RQ.update = function (def) {
    Request.call(this, Object.assign(this.toJSON(), def));
  };
  RQ.size = function () {
    var body = this.body ? this.body.toString() : '';
    var head = this.headers.all().reduce(function (n, h) { return n + h.key.length + String(h.value).length + 4; }, 0);
    return { body: body.length, header: head, total: body.length + head, source: 'COMPUTED' };
  };
  RQ.clone = function () {
    return new Request(this.toJSON());
  };
  RQ.toJSON = function () {
    var out = {};
    out.url = this.url instanceof Url ? this.url.toJSON() : isNil(this.url) ? '' : String(this.url);
    out.method = isNil(this.method) ? 'GET' : String(this.method);
    var headers = this.headers instanceof PropertyList ? this.headers : headerList(this.headers);
    var list = headers.toJSON();
    if (list.length) out.header = list;
    if (this.body) out.body = this.body instanceof RequestBody ? this.body.toJSON() : new RequestBody(this.body).toJSON();
    if (this.auth) out.auth = this.auth instanceof RequestAuth ? this.auth.toJSON() : this.auth;
    var extra = this._extra || {};
    if (this.description !== undefined) out.description = this.description;
    if (extra.proxy !== undefined) out.proxy = extra.proxy;
    if (extra.certificate !== undefined) out.certificate = extra.certificate;
    return out;
  };
  Request.isRequest = function (obj) {
    return obj instanceof Request;
  };

  // --- response -----------------------------------------------------------

  // The names postman-collection gives status codes (its http-reasons table):
  // a response without a reason phrase reads as these, and details().standardName
  // is one of them.
  var REASONS = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing (WebDAV) (RFC 2518)', 103: 'Checkpoint', 200: 'OK',
    201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information (since HTTP/1.1)', 204: 'No Content',
    205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status (WebDAV) (RFC 4918)',
    208: 'Already Reported (WebDAV) (RFC 5842)', 226: 'IM Used (RFC 3229)', 300: 'Multiple Choices',
    301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy (since HTTP/1.1)',
    307: 'Temporary Redirect (since HTTP/1.1)', 308: 'Resume Incomplete', 400: 'Bad Request', 401: 'Unauthorized',
    402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
    407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed', 413: 'Request Entity Too Large', 414: 'Request-URI Too Long',
    415: 'Unsupported Media Type', 416: 'Requested Range Not Satisfiable', 417: 'Expectation Failed',
    418: "I'm a teapot (RFC 2324)", 421: 'Misdirected Request', 422: 'Unprocessable Entity (WebDAV) (RFC 4918)',
    423: 'Locked (WebDAV) (RFC 4918)', 424: 'Failed Dependency (WebDAV) (RFC 4918)',
    425: 'Unordered Collection (RFC 3648)', 426: 'Upgrade Required (RFC 2817)', 428: 'Precondition Required',
    429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
    504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates (RFC 2295)',
    507: 'Insufficient Storage (WebDAV) (RFC 4918)', 508: 'Loop Detected (WebDAV) (RFC 5842)',
    510: 'Not Extended (RFC 2774)', 511: 'Network Authentication Required'
  };

  function jsonError(text) {
    var err = new Error(P.host.jsonError(text));
    err.name = 'JSONError';
    return err;
  }

  function parseJson(text, reviver) {
    text = isNil(text) ? '' : String(text);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var value;
    try {
      value = JSON.parse(text, reviver);
    } catch (e) {
      throw jsonError(text);
    }
    return value;
  }

  // init: { code, status, headers: [[k, v]...], cookies: [...], time, bodySize, body (string), binary? }
  function Response(init) {
    init = init || {};
    var body = isNil(init.body) ? '' : String(init.body);
    // No code, no status: newman's empty response has neither.
    var status = init.status || REASONS[init.code] || (init.code === undefined ? undefined : '');
    // The sandbox passes `headers` as pairs and `time`; scripts building a
    // Response themselves use postman-collection's `header` and `responseTime`.
    var headers = headerList((init.headers || init.header || []).map(headerOf));
    var cookies = cookieList(init.cookies || init.cookie || []);
    define(this, RESPONSE_SHAPE, ['response', body, init.binary, init.id, status, init.code, headers, cookies,
      init.time !== undefined ? init.time : init.responseTime,
      init.bodySize !== undefined ? init.bodySize : body.length]);
  }
  function headerOf(h) {
    return Array.isArray(h) ? { key: h[0], value: h[1] } : h;
  }

  // The response a test script reads (pm.response), from the run's data as
  // the engine hands it over: `data` is [code, status, bodySize, then each
  // header's name and value] (src/script/shapes.rs, `response_data`). The
  // same objects as `new Response({ code, status, headers: pairs, time,
  // bodySize, body, binary })`, without a constructor per header: the host
  // makes the header objects (own `key` then `value`, as `new Header` leaves
  // them), the lists and the response are defined with their recorded shapes.
  var DATA_HEADERS = 3;
  function runResponse(data, time, body, binary) {
    var proto = Response.prototype;
    var headerProto = Header.prototype;
    if (!isObject(proto) || !isObject(headerProto)) return new Response(dataInit(data, time, body, binary));
    var code = data[0];
    var headers = Object.create(PL);
    define(headers, LIST_SHAPE, [Header, 'key', true, true, P.host.headerMembers(headerProto, data, DATA_HEADERS)]);
    var cookies = Object.create(PL);
    define(cookies, LIST_SHAPE, [Cookie, 'name', true, true, []]);
    var response = Object.create(proto);
    define(response, RESPONSE_SHAPE, ['response', body, binary, undefined, data[1] || REASONS[code] || '', code,
      headers, cookies, time, data[2]]);
    return response;
  }
  // A script replaced a prototype with something `new` would not use.
  function isObject(v) {
    return (typeof v === 'object' && v !== null) || typeof v === 'function';
  }
  function dataInit(data, time, body, binary) {
    var pairs = [];
    for (var i = DATA_HEADERS; i + 1 < data.length; i += 2) pairs.push([data[i], data[i + 1]]);
    return { code: data[0], status: data[1], headers: pairs, time: time, bodySize: data[2], body: body, binary: binary };
  }
  var RS = Response.prototype;
  Object.defineProperty(RS, 'stream', {
    configurable: true,
    get: function () {
      var B = P.require('buffer').Buffer;
      return this._binary !== undefined ? B.from(this._binary, 'latin1') : B.from(this._body, 'utf8');
    }
  });
  RS.text = function () {
    return this._body;
  };
  RS.json = function (reviver) {
    return parseJson(this._body, reviver);
  };
  RS.jsonp = function (reviver) {
    var text = this._body.trim();
    var m = /^[\w$.]+\s*\(([\s\S]*)\)\s*;?$/.exec(text);
    return parseJson(m ? m[1] : text, reviver);
  };
  RS.reason = function () {
    return this.status || REASONS[this.code] || (this.code === undefined ? undefined : '');
  };
  // As postman-collection: the name is the server's reason phrase, the
  // standard name the code's. (Its detail is http-reasons' description of the
  // code, which postie does not carry: the standard name stands in for it.)
  RS.details = function () {
    var standard = REASONS[this.code] || '';
    var name = this.status || standard;
    return { name: name, detail: standard || name, code: this.code, standardName: standard || name };
  };
  // postman-collection counts the headers as it would write them back: a
  // status line "HTTP/X.X <code> <reason>", each enabled header and CRLFs.
  RS.size = function () {
    var body = this.responseSize || 0;
    var header = ('HTTP/X.X ' + this.code + ' ' + this.reason() + '\r\n\r\n').length;
    this.headers.each(function (h) {
      if (h && !h.disabled) header += (h.key + ': ' + h.value + '\r\n').length;
    });
    return { body: body, header: header, total: body + header };
  };
  RS.contentInfo = function () {
    var type = String(this.headers.get('Content-Type') || '');
    var mime = type.split(';')[0].trim().toLowerCase();
    var charsetMatch = /charset=([^;]+)/i.exec(type);
    var parts = mime.split('/');
    var format = parts[1] || '';
    if (/json/.test(format)) format = 'json';
    else if (/xml/.test(format)) format = 'xml';
    else if (/html/.test(format)) format = 'html';
    else if (parts[0] === 'text') format = 'plain';
    var disposition = String(this.headers.get('Content-Disposition') || '');
    var fileMatch = /filename="?([^";]+)"?/i.exec(disposition);
    var ext = fileMatch ? (fileMatch[1].split('.').pop() || '') : format === 'plain' ? 'txt' : format;
    return {
      mimeType: parts[0] || 'text',
      mimeFormat: format || 'plain',
      charset: charsetMatch ? charsetMatch[1].trim().toLowerCase() : 'utf8',
      fileExtension: ext,
      fileName: fileMatch ? fileMatch[1] : 'response.' + (ext || 'txt'),
      contentType: type
    };
  };
  RS.mime = function () {
    throw new Error('`Response#mime` has been discontinued, use `Response#contentInfo` instead.');
  };
  RS.encoding = function () {
    var enc = String(this.headers.get('Content-Encoding') || '').toLowerCase();
    return { format: enc || undefined, source: enc ? 'header' : undefined };
  };
  RS.dataURI = function () {
    var info = this.contentInfo();
    var B = P.require('buffer').Buffer;
    return 'data:' + (info.contentType || 'text/plain') + ';base64,' + this.stream.toString('base64');
  };
  RS.toJSON = function () {
    return {
      id: this.id,
      status: this.status,
      code: this.code,
      header: this.headers.toJSON(),
      cookie: this.cookies.toJSON(),
      body: this._body,
      responseTime: this.responseTime,
      responseSize: this.responseSize
    };
  };
  Response.isResponse = function (obj) {
    return obj instanceof Response;
  };

  // --- require('postman-collection') ----------------------------------------

  // Replaces `{{name}}` with the first of `variables` (a VariableList, a plain
  // object, or an array of them) that has the name, resolving the values'
  // own references again as postman-collection does (at most 19 times).
  function replaceSubstitutions(str, variables) {
    if (!str || typeof str !== 'string') return str;
    var sources = Array.isArray(variables) ? variables : [variables];
    function lookup(name) {
      for (var i = 0; i < sources.length; i++) {
        var src = sources[i];
        if (!src || typeof src !== 'object') continue;
        // A VariableList or a plain object; a VariableScope (pm.environment) is
        // neither, and postman-collection leaves its names unresolved.
        if (src instanceof PropertyList) {
          var v = src.one(name);
          if (v && !v.disabled) return { value: v.valueOf() };
        } else if (!(src instanceof VariableScope) && !isScope(src) && hasOwn.call(src, name)) {
          return { value: src[name] };
        }
      }
      return null;
    }
    for (var depth = 0; depth < 19 && /\{\{[^{}]+\}\}/.test(str); depth++) {
      var changed = false;
      str = str.replace(/\{\{([^{}]+)\}\}/g, function (whole, name) {
        var found = lookup(name);
        if (!found || isNil(found.value)) return whole;
        changed = true;
        return typeof found.value === 'object' ? JSON.stringify(found.value) : String(found.value);
      });
      if (!changed) break;
    }
    // What no variable named, `{{$guid}}` and the other dynamic variables fill.
    return str.replace(/\{\{\$[^{}]+\}\}/g, function (whole) { return P.host.replaceIn('dynamic', whole); });
  }
  function isScope(obj) {
    return typeof obj.replaceIn === 'function' && typeof obj.toObject === 'function';
  }
  Property.replaceSubstitutions = replaceSubstitutions;
  Property.replaceSubstitutionsIn = function (obj, variables) {
    if (!obj || typeof obj !== 'object') return obj;
    Object.keys(obj).forEach(function (k) {
      var v = obj[k];
      if (typeof v === 'string') obj[k] = replaceSubstitutions(v, variables);
      else if (v && typeof v === 'object') Property.replaceSubstitutionsIn(v, variables);
    });
    return obj;
  };
  Property.prototype.toObjectResolved = function (scope) {
    var variables = scope && typeof scope.variables === 'function' ? scope.variables() : scope;
    return Property.replaceSubstitutionsIn(JSON.parse(JSON.stringify(this.toJSON())), [variables || {}]);
  };

  // postman-collection's lists take their parent first: `new HeaderList(parent, headers)`.
  function listConstructor(make) {
    function List(parent, items) {
      return make(items);
    }
    List.prototype = PropertyList.prototype;
    return List;
  }
  var HeaderList = listConstructor(headerList);
  HeaderList.isHeaderList = function (obj) {
    return obj instanceof PropertyList && obj.Type === Header;
  };
  var VariableList = listConstructor(variableList);
  VariableList.isVariableList = function (obj) {
    return obj instanceof PropertyList && obj.Type === Variable;
  };
  var CookieList = listConstructor(cookieList);
  CookieList.isCookieList = function (obj) {
    return obj instanceof PropertyList && obj.Type === Cookie;
  };
  function SdkPropertyList(Type, parent, items) {
    return new PropertyList(Type, items, { key: Type === Cookie ? 'name' : 'key', multi: Type === Header,
      insensitive: Type === Header || Type === Cookie });
  }
  SdkPropertyList.prototype = PropertyList.prototype;
  SdkPropertyList.isPropertyList = PropertyList.isPropertyList;

  // A scope of variables of its own, as postman-collection's VariableScope
  // (pm.environment and the others are the sandbox's, backed by the run).
  function VariableScope(definition, layers) {
    if (Array.isArray(definition) || definition instanceof PropertyList) definition = { values: definition };
    definition = definition || {};
    if (definition.id !== undefined) this.id = definition.id;
    if (definition.name !== undefined) this.name = definition.name;
    var values = definition.values;
    if (values instanceof PropertyList) values = values.all();
    if (values instanceof VariableScope) values = values.values.all();
    this.values = variableList(values || []);
    hidden(this, '_layers', Array.isArray(layers) ? layers : layers ? [layers] : []);
  }
  var VS = VariableScope.prototype;
  VS.variables = function () {
    return this.toObject();
  };
  VS.toObject = function (excludeDisabled, caseSensitive) {
    var out = {};
    this.values.each(function (v) {
      if (excludeDisabled && v.disabled) return;
      out[v.key] = v.valueOf();
    });
    return out;
  };
  VS.has = function (key) {
    var v = this.values.one(key);
    return Boolean(v && !v.disabled);
  };
  VS.get = function (key) {
    var v = this.values.one(key);
    if (v && !v.disabled) return v.valueOf();
    for (var i = 0; i < this._layers.length; i++) {
      var layer = this._layers[i];
      var l = layer instanceof VariableScope ? layer.values.one(key) : layer && layer.one && layer.one(key);
      if (l && !l.disabled) return l.valueOf();
    }
    return undefined;
  };
  VS.set = function (key, value, type) {
    var v = this.values.one(key);
    if (v) {
      v.value = value;
      if (type) v.type = type;
    } else {
      this.values.add({ key: key, value: value, type: type || 'any' });
    }
  };
  VS.unset = function (key) {
    this.values.remove(function (v) { return v.key === key; });
  };
  VS.clear = function () {
    this.values.clear();
  };
  VS.replaceIn = function (template) {
    var lists = [this.values].concat(this._layers.map(function (l) { return l instanceof VariableScope ? l.values : l; }));
    if (typeof template === 'string') return replaceSubstitutions(template, lists);
    if (template && typeof template === 'object') {
      return Property.replaceSubstitutionsIn(JSON.parse(JSON.stringify(template)), lists);
    }
    return template;
  };
  VS.syncVariablesTo = function (target) {
    var obj = this.toObject();
    if (!target || typeof target !== 'object') return obj;
    Object.keys(target).forEach(function (k) { if (!hasOwn.call(obj, k)) delete target[k]; });
    Object.assign(target, obj);
    return target;
  };
  VS.syncVariablesFrom = function (obj) {
    var self = this;
    if (!obj || typeof obj !== 'object') return;
    Object.keys(obj).forEach(function (k) { self.set(k, obj[k]); });
  };
  VS.addLayer = function (list) {
    this._layers.push(list);
  };
  VS.toJSON = function () {
    var out = {};
    if (this.id !== undefined) out.id = this.id;
    if (this.name !== undefined) out.name = this.name;
    out.values = this.values.toJSON();
    return out;
  };
  VariableScope.isVariableScope = function (obj) {
    return obj instanceof VariableScope;
  };

  // Built on the first require and kept for the context's life.
  var collectionModule = null;
  P.collectionModule = function () {
    if (collectionModule) return collectionModule;
    collectionModule = {
      Property: Property,
      PropertyList: SdkPropertyList,
      Header: Header,
      HeaderList: HeaderList,
      QueryParam: QueryParam,
      FormParam: FormParam,
      Variable: Variable,
      VariableList: VariableList,
      VariableScope: VariableScope,
      Cookie: Cookie,
      CookieList: CookieList,
      Url: Url,
      Request: Request,
      RequestBody: RequestBody,
      RequestAuth: RequestAuth,
      Response: Response
    };
    return collectionModule;
  };

  P.sdk = {
    Property: Property,
    PropertyList: PropertyList,
    Header: Header,
    HeaderList: headerList,
    QueryParam: QueryParam,
    FormParam: FormParam,
    Variable: Variable,
    VariableList: variableList,
    Cookie: Cookie,
    CookieList: cookieList,
    Url: Url,
    Request: Request,
    RequestBody: RequestBody,
    RequestAuth: RequestAuth,
    Response: Response,
    runResponse: runResponse,
    REASONS: REASONS,
    parseJson: parseJson
  };
});
