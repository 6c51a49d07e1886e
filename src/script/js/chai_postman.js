'use strict';
/*
 * Postman's response/request assertions for the sandbox's chai
 * (`pm.response.to.have.status(200)`, `.to.be.ok`, `.to.have.header(...)` ...),
 * with the same wording as Postman's chai-postman plugin.
 *
 * Usage: require('chai_postman')(chai) or chai.use(require('chai_postman')).
 *
 * Objects are recognised by their `__postie_type` ('response' or 'request'):
 *   response: { code, status, headers, responseTime, responseSize, text(), json() }
 *   request:  { method, url, headers, body }
 *   headers:  { get(name), has(name[, value]), toObject(), all(), each(fn) }
 * JSON schema checks call __postie_validate_schema(schema, data) (a parameter of
 * the sandbox's module wrapper),
 * which returns an array of { instancePath, message } (empty when valid).
 */

// Status classes by name: `pm.response.to.be.success` means 2XX.
var STATUS_CLASSES = { info: 1, success: 2, redirection: 3, clientError: 4, serverError: 5 };

// Named statuses: the reason phrase (compared case-insensitively) and the code.
var NAMED_STATUSES = {
  accepted: { code: 202, reason: 'Accepted' },
  withoutContent: { code: 204, reason: 'No Content' },
  badRequest: { code: 400, reason: 'Bad Request' },
  unauthorised: { code: 401, reason: 'Unauthorised' },
  unauthorized: { code: 401, reason: 'Unauthorized' },
  forbidden: { code: 403, reason: 'Forbidden' },
  notFound: { code: 404, reason: 'Not Found' },
  notAcceptable: { code: 406, reason: 'Not Acceptable' },
  rateLimited: { code: 429, reason: 'Too Many Requests' }
};

// Standard reason phrases, used when a response carries none (e.g. HTTP/2).
var REASON_PHRASES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
  413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: "I'm a teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity',
  423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
  428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required'
};

function postieType(obj) {
  return obj !== null && obj !== undefined && (obj.__postie_type === 'response' || obj.__postie_type === 'request')
    ? obj.__postie_type
    : undefined;
}

function isResponse(obj) {
  return postieType(obj) === 'response';
}

function isRequest(obj) {
  return postieType(obj) === 'request';
}

/** The response's reason phrase, falling back to the standard one for its code. */
function reasonOf(response) {
  var reason = typeof response.reason === 'function' ? response.reason() : response.status;
  // An empty response (the one a test script sees after a request error) has
  // no reason at all: newman's message then says 'UNDEFINED'.
  if ((reason === undefined || reason === null || reason === '') && response.code !== undefined) {
    reason = REASON_PHRASES[response.code] || '';
  }
  return reason;
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Object.prototype.toString.call(value) !== '[object Object]') {
    return false;
  }
  var proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function isNumber(value) {
  return typeof value === 'number' || Object.prototype.toString.call(value) === '[object Number]';
}

/*
 * Property paths as lodash reads them: 'a.b[0].c', "a['x.y']", 'a["k"]'.
 * A path that is itself a key of the object (or has no '.' or '[') is one key.
 */
