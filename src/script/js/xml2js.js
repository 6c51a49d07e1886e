// xml2js compatible parser for collection scripts (module `xml2js`, and
// the helper behind Postman's legacy global `xml2Json`). Written for postie.
//
// The host parses the document (`__native.xml2json`) into a generic tree:
// an element is {name, attrs: {..}, children: [..]} and a child is an
// element, a string (text) or {cdata: string}. This module shapes that tree
// the way xml2js 0.4 does: root element key, child elements in arrays,
// attributes under `$`, text under `_` when the element also has
// attributes or children, whitespace-only text dropped, empty elements as
// ''. Callbacks are called synchronously (as with xml2js's `async: false`),
// so tests registered inside them run in the same script pass.
// Not supported: explicitChildren/preserveChildrenOrder/charsAsChildren,
// xmlns, validator, async chunking.
'use strict';

// `__native` is a parameter of the module wrapper, not a global scripts can reach.
var N = __native;

var DEFAULTS = {
  explicitCharkey: false,
  trim: false,
  normalize: false,
  normalizeTags: false,
  attrkey: '$',
  charkey: '_',
  explicitArray: true,
  ignoreAttrs: false,
  mergeAttrs: false,
  explicitRoot: true,
  emptyTag: '',
  tagNameProcessors: null,
  attrNameProcessors: null,
  valueProcessors: null,
  attrValueProcessors: null,
  rootName: 'root',
  xmldec: { version: '1.0', encoding: 'UTF-8', standalone: true },
  renderOpts: { pretty: true, indent: '  ', newline: '\n' },
  headless: false,
  cdata: false
};

function withDefaults(opts) {
  var o = {};
  var k;
  for (k in DEFAULTS) o[k] = DEFAULTS[k];
  if (opts) for (k in opts) if (Object.prototype.hasOwnProperty.call(opts, k)) o[k] = opts[k];
  return o;
}

function processItem(processors, item, key) {
  if (!processors) return item;
  for (var i = 0; i < processors.length; i++) item = processors[i](item, key);
  return item;
}

function isEmptyObject(v) { return v !== null && typeof v === 'object' && Object.keys(v).length === 0; }

function assignOrPush(o, obj, key, value) {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) {
    obj[key] = o.explicitArray ? [value] : value;
  } else {
    if (!Array.isArray(obj[key])) obj[key] = [obj[key]];
    obj[key].push(value);
  }
}

function elementName(o, name) {
  if (o.normalizeTags) name = name.toLowerCase();
  return processItem(o.tagNameProcessors, name);
}

function shape(o, el) {
  var ck = o.charkey;
  var obj = {};
  obj[ck] = '';
  var attrNames = Object.keys(el.attrs);
  if (!o.ignoreAttrs && attrNames.length) {
    if (!o.mergeAttrs) obj[o.attrkey] = {};
    for (var a = 0; a < attrNames.length; a++) {
      var key = processItem(o.attrNameProcessors, attrNames[a]);
      var value = processItem(o.attrValueProcessors, el.attrs[attrNames[a]], attrNames[a]);
      if (o.mergeAttrs) assignOrPush(o, obj, key, value);
      else obj[o.attrkey][key] = value;
    }
  }
  var nodeName = elementName(o, el.name);
  var cdata = false;
  for (var i = 0; i < el.children.length; i++) {
    var child = el.children[i];
    if (typeof child === 'string') {
      obj[ck] += child;
    } else if (child.cdata !== undefined) {
      obj[ck] += child.cdata;
      cdata = true;
    } else {
      var shaped = shape(o, child);
      assignOrPush(o, obj, shaped.name, shaped.value);
    }
  }
  var emptyStr = '';
  if (/^\s*$/.test(obj[ck]) && !cdata) {
    emptyStr = obj[ck];
    delete obj[ck];
  } else {
    if (o.trim) obj[ck] = obj[ck].trim();
    if (o.normalize) obj[ck] = obj[ck].replace(/\s{2,}/g, ' ').trim();
    obj[ck] = processItem(o.valueProcessors, obj[ck], nodeName);
    if (Object.keys(obj).length === 1 && ck in obj && !o.explicitCharkey) obj = obj[ck];
  }
  if (isEmptyObject(obj)) {
    if (typeof o.emptyTag === 'function') obj = o.emptyTag();
    else obj = o.emptyTag !== '' ? o.emptyTag : emptyStr;
  }
  return { name: nodeName, value: obj };
}

function parseSync(xml, opts) {
  var o = withDefaults(opts);
  var str = String(xml);
  if (str.trim() === '') return null;
  var tree = JSON.parse(N.xml2json(str, '{}'));
  if (tree === null) return null;
  var res = shape(o, tree);
  if (o.explicitRoot) {
    var wrapped = {};
    wrapped[res.name] = res.value;
    return wrapped;
  }
  return res.value;
}

function toError(e) {
  return e instanceof Error ? e : new Error(String(e));
}

function Parser(opts) {
  if (!(this instanceof Parser)) return new Parser(opts);
  this.options = withDefaults(opts);
  this._listeners = {};
}

Parser.prototype.on = function (event, fn) {
  (this._listeners[event] = this._listeners[event] || []).push(fn);
  return this;
};
Parser.prototype.addListener = Parser.prototype.on;
Parser.prototype.once = function (event, fn) {
  var self = this;
  function wrapper() {
    self.removeListener(event, wrapper);
    fn.apply(this, arguments);
  }
  return this.on(event, wrapper);
};
Parser.prototype.removeListener = function (event, fn) {
  var list = this._listeners[event] || [];
  var i = list.indexOf(fn);
  if (i >= 0) list.splice(i, 1);
  return this;
};
Parser.prototype.removeAllListeners = function (event) {
  if (event === undefined) this._listeners = {};
  else delete this._listeners[event];
  return this;
};
Parser.prototype.emit = function (event) {
  var args = Array.prototype.slice.call(arguments, 1);
  var list = (this._listeners[event] || []).slice();
  for (var i = 0; i < list.length; i++) list[i].apply(this, args);
  return list.length > 0;
};
Parser.prototype.reset = function () {
  this._listeners = {};
};

