// Ajv compatible JSON Schema validator for collection scripts (module
// `ajv`). Written for postie. Follows Ajv 6 (the version the Postman
// sandbox ships): draft-07 unless the schema's `$schema` names another
// draft, only the first error unless `allErrors`, errors with `keyword`,
// `dataPath` ('.a[0]' style, or a JSON pointer with `jsonPointers`),
// `schemaPath` ('#/...'), `params` and Ajv 6 messages; each error also
// has Ajv 8's `instancePath`. Validation runs in the host
// (`__native.validateSchema`). Not supported: addKeyword (custom keywords
// are accepted and ignored), removeAdditional, useDefaults, coerceTypes,
// $data references, async schemas.
'use strict';

var tools = require('tv4').__schemaTools;

var DRAFT7 = 'http://json-schema.org/draft-07/schema#';
var KNOWN_FORMATS = ['date', 'time', 'date-time', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer', 'iri', 'iri-reference', 'idn-email', 'idn-hostname', 'duration'];
var IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;

function jsPath(pointer, data) {
  if (!pointer) return '';
  var parts = pointer.split('/').slice(1).map(function (p) { return p.replace(/~1/g, '/').replace(/~0/g, '~'); });
  var out = '';
  var cur = data;
  for (var i = 0; i < parts.length; i++) {
    var key = parts[i];
    if (Array.isArray(cur) && /^\d+$/.test(key)) out += '[' + key + ']';
    else if (IDENTIFIER.test(key)) out += '.' + key;
    else out += "['" + key.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']";
    cur = cur !== null && typeof cur === 'object' ? cur[key] : undefined;
  }
  return out;
}

// Ajv 6 names schemaPaths inside a referenced schema by its id.
function schemaPathOf(sp, embedded) {
  var m = /^\/definitions\/(__ext\d+)(\/.*)?$/.exec(sp);
  if (m && embedded) {
    for (var uri in embedded) if (embedded[uri] === m[1]) return uri + (m[2] || '');
  }
  return '#' + sp;
}

function ajvError(e, data, schema, opts, embedded) {
  var p = e.params || {};
  var keyword = e.keyword;
  var params = {};
  var message;
  var sp = e.schemaPath;
  var kwValue = tools.pointerGet(schema, sp);
  var value = tools.pointerGet(data, e.instancePath);
  switch (keyword) {
    case 'type':
      params = { type: p.type };
      message = 'should be ' + p.type;
      break;
    case 'required':
      if (/\/dependencies$/.test(sp)) {
        var deps = kwValue || {};
        var trigger = Object.keys(deps).filter(function (k) {
          return Array.isArray(deps[k]) && deps[k].indexOf(p.missingProperty) >= 0 && value && Object.prototype.hasOwnProperty.call(value, k);
        })[0];
        keyword = 'dependencies';
        var list = trigger !== undefined ? deps[trigger] : [p.missingProperty];
        params = { property: trigger, missingProperty: p.missingProperty, depsCount: list.length, deps: list.join(', ') };
        message = 'should have ' + (list.length === 1 ? 'property ' + list[0] : 'properties ' + list.join(', ')) + ' when property ' + trigger + ' is present';
      } else {
        // Ajv 6 names the property as a path ('.id', "['a b']") when it stops at the first error.
        var missing = p.missingProperty;
        if (!(opts && opts.allErrors)) {
          missing = /^[A-Za-z_$][\w$]*$/.test(missing) ? '.' + missing
            : "['" + String(missing).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']";
        }
        params = { missingProperty: missing };
        message = "should have required property '" + missing + "'";
      }
      break;
    case 'additionalProperties':
      params = { additionalProperty: p.additionalProperty };
      message = 'should NOT have additional properties';
      break;
    case 'enum':
      params = { allowedValues: p.allowedValues };
      message = 'should be equal to one of the allowed values';
      break;
    case 'const':
      params = { allowedValue: p.allowedValue };
      message = 'should be equal to constant';
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      params = { comparison: p.comparison, limit: p.limit, exclusive: keyword.indexOf('exclusive') === 0 };
      message = 'should be ' + p.comparison + ' ' + p.limit;
      break;
    case 'multipleOf':
      params = { multipleOf: p.multipleOf };
      message = 'should be multiple of ' + p.multipleOf;
      break;
    case 'minLength':
    case 'maxLength':
      params = { limit: p.limit };
      message = 'should NOT be ' + (keyword === 'minLength' ? 'shorter' : 'longer') + ' than ' + p.limit + ' characters';
      break;
    case 'minItems':
    case 'maxItems':
      params = { limit: p.limit };
      message = 'should NOT have ' + (keyword === 'minItems' ? 'fewer' : 'more') + ' than ' + p.limit + ' items';
      break;
    case 'minProperties':
    case 'maxProperties':
      params = { limit: p.limit };
      message = 'should NOT have ' + (keyword === 'minProperties' ? 'fewer' : 'more') + ' than ' + p.limit + ' properties';
      break;
    case 'additionalItems':
      params = { limit: p.limit };
      message = 'should NOT have more than ' + p.limit + ' items';
      break;
    case 'pattern':
      params = { pattern: p.pattern };
      message = 'should match pattern "' + p.pattern + '"';
      break;
    case 'format':
      params = { format: p.format };
      message = 'should match format "' + p.format + '"';
      break;
    case 'uniqueItems':
      // The host gives i = later index, j = earlier; Ajv 6 reports them the
      // other way round in params but later-first in the message.
      params = { i: p.j, j: p.i };
      message = 'should NOT have duplicate items (items ## ' + p.i + ' and ' + p.j + ' are identical)';
      break;
    case 'oneOf':
      params = { passingSchemas: p.passingSchemas === undefined ? null : p.passingSchemas };
      message = 'should match exactly one schema in oneOf';
      break;
    case 'anyOf':
      message = 'should match some schema in anyOf';
      break;
    case 'not':
      message = 'should NOT be valid';
      break;
    case 'contains':
      message = 'should contain a valid item';
      break;
    case 'propertyNames':
      params = { propertyName: p.propertyName };
      message = "property name '" + p.propertyName + "' is invalid";
      sp = sp.replace(/\/propertyNames\/.*$/, '/propertyNames');
      break;
    case 'falseSchema':
      keyword = 'false schema';
      message = 'boolean schema is false';
      break;
    default:
      params = p;
      message = e.message;
  }
  var err = {
    keyword: keyword,
    dataPath: opts.jsonPointers ? e.instancePath : jsPath(e.instancePath, data),
    instancePath: e.instancePath,
    schemaPath: schemaPathOf(sp, embedded),
    params: params,
    message: message
  };
  if (opts.verbose) {
    err.schema = tools.pointerGet(schema, sp);
    err.parentSchema = tools.pointerGet(schema, tools.parentPointer(sp));
    err.data = value;
  }
  return err;
}

function Ajv(opts) {
  if (!(this instanceof Ajv)) return new Ajv(opts);
  this._opts = opts || {};
  this._schemas = {};
  this._formats = {};
  this._cache = {};
  this.errors = null;
  var fmts = this._opts.formats || {};
  for (var k in fmts) this.addFormat(k, fmts[k]);
  var self = this;
  if (this._opts.schemas) {
    var list = Array.isArray(this._opts.schemas) ? this._opts.schemas : Object.keys(this._opts.schemas).map(function (key) { return [self._opts.schemas[key], key]; });
    list.forEach(function (s) {
      if (Array.isArray(s)) self.addSchema(s[0], s[1]);
      else self.addSchema(s);
    });
  }
}

Ajv.prototype._registry = function () {
  var reg = {};
  var schemas = this._schemas;
  Object.keys(schemas).forEach(function (k) { reg[k] = schemas[k]; });
  return reg;
};

Ajv.prototype._checkFormats = function (schema) {
  var self = this;
  if (this._opts.format === false || this._opts.unknownFormats === 'ignore' || this._opts.unknownFormats === false) return;
  var allowed = Array.isArray(this._opts.unknownFormats) ? this._opts.unknownFormats : [];
  (function visit(node, path) {
    if (Array.isArray(node)) {
      node.forEach(function (n, i) { visit(n, path + '/' + i); });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    Object.keys(node).forEach(function (k) {
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') return;
      var v = node[k];
      if (k === 'format' && typeof v === 'string') {
        if (KNOWN_FORMATS.indexOf(v) < 0 && !Object.prototype.hasOwnProperty.call(self._formats, v) && allowed.indexOf(v) < 0) {
          throw new Error('unknown format "' + v + '" is used in schema at path "#' + path + '"');
        }
      } else {
        visit(v, path + '/' + k);
      }
    });
  })(schema, '');
};

Ajv.prototype.compile = function (schema) {
  var opts = this._opts;
  if (schema === null || (typeof schema !== 'object' && typeof schema !== 'boolean')) throw new Error('schema should be object or boolean');
  // Like Ajv, a schema that serializes the same is compiled once.
  var cacheKey = JSON.stringify(schema);
  if (Object.prototype.hasOwnProperty.call(this._cache, cacheKey)) return this._cache[cacheKey];
  this._checkFormats(schema);
  var formats = this._formats;
  var prep = tools.prepareSchema(schema, this._registry(), {
    defaultDraft: DRAFT7,
    dropFormat: function (name) { return opts.format === false || Object.prototype.hasOwnProperty.call(formats, name); }
  });
  if (prep.missing.length && opts.missingRefs !== 'ignore' && opts.missingRefs !== false) {
    var mre = new Error("can't resolve reference " + prep.missing[0] + ' from id #');
    mre.missingRef = prep.missing[0];
    mre.missingSchema = prep.missing[0];
    throw mre;
  }
  // Surface schema errors now, like Ajv does at compile time.
  try {
    tools.runNative(prep.schema, null);
  } catch (e) {
    throw new Error('schema is invalid: ' + (e && e.message ? e.message : e));
  }
  var fmtSchema = Object.keys(formats).length ? tools.prepareSchema(schema, this._registry(), {}).schema : null;
  var validate = function (data) {
    var raw = tools.runNative(prep.schema, data);
    var errors = [];
    raw.forEach(function (e) {
      var inner = e.keyword === 'propertyNames' && /\/propertyNames\/[^/]+$/.exec(e.schemaPath);
      if (inner) {
        // Ajv reports the failing keyword inside propertyNames as well.
        var kw = tools.lastToken(e.schemaPath);
        var kv = tools.pointerGet(prep.schema, e.schemaPath);
        var ip = kw === 'pattern' ? { pattern: kv } : kw === 'format' ? { format: kv } : { limit: kv };
        errors.push(ajvError({ keyword: kw, instancePath: e.instancePath, schemaPath: e.schemaPath, params: ip, message: e.message }, data, prep.schema, opts, prep.embedded));
      }
      errors.push(ajvError(e, data, prep.schema, opts, prep.embedded));
    });
    if (fmtSchema) {
      tools.customFormatErrors(fmtSchema, data, formats, function (name, value) {
        return checkFormat(formats[name], value) ? null : 'invalid';
      }).forEach(function (fe) {
        errors.push(ajvError({ keyword: 'format', instancePath: fe.instancePath, schemaPath: fe.schemaPath, params: fe.params, message: fe.message }, data, fmtSchema, opts));
      });
    }
    if (!opts.allErrors && errors.length > 1) errors = errors.slice(0, 1);
    validate.errors = errors.length ? errors : null;
    return errors.length === 0;
  };
  validate.schema = schema;
  validate.errors = null;
  validate.refs = {};
  validate.refVal = [];
  validate.root = validate;
  validate.source = null;
  this._cache[cacheKey] = validate;
  return validate;
};

function checkFormat(fmt, value) {
  if (typeof value !== 'string' && !(fmt && typeof fmt === 'object' && fmt.type && fmt.type !== 'string')) return true;
  if (fmt instanceof RegExp) return fmt.test(value);
  if (typeof fmt === 'string') return new RegExp(fmt).test(value);
  if (typeof fmt === 'function') return !!fmt(value);
  if (fmt && typeof fmt === 'object') {
    if (fmt.validate instanceof RegExp) return fmt.validate.test(value);
    if (typeof fmt.validate === 'function') return !!fmt.validate(value);
  }
  return true;
}

Ajv.prototype.validate = function (schemaKeyRef, data) {
  var v;
  if (typeof schemaKeyRef === 'string') {
    v = this.getSchema(schemaKeyRef);
    if (!v) throw new Error('no schema with key or ref "' + schemaKeyRef + '"');
  } else {
    v = this.compile(schemaKeyRef);
  }
  var valid = v(data);
  this.errors = v.errors;
  return valid;
};

Ajv.prototype.addSchema = function (schema, key) {
  var self = this;
  if (Array.isArray(schema)) {
    schema.forEach(function (s) { self.addSchema(s); });
    return this;
  }
  var id = schema && typeof schema === 'object' ? schema.$id || schema.id : undefined;
  key = tools.normUri(key || id || '');
  if (!key) throw new Error('schema must have $id or a key to be added');
  if (Object.prototype.hasOwnProperty.call(this._schemas, key)) throw new Error('schema with key or id "' + key + '" already exists');
  this._schemas[key] = schema;
  if (id && tools.normUri(id) !== key) this._schemas[tools.normUri(id)] = schema;
  this._cache = {};
  return this;
};

Ajv.prototype.addMetaSchema = function (schema, key) {
  var id = schema && (schema.$id || schema.id);
  if (key || id) this._schemas[tools.normUri(key || id)] = schema;
  return this;
};

Ajv.prototype.getSchema = function (keyRef) {
  var parts = String(keyRef).split('#');
  var doc = this._schemas[tools.normUri(parts[0])];
  if (doc === undefined) return undefined;
  var target = parts[1] ? tools.pointerGet(doc, parts[1]) : doc;
  if (target === undefined) return undefined;
  if (!parts[1]) return this.compile(doc);
  // A fragment of a registered schema: validate against a $ref to it.
  return this.compile({ $ref: tools.normUri(parts[0]) + '#' + parts[1] });
};

Ajv.prototype.removeSchema = function (keyRef) {
  var self = this;
  this._cache = {};
  if (keyRef === undefined) {
    this._schemas = {};
  } else if (keyRef instanceof RegExp) {
    Object.keys(this._schemas).forEach(function (k) { if (keyRef.test(k)) delete self._schemas[k]; });
  } else if (typeof keyRef === 'object') {
    Object.keys(this._schemas).forEach(function (k) { if (self._schemas[k] === keyRef) delete self._schemas[k]; });
  } else {
    delete this._schemas[tools.normUri(keyRef)];
  }
  return this;
};

Ajv.prototype.addFormat = function (name, format) {
  this._formats[name] = format;
  this._cache = {};
  return this;
};

Ajv.prototype.addKeyword = function () { return this; };
Ajv.prototype.getKeyword = function () { return false; };
Ajv.prototype.removeKeyword = function () { return this; };

Ajv.prototype.validateSchema = function (schema) {
  try {
    tools.runNative(tools.prepareSchema(schema, this._registry(), { defaultDraft: DRAFT7 }).schema, null);
    this.errors = null;
    return true;
  } catch (e) {
    this.errors = [{ keyword: 'schema', dataPath: '', instancePath: '', schemaPath: '#', params: {}, message: String(e && e.message ? e.message : e) }];
    return false;
  }
};

Ajv.prototype.errorsText = function (errors, options) {
  errors = errors === undefined ? this.errors : errors;
  if (!errors || !errors.length) return 'No errors';
  options = options || {};
  var separator = options.separator === undefined ? ', ' : options.separator;
  var dataVar = options.dataVar === undefined ? 'data' : options.dataVar;
  return errors.map(function (e) { return dataVar + e.dataPath + ' ' + e.message; }).join(separator);
};

function ValidationError(errors) {
  var e = new Error('validation failed');
  e.errors = errors;
  e.ajv = e.validation = true;
  return e;
}

Ajv.ValidationError = ValidationError;
Ajv.MissingRefError = function MissingRefError(baseId, ref, message) {
  var e = new Error(message || "can't resolve reference " + ref + ' from id ' + baseId);
  e.missingRef = ref;
  return e;
};
Ajv.default = Ajv;
Ajv.Ajv = Ajv;

module.exports = Ajv;
