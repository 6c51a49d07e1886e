// tv4 compatible JSON Schema validator for collection scripts (module
// `tv4`, legacy global `tv4`). Written for postie. Validation is done by
// the host (`__native.validateSchema`); this module prepares the schema
// (draft-04 unless `$schema` says otherwise, `$ref`s to schemas added with
// addSchema, tv4's rule that `format` is only checked for formats added with
// addFormat) and turns the host's errors into tv4's error objects (codes,
// messages, params, dataPath, schemaPath). Errors come in the host's order,
// so with several errors `tv4.error` may name a different one than tv4 would.
'use strict';

// `__native` is a parameter of the module wrapper, not a global scripts can reach.
var N = __native;

var DRAFT4 = 'http://json-schema.org/draft-04/schema#';

// ---------------------------------------------------------------- schema tools
// (also used by the ajv module)

// Keywords whose values are data, not subschemas.
var DATA_KEYWORDS = { enum: 1, const: 1, default: 1, examples: 1, example: 1 };

function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

function splitUri(uri) {
  var i = uri.indexOf('#');
  return i < 0 ? [uri, ''] : [uri.slice(0, i), uri.slice(i + 1)];
}

function resolveUri(base, ref) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || !base) return ref;
  if (ref[0] === '#') return splitUri(base)[0] + ref;
  return require('url').resolve(base, ref);
}