function pathSegments(path, object) {
  if (typeof path !== 'string') return [path];
  if (!/[.[]/.test(path)) return [path];
  if (object !== null && object !== undefined && path in Object(object)) return [path];
  var segments = [];
  var current = '';
  var open = true; // a segment is in progress (possibly still empty)
  var i = 0;
  while (i < path.length) {
    var ch = path.charAt(i);
    if (ch === '.') {
      if (open) segments.push(current);
      current = '';
      open = true;
      i++;
    } else if (ch === '[') {
      if (current) segments.push(current);
      current = '';
      var quote = path.charAt(i + 1);
      var close;
      if (quote === '"' || quote === "'") {
        var j = i + 2;
        var text = '';
        while (j < path.length && path.charAt(j) !== quote) {
          if (path.charAt(j) === '\\' && j + 1 < path.length) j++;
          text += path.charAt(j);
          j++;
        }
        segments.push(text);
        close = path.indexOf(']', j);
      } else {
        close = path.indexOf(']', i);
        segments.push(path.slice(i + 1, close === -1 ? path.length : close));
      }
      open = false;
      i = close === -1 ? path.length : close + 1;
    } else {
      current += ch;
      open = true;
      i++;
    }
  }
  if (open) segments.push(current);
  return segments;
}

function hasPath(object, path) {
  var segments = pathSegments(path, object);
  if (!segments.length) return false;
  for (var i = 0; i < segments.length; i++) {
    if (object === null || object === undefined || !Object.prototype.hasOwnProperty.call(object, segments[i])) {
      return false;
    }
    object = object[segments[i]];
  }
  return true;
}

function getPath(object, path) {
  var segments = pathSegments(path, object);
  for (var i = 0; i < segments.length; i++) {
    if (object === null || object === undefined) return undefined;
    object = object[segments[i]];
  }
  return segments.length ? object : undefined;
}

/** How a JSON parse failure is reported: first line of a JSONError, else "Name: message". */
function describeJsonError(e) {
  if (e && e.name === 'JSONError' && e.message) return e.message.replace(/(.*?)\n.*/g, '$1');
  return (e && e.name) + ': ' + (e && e.message);
}

/** Why the body is not valid JSON, or '' when it parses. */
function jsonParseProblem(target) {
  try {
    target.json();
  } catch (e) {
    return describeJsonError(e);
  }
  return '';
}

/** ajv's errorsText(): "data/path message, data/other message". */
function schemaErrorsText(errors) {
  if (!errors || !errors.length) return 'No errors';
  return errors.map(function (error) {
    // Ajv 6 paths (`.id`) as Postman shows them; Ajv 8 style (`/id`) when that is all there is.
    var at = error.dataPath !== undefined ? error.dataPath : (error.instancePath || '');
    return 'data' + at + ' ' + error.message;
  }).join(', ');
}

module.exports = function install(chai) {
  var Assertion = chai.Assertion;
  var flag = chai.util.flag;
  var deepEqual = chai.util.eql;

  // These checks pass for every real response; the chai chains (several
  // assertions each, through proxies) run only to word the failure, which
  // made them most of the cost of `pm.response.to.have.status(200)`.
  function mustBeResponse(obj) {
    if (isResponse(obj)) return;
    new Assertion(obj).to.be.postmanResponse; // eslint-disable-line no-unused-expressions
  }

  function mustHaveNumericCode(obj) {
    if (isResponse(obj) && typeof obj.code === 'number' && 'code' in Object(obj)) return;
    mustBeResponse(obj);
    new Assertion(obj).to.have.property('code');
    new Assertion(obj.code).to.be.a('number');
  }

  function assertReasonAndCode(assertion, response, wanted) {
    var wantedReason = wanted.reason.toUpperCase();
    var actualReason = String(reasonOf(response)).toUpperCase();
    var actualCode = Number(response.code);
    assertion.assert(actualReason === wantedReason,
      'expected response to have status reason #{exp} but got #{act}',
      'expected response to not have status reason #{act}',
      wantedReason, actualReason);
    assertion.assert(actualCode === wanted.code,
      'expected response to have status code #{exp} but got #{act}',
      'expected response to not have status code #{act}',
      wanted.code, actualCode);
  }

  function assertStatusCode(assertion, response, code) {
    assertion.assert(response.code === Number(code),
      'expected response to have status code #{exp} but got #{act}',
      'expected response to not have status code #{act}',
      Number(code), response.code);
  }

  function assertStatusReason(assertion, response, reason) {
    var actual = reasonOf(response);
    assertion.assert(actual === reason,
      'expected response to have status reason #{exp} but got #{act}',
      'expected response to not have status reason #{act}',
      reason, actual);
  }

  // --- what is being tested --------------------------------------------------
  Assertion.addProperty('postmanRequest', function () {
    this.assert(isRequest(this._obj), 'expecting a postman request object but got #{this}',
      'not expecting a postman request object');
  });
  Assertion.addProperty('postmanResponse', function () {
    this.assert(isResponse(this._obj), 'expecting a postman response object but got #{this}',
      'not expecting a postman response object');
  });
  Assertion.addProperty('postmanRequestOrResponse', function () {
    this.assert(isResponse(this._obj) || isRequest(this._obj),
      'expecting a postman request or response object but got #{this}',
      'not expecting a postman request or response object');
  });

  // --- status ------------------------------------------------------------------
  function assertStatusClass(assertion, classCode) {
    var response = assertion._obj;
    mustHaveNumericCode(response);
    assertion.assert(Math.floor(response.code / 100) === classCode,
      'expected response code to be #{exp}XX but found #{act}',
      'expected response code to not be #{exp}XX',
      classCode, response.code);
  }

  Assertion.addMethod('statusCodeClass', function (classCode) {
    assertStatusClass(this, classCode);
  });

  Object.keys(STATUS_CLASSES).forEach(function (name) {
    Assertion.addProperty(name, function () {
      assertStatusClass(this, STATUS_CLASSES[name]);
    });
  });

  Assertion.addProperty('error', function () {
    var response = this._obj;
    mustHaveNumericCode(response);
    var statusClass = Math.floor(response.code / 100);
    this.assert(statusClass === 4 || statusClass === 5,
      'expected response code to be 4XX or 5XX but found #{act}',
      'expected response code to not be 4XX or 5XX',
      null, response.code);
  });

  Assertion.addMethod('statusCode', function (code) {
    mustHaveNumericCode(this._obj);
    assertStatusCode(this, this._obj, code);
  });

  Assertion.addMethod('statusReason', function (reason) {
    mustBeResponse(this._obj);
    assertStatusReason(this, this._obj, String(reason));
  });

  Object.keys(NAMED_STATUSES).forEach(function (name) {
    Assertion.addProperty(name, function () {
      mustBeResponse(this._obj);
      assertReasonAndCode(this, this._obj, NAMED_STATUSES[name]);
    });
  });

  // `ok` keeps its usual meaning (truthy) for anything but a response.
  Assertion.addProperty('ok', function () {
    if (!isResponse(this._obj)) {
      this.assert(flag(this, 'object'), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
      return;
    }
    assertReasonAndCode(this, this._obj, { code: 200, reason: 'OK' });
  });

  Assertion.addMethod('status', function (codeOrReason) {
    mustBeResponse(this._obj);
    if (isNumber(codeOrReason)) {
      mustHaveNumericCode(this._obj);
      assertStatusCode(this, this._obj, codeOrReason);
    } else {
      assertStatusReason(this, this._obj, codeOrReason);
    }
  });

  // --- headers -------------------------------------------------------------------
  Assertion.addMethod('header', function (key, value) {
    var target = this._obj;
    new Assertion(target).to.be.postmanRequestOrResponse; // eslint-disable-line no-unused-expressions
    new Assertion(target).to.have.property('headers');
    var kind = postieType(target);
    var present = Boolean(target.headers.has(key));
    this.assert(present,
      'expected ' + kind + ' to have header with key \'' + String(key) + '\'',
      'expected ' + kind + ' to not have header with key \'' + String(key) + '\'',
      true, present);
    if (arguments.length < 2) return;
    var actual = target.headers.get(key);
    this.assert(actual === value,
      'expected \'' + String(key) + '\' ' + kind + ' header to be #{exp} but got #{act}',
      'expected \'' + String(key) + '\' ' + kind + ' header to not be #{act}',
      value, actual);
  });

  // --- body ------------------------------------------------------------------------
  function assertHasBody(assertion, text) {
    assertion.assert(typeof text === 'string' && text.length,
      'expected response to have content in body',
      'expected response to not have content in body');
  }

  function mustHaveFunction(obj, name) {
    new Assertion(obj).to.have.property(name);
    new Assertion(obj[name]).to.be.a('function');
  }

  Assertion.addProperty('withBody', function () {
    mustBeResponse(this._obj);
    mustHaveFunction(this._obj, 'text');
    assertHasBody(this, this._obj.text());
  });

  Assertion.addProperty('json', function () {
    mustBeResponse(this._obj);
    mustHaveFunction(this._obj, 'json');
    var problem = jsonParseProblem(this._obj);
    this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
      'expected response body not to be a valid json');
  });

  Assertion.addMethod('body', function (content) {
    var response = this._obj;
    mustBeResponse(response);
    if (isPlainObject(content)) {
      mustHaveFunction(response, 'json');
      var parsed;
      try {
        parsed = response.json();
      } catch (e) {
        parsed = undefined;
      }
      this.assert(deepEqual(parsed, content),
        'expected response body json to equal #{exp} but got #{act}',
        'expected response body json to not equal #{exp} but got #{act}',
        content, parsed);
      return;
    }
    mustHaveFunction(response, 'text');
    var text = response.text();
    if (arguments.length === 0) {
      assertHasBody(this, text);
      return;
    }
    if (content instanceof RegExp) {
      this.assert(content.exec(text) !== null,
        'expected response body text to match #{exp} but got #{act}',
        'expected response body text #{act} to not match #{exp}',
        content, text);
      return;
    }
    this.assert(deepEqual(text, content),
      'expected response body to equal #{exp} but got #{act}',
      'expected response body to not equal #{exp}',
      content, text);
  });

  Assertion.addMethod('jsonBody', function (path, value) {
    var response = this._obj;
    mustBeResponse(response);
    mustHaveFunction(response, 'json');
    var body;
    var problem = '';
    try {
      body = response.json();
    } catch (e) {
      problem = describeJsonError(e);
    }
    if (arguments.length === 0) {
      this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
        'expected response body not to be a valid json');
      return;
    }
    if (typeof path !== 'string') return;
    this.assert(hasPath(body, path),
      'expected #{act} in response to contain property #{exp}',
      'expected #{act} in response to not contain property #{exp}',
      path, body);
    if (arguments.length > 1) {
      var found = getPath(body, path);
      this.assert(deepEqual(found, value),
        'expected response body json at "' + path + '" to contain #{exp} but got #{act}',
        'expected response body json at "' + path + '" to not contain #{exp} but got #{act}',
        value, found);
    }
  });

  // --- timing and size: `.responseTime(120)` or `.responseTime.below(200)` --------
  Assertion.addChainableMethod('responseTime', function (value) {
    var time = flag(this, 'number');
    this.assert(isNumber(time),
      'expected response to have a valid response time but got #{act}',
      'expected response to not have a valid response time but got #{act}', null, time);
    if (arguments.length) {
      this.assert(deepEqual(time, value),
        'expected response to have a valid response time but got #{act}',
        'expected response to not have a valid response time but got #{act}', null, time);
    }
  }, function () {
    mustBeResponse(this._obj);
    new Assertion(this._obj).to.have.property('responseTime');
    flag(this, 'number', this._obj.responseTime);
    this._obj = this._obj.responseTime;
  });

  Assertion.addChainableMethod('responseSize', function (value) {
    var size = flag(this, 'number');
    this.assert(isNumber(size),
      'expected response to have a valid response size but got #{act}',
      'expected response to not have a valid response size but got #{act}', null, size);
    // The swapped #{act}/#{exp} is how Postman words it.
    if (arguments.length) {
      this.assert(deepEqual(size, value),
        'expected response size to equal #{act} but got #{exp}',
        'expected response size to not equal #{act} but got #{exp}', value, size);
    }
  }, function () {
    var response = this._obj;
    mustBeResponse(response);
    var total;
    if (typeof response.size === 'function') {
      var parts = response.size();
      total = (parts.header || 0) + (parts.body || 0);
    } else {
      new Assertion(response).to.have.property('responseSize');
      total = response.responseSize;
    }
    flag(this, 'number', total);
    this._obj = total;
  });

  // --- JSON schema -------------------------------------------------------------------
  Assertion.addMethod('jsonSchema', function (schema, options) {
    new Assertion(schema).to.be.an('object');
    var target = this._obj;
    var data = isResponse(target) || (isRequest(target) && typeof target.json === 'function')
      ? target.json()
      : target;
    var validate = typeof __postie_validate_schema === 'function' ? __postie_validate_schema : undefined;
    if (typeof validate !== 'function') throw new Error('JSON schema validation is not available');
    // chai-postman validates with every error reported unless told otherwise.
    var errors = validate(schema, data, Object.assign({ allErrors: true }, options)) || [];
    var valid = errors.length === 0;
    this.assert(valid,
      'expected data to satisfy schema but found following errors: \n' + schemaErrorsText(errors),
      'expected data to not satisfy schema', true, valid);
  });
};