Parser.prototype.parseString = function (xml, cb) {
  var result;
  try {
    result = parseSync(xml, this.options);
  } catch (e) {
    var err = toError(e);
    if (typeof cb === 'function') cb(err);
    else this.emit('error', err);
    return;
  }
  if (typeof cb === 'function') cb(null, result);
  else this.emit('end', result);
};

Parser.prototype.parseStringPromise = function (xml) {
  var self = this;
  return new Promise(function (resolve, reject) {
    self.parseString(xml, function (err, result) {
      if (err) reject(err);
      else resolve(result);
    });
  });
};

function parseString(xml, opts, cb) {
  if (typeof opts === 'function') {
    cb = opts;
    opts = {};
  }
  new Parser(opts).parseString(xml, cb);
}

function parseStringPromise(xml, opts) {
  return new Parser(opts).parseStringPromise(xml);
}

// ---------------------------------------------------------------- Builder

function escapeXml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeText(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function Builder(opts) {
  if (!(this instanceof Builder)) return new Builder(opts);
  this.options = withDefaults(opts);
}

Builder.prototype.buildObject = function (rootObj) {
  var o = this.options;
  var ro = o.renderOpts || {};
  var pretty = ro.pretty !== false;
  var indent = pretty ? (ro.indent === undefined ? '  ' : ro.indent) : '';
  var nl = pretty ? (ro.newline === undefined ? '\n' : ro.newline) : '';
  var rootName = o.rootName;
  var keys = rootObj && typeof rootObj === 'object' ? Object.keys(rootObj) : [];
  if (keys.length === 1 && rootName === DEFAULTS.rootName) {
    rootName = keys[0];
    rootObj = rootObj[rootName];
  }
  var out = '';
  if (!o.headless) {
    var dec = o.xmldec || {};
    out += '<?xml version="' + (dec.version || '1.0') + '"' + (dec.encoding ? ' encoding="' + dec.encoding + '"' : '') +
      (dec.standalone !== undefined && dec.standalone !== null ? ' standalone="' + (dec.standalone ? 'yes' : 'no') + '"' : '') + '?>' + nl;
  }
  function text(v) {
    if (o.cdata && /[<&]/.test(String(v)) && String(v).indexOf(']]>') < 0) return '<![CDATA[' + v + ']]>';
    return escapeText(v);
  }
  function render(name, value, depth) {
    var pad = new Array(depth + 1).join(indent);
    if (Array.isArray(value)) {
      return value.map(function (v) { return render(name, v, depth); }).join('');
    }
    if (value === null || value === undefined || typeof value !== 'object') {
      var t = value === null || value === undefined ? '' : text(value);
      return pad + (t === '' ? '<' + name + '/>' : '<' + name + '>' + t + '</' + name + '>') + nl;
    }
    var attrs = '';
    var inner = '';
    var textValue = null;
    Object.keys(value).forEach(function (k) {
      var v = value[k];
      if (k === o.attrkey && v && typeof v === 'object') {
        Object.keys(v).forEach(function (ak) { attrs += ' ' + ak + '="' + escapeXml(v[ak]) + '"'; });
      } else if (k === o.charkey) {
        textValue = v;
      } else {
        inner += render(k, v, depth + 1);
      }
    });
    if (!inner && textValue === null) return pad + '<' + name + attrs + '/>' + nl;
    if (!inner) return pad + '<' + name + attrs + '>' + text(textValue) + '</' + name + '>' + nl;
    return pad + '<' + name + attrs + '>' + nl + (textValue !== null ? pad + indent + text(textValue) + nl : '') + inner + pad + '</' + name + '>' + nl;
  }
  out += render(rootName, rootObj, 0);
  return pretty ? out.replace(/\n$/, '') : out;
};

// ---------------------------------------------------------------- processors

var processors = {
  normalize: function (s) { return s.toLowerCase(); },
  firstCharLowerCase: function (s) { return s.charAt(0).toLowerCase() + s.slice(1); },
  stripPrefix: function (s) { return s.replace(/^[^:]+:/, ''); },
  parseNumbers: function (s) {
    if (!isNaN(s)) s = s % 1 === 0 ? parseInt(s, 10) : parseFloat(s);
    return s;
  },
  parseBooleans: function (s) {
    if (/^(?:true|false)$/i.test(s)) s = s.toLowerCase() === 'true';
    return s;
  }
};

// Postman's legacy `xml2Json(string)`: xml2js with explicitArray false,
// trim true, mergeAttrs false, called synchronously. On a parse error the
// callback gets no result, so the value is undefined; an empty document
// gives null.
function xml2Json(xml) {
  var out = {};
  parseString(xml, { explicitArray: false, async: false, trim: true, mergeAttrs: false }, function (err, result) {
    out = result;
  });
  return out;
}

module.exports = {
  parseString: parseString,
  parseStringPromise: parseStringPromise,
  Parser: Parser,
  Builder: Builder,
  processors: processors,
  defaults: { '0.2': DEFAULTS },
  xml2Json: xml2Json,
  ValidationError: function ValidationError(message) {
    this.message = message;
  }
};