function normUri(uri) { return splitUri(uri)[0].replace(/#$/, ''); }

// Copies `root` for validation: `$ref`s into schemas of `registry` (uri ->
// schema) are rewritten to copies embedded under root.definitions, refs
// that cannot be found are dropped and listed in `missing`, and `format`
// keywords are dropped where `options.dropFormat(name)` says so.
function prepareSchema(root, registry, options) {
  options = options || {};
  var missing = [];
  var embedded = {};
  var extra = {};
  var counter = 0;
  var rootId = isObj(root) && typeof (root.$id || root.id) === 'string' ? normUri(root.$id || root.id) : '';

  function embed(docUri) {
    if (!embedded[docUri]) {
      var key = '__ext' + counter++;
      embedded[docUri] = key;
      extra[key] = walk(registry[docUri], docUri, docUri, '#/definitions/' + key);
    }
    return embedded[docUri];
  }

  function rewriteRef(ref, base, docUri, prefix) {
    var parts = splitUri(resolveUri(base, ref));
    var doc = parts[0];
    var frag = parts[1];
    if (frag && frag[0] !== '/') return doc === '' || doc === docUri ? '#' + frag : null;
    if (doc === '' || doc === docUri) return prefix + frag;
    if (rootId && doc === rootId) return '#' + frag;
    if (Object.prototype.hasOwnProperty.call(registry, doc)) return '#/definitions/' + embed(doc) + frag;
    if (/^https?:\/\/json-schema\.org\//.test(doc)) return ref;
    if (missing.indexOf(doc) < 0) missing.push(doc);
    return null;
  }

  function walk(node, base, docUri, prefix) {
    if (Array.isArray(node)) return node.map(function (n) { return walk(n, base, docUri, prefix); });
    if (!isObj(node)) return node;
    var id = typeof node.$id === 'string' ? node.$id : typeof node.id === 'string' ? node.id : null;
    if (id && id[0] !== '#') base = resolveUri(base, id);
    var out = {};
    Object.keys(node).forEach(function (k) {
      var v = node[k];
      if (k === '$ref' && typeof v === 'string') {
        var ref = rewriteRef(v, base, docUri, prefix);
        if (ref !== null) out[k] = ref;
      } else if (k === 'format' && typeof v === 'string' && options.dropFormat && options.dropFormat(v)) {
        // left to the caller
      } else if (DATA_KEYWORDS[k] || k === '$schema' || k === 'id' || k === '$id') {
        out[k] = v;
      } else if ((k === 'properties' || k === 'patternProperties' || k === 'definitions' || k === '$defs' || k === 'dependencies') && isObj(v)) {
        var o = {};
        Object.keys(v).forEach(function (p) { o[p] = walk(v[p], base, docUri, prefix); });
        out[k] = o;
      } else {
        out[k] = walk(v, base, docUri, prefix);
      }
    });
    return out;
  }

  var prepared = typeof root === 'boolean' ? root : walk(root, rootId, rootId, '#');
  if (isObj(prepared)) {
    if (!prepared.$schema && options.defaultDraft) prepared.$schema = options.defaultDraft;
    var keys = Object.keys(extra);
    if (keys.length) {
      prepared.definitions = isObj(prepared.definitions) ? Object.assign({}, prepared.definitions) : {};
      keys.forEach(function (k) {
        var sub = extra[k];
        if (isObj(sub)) {
          sub = Object.assign({}, sub);
          delete sub.$schema;
          delete sub.id;
          delete sub.$id;
        }
        prepared.definitions[k] = sub;
      });
    }
  }
  return { schema: prepared, missing: missing, embedded: embedded };
}

function pointerGet(doc, ptr) {
  if (!ptr) return doc;
  var parts = ptr.split('/').slice(1);
  var cur = doc;
  for (var i = 0; i < parts.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[parts[i].replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function parentPointer(ptr) { return ptr.slice(0, ptr.lastIndexOf('/')); }
function lastToken(ptr) { return ptr.slice(ptr.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~'); }
function escToken(s) { return String(s).replace(/~/g, '~0').replace(/\//g, '~1'); }

// Runs the host validator. Data goes through JSON (undefined properties
// disappear, Dates become strings).
function runNative(schema, data) {
  var dataJson = JSON.stringify(data === undefined ? null : data);
  return JSON.parse(N.validateSchema(JSON.stringify(schema), dataJson));
}

// Checks formats the host cannot (added with addFormat). `check(name,
// value)` returns an error message, or null when the value is fine.
function customFormatErrors(schema, data, formats, check) {
  var out = [];
  var root = schema;
  function visit(s, d, ip, sp, depth) {
    if (!isObj(s) || depth > 64) return;
    if (typeof s.$ref === 'string' && s.$ref[0] === '#') visit(pointerGet(root, s.$ref.slice(1)), d, ip, s.$ref.slice(1), depth + 1);
    if (typeof s.format === 'string' && Object.prototype.hasOwnProperty.call(formats, s.format) && d !== undefined) {
      var msg = check(s.format, d);
      if (msg !== null && msg !== undefined) out.push({ instancePath: ip, schemaPath: sp + '/format', keyword: 'format', message: String(msg), params: { format: s.format } });
    }
    if (Array.isArray(s.allOf)) s.allOf.forEach(function (sub, i) { visit(sub, d, ip, sp + '/allOf/' + i, depth + 1); });
    if (isObj(d) && !Array.isArray(d)) {
      var props = isObj(s.properties) ? s.properties : {};
      Object.keys(d).forEach(function (k) {
        if (Object.prototype.hasOwnProperty.call(props, k)) visit(props[k], d[k], ip + '/' + escToken(k), sp + '/properties/' + escToken(k), depth + 1);
        else if (isObj(s.additionalProperties)) visit(s.additionalProperties, d[k], ip + '/' + escToken(k), sp + '/additionalProperties', depth + 1);
      });
    }
    if (Array.isArray(d)) {
      d.forEach(function (item, i) {
        if (isObj(s.items)) visit(s.items, item, ip + '/' + i, sp + '/items', depth + 1);
        else if (Array.isArray(s.items) && i < s.items.length) visit(s.items[i], item, ip + '/' + i, sp + '/items/' + i, depth + 1);
      });
    }
  }
  visit(schema, data, '', '', 0);
  return out;
}

var schemaTools = {
  prepareSchema: prepareSchema,
  pointerGet: pointerGet,
  parentPointer: parentPointer,
  lastToken: lastToken,
  escToken: escToken,
  runNative: runNative,
  customFormatErrors: customFormatErrors,
  normUri: normUri
};

// ---------------------------------------------------------------- tv4

var ErrorCodes = {
  INVALID_TYPE: 0, ENUM_MISMATCH: 1, ANY_OF_MISSING: 10, ONE_OF_MISSING: 11, ONE_OF_MULTIPLE: 12, NOT_PASSED: 13,
  NUMBER_MULTIPLE_OF: 100, NUMBER_MINIMUM: 101, NUMBER_MINIMUM_EXCLUSIVE: 102, NUMBER_MAXIMUM: 103,
  NUMBER_MAXIMUM_EXCLUSIVE: 104, NUMBER_NOT_A_NUMBER: 105,
  STRING_LENGTH_SHORT: 200, STRING_LENGTH_LONG: 201, STRING_PATTERN: 202,
  OBJECT_PROPERTIES_MINIMUM: 300, OBJECT_PROPERTIES_MAXIMUM: 301, OBJECT_REQUIRED: 302,
  OBJECT_ADDITIONAL_PROPERTIES: 303, OBJECT_DEPENDENCY_KEY: 304,
  ARRAY_LENGTH_SHORT: 400, ARRAY_LENGTH_LONG: 401, ARRAY_UNIQUE: 402, ARRAY_ADDITIONAL_ITEMS: 403,
  FORMAT_CUSTOM: 500, KEYWORD_CUSTOM: 501, CIRCULAR_REFERENCE: 600, UNKNOWN_PROPERTY: 1000
};

var MESSAGES = {
  0: 'Invalid type: {type} (expected {expected})',
  1: 'No enum match for: {value}',
  10: 'Data does not match any schemas from "anyOf"',
  11: 'Data does not match any schemas from "oneOf"',
  12: 'Data is valid against more than one schema from "oneOf": indices {index1} and {index2}',
  13: 'Data matches schema from "not"',
  100: 'Value {value} is not a multiple of {multipleOf}',
  101: 'Value {value} is less than minimum {minimum}',
  102: 'Value {value} is equal to exclusive minimum {minimum}',
  103: 'Value {value} is greater than maximum {maximum}',
  104: 'Value {value} is equal to exclusive maximum {maximum}',
  105: 'Value {value} is not a valid number',
  200: 'String is too short ({length} chars), minimum {minimum}',
  201: 'String is too long ({length} chars), maximum {maximum}',
  202: 'String does not match pattern: {pattern}',
  300: 'Too few properties defined ({propertyCount}), minimum {minimum}',
  301: 'Too many properties defined ({propertyCount}), maximum {maximum}',
  302: 'Missing required property: {key}',
  303: 'Additional properties not allowed',
  304: 'Dependency failed - key must exist: {missing} (due to key: {key})',
  400: 'Array is too short ({length}), minimum {minimum}',
  401: 'Array is too long ({length}), maximum {maximum}',
  402: 'Array items are not unique (indices {match1} and {match2})',
  403: 'Additional items not allowed',
  500: 'Format validation failed ({message})',
  501: 'Keyword failed: {key} ({message})',
  600: 'Circular $refs: {urls}',
  1000: 'Unknown property (not in schema)'
};

function render(template, params) {
  return template.replace(/\{([^{}]*)\}/g, function (m, k) {
    var v = params[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : m;
  });
}

function ValidationError(code, params, dataPath, schemaPath, message) {
  var e = new Error(message !== undefined ? message : render(MESSAGES[code] || 'Unknown error', params));
  e.name = 'ValidationError';
  e.params = params;
  e.code = code;
  e.dataPath = dataPath || '';
  e.schemaPath = schemaPath || '';
  e.subErrors = null;
  return e;
}

function tv4Type(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function toTv4Error(e, data, schema) {
  var value = pointerGet(data, e.instancePath);
  var kwValue = pointerGet(schema, e.schemaPath);
  var parent = pointerGet(schema, parentPointer(e.schemaPath)) || {};
  var p = e.params || {};
  var dp = e.instancePath;
  var sp = e.schemaPath;
  switch (e.keyword) {
    case 'type': {
      var expected = Array.isArray(parent.type) ? parent.type.join('/') : String(parent.type !== undefined ? parent.type : p.type);
      return ValidationError(0, { type: tv4Type(value), expected: expected }, dp, sp);
    }
    case 'enum':
    case 'const':
      return ValidationError(1, { value: JSON.stringify(value) }, dp, sp);
    case 'anyOf': return ValidationError(10, {}, dp, sp);
    case 'oneOf':
      if (Array.isArray(p.passingSchemas)) return ValidationError(12, { index1: p.passingSchemas[0], index2: p.passingSchemas[1] }, dp, sp);
      return ValidationError(11, {}, dp, sp);
    case 'not': return ValidationError(13, {}, dp, sp);
    case 'multipleOf': return ValidationError(100, { value: value, multipleOf: p.multipleOf }, dp, sp);
    case 'minimum': return ValidationError(101, { value: value, minimum: p.limit }, dp, sp);
    case 'exclusiveMinimum':
      return value === p.limit ? ValidationError(102, { value: value, minimum: p.limit }, dp, sp) : ValidationError(101, { value: value, minimum: p.limit }, dp, sp);
    case 'maximum': return ValidationError(103, { value: value, maximum: p.limit }, dp, sp);
    case 'exclusiveMaximum':
      return value === p.limit ? ValidationError(104, { value: value, maximum: p.limit }, dp, sp) : ValidationError(103, { value: value, maximum: p.limit }, dp, sp);
    case 'minLength': return ValidationError(200, { length: String(value).length, minimum: p.limit }, dp, sp);
    case 'maxLength': return ValidationError(201, { length: String(value).length, maximum: p.limit }, dp, sp);
    case 'pattern': return ValidationError(202, { pattern: p.pattern }, dp, sp);
    case 'minProperties': return ValidationError(300, { propertyCount: Object.keys(value || {}).length, minimum: p.limit }, dp, sp);
    case 'maxProperties': return ValidationError(301, { propertyCount: Object.keys(value || {}).length, maximum: p.limit }, dp, sp);
    case 'required': {
      if (/\/dependencies$/.test(sp)) {
        var deps = kwValue || {};
        var trigger = Object.keys(deps).filter(function (k) {
          return Array.isArray(deps[k]) && deps[k].indexOf(p.missingProperty) >= 0 && value && Object.prototype.hasOwnProperty.call(value, k);
        })[0];
        return ValidationError(304, { key: trigger, missing: p.missingProperty }, dp, sp + (trigger !== undefined ? '/' + escToken(trigger) : ''));
      }
      var idx = Array.isArray(kwValue) ? kwValue.indexOf(p.missingProperty) : -1;
      return ValidationError(302, { key: p.missingProperty }, dp, idx >= 0 ? sp + '/' + idx : sp);
    }
    case 'additionalProperties':
      return ValidationError(303, { key: p.additionalProperty }, dp + '/' + escToken(p.additionalProperty), sp);
    case 'minItems': return ValidationError(400, { length: (value || []).length, minimum: p.limit }, dp, sp);
    case 'maxItems': return ValidationError(401, { length: (value || []).length, maximum: p.limit }, dp, sp);
    case 'uniqueItems': return ValidationError(402, { match1: p.j, match2: p.i }, dp, sp);
    case 'additionalItems': return ValidationError(403, {}, dp, sp);
    case 'format': return ValidationError(500, { format: p.format, message: e.message }, dp, sp);
  }
  return ValidationError(501, { key: e.keyword, message: e.message }, dp, sp);
}

function createApi() {
  var registry = {};
  var formats = {};
  var api = {
    error: null,
    missing: [],
    errorCodes: ErrorCodes,
    ValidationError: ValidationError
  };

  function resolveSchema(schema) {
    if (typeof schema === 'string') {
      var parts = splitUri(schema);
      var doc = registry[normUri(parts[0])];
      if (doc === undefined) return undefined;
      return parts[1] ? pointerGet(doc, parts[1]) : doc;
    }
    return schema;
  }

  function run(data, schema, multiple) {
    var s = resolveSchema(schema);
    if (s === undefined) {
      var miss = typeof schema === 'string' ? [normUri(schema)] : [];
      return { errors: [], missing: miss };
    }
    var prep = prepareSchema(s, registry, { defaultDraft: DRAFT4, dropFormat: function () { return true; } });
    var raw = runNative(prep.schema, data);
    var errors = raw.map(function (e) { return toTv4Error(e, data, prep.schema); });
    var fnames = Object.keys(formats);
    if (fnames.length) {
      var fmtSchema = prepareSchema(s, registry, {}).schema;
      customFormatErrors(fmtSchema, data, formats, function (name, value) {
        var r = formats[name](value, fmtSchema);
        return r === null || r === undefined || r === true ? null : typeof r === 'string' ? r : 'invalid';
      }).forEach(function (fe) {
        errors.push(ValidationError(500, { message: fe.message }, fe.instancePath, fe.schemaPath));
      });
    }
    if (!multiple) errors = errors.slice(0, 1);
    return { errors: errors, missing: prep.missing };
  }

  api.validate = function (data, schema) {
    var r = run(data, schema, false);
    api.missing = r.missing;
    api.error = r.errors.length ? r.errors[0] : null;
    return r.errors.length === 0;
  };
  api.validateResult = function (data, schema) {
    var r = run(data, schema, false);
    api.missing = r.missing;
    api.error = r.errors.length ? r.errors[0] : null;
    return { valid: r.errors.length === 0, error: api.error, missing: r.missing };
  };
  api.validateMultiple = function (data, schema) {
    var r = run(data, schema, true);
    return { valid: r.errors.length === 0, errors: r.errors, missing: r.missing };
  };
  api.addSchema = function (uri, schema) {
    if (typeof uri !== 'string') {
      schema = uri;
      uri = schema && (schema.id || schema.$id);
      if (typeof uri !== 'string') return false;
    }
    registry[normUri(uri)] = schema;
    return true;
  };
  api.getSchema = function (uri) { return resolveSchema(uri); };
  api.getSchemaMap = function () {
    var out = {};
    Object.keys(registry).forEach(function (k) { out[k] = registry[k]; });
    return out;
  };
  api.getSchemaUris = function (filter) {
    return Object.keys(registry).filter(function (k) { return !filter || filter.test(k); });
  };
  api.getMissingUris = function (filter) {
    return api.missing.filter(function (k) { return !filter || filter.test(k); });
  };
  api.dropSchemas = function () { registry = {}; };
  api.reset = function () {
    registry = {};
    formats = {};
    api.error = null;
    api.missing = [];
  };
  api.addFormat = function (name, fn) {
    if (typeof name === 'object') Object.keys(name).forEach(function (k) { formats[k] = name[k]; });
    else formats[name] = fn;
  };
  api.defineKeyword = function () {};
  api.defineError = function (codeName, code, message) {
    ErrorCodes[codeName] = code;
    MESSAGES[code] = message;
  };
  api.setErrorReporter = function () {};
  api.language = function () { return 'en'; };
  api.addLanguage = function () {};
  api.normSchema = function (schema) { return schema; };
  api.resolveUrl = resolveUri;
  api.freshApi = function () { return createApi(); };
  Object.defineProperty(api, '__schemaTools', { value: schemaTools, enumerable: false });
  return api;
}

module.exports = createApi();
