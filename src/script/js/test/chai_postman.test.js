'use strict';
// Tests for Postman's assertions (src/script/js/chai_postman.js) on the sandbox chai.
// Run: node src/script/js/test/chai_postman.test.js
// Expected messages are those of Postman's chai-postman 2.0 plugin, written out literally.

const chai = require('../chai.js');
const install = require('../chai_postman.js');
const { expect, AssertionError } = chai;

chai.use(install);

const { section, passes, fails, throwsError, eq, finish } = require('./harness.js')(AssertionError);

// --- objects shaped like the ones the engine passes ---------------------------

function headerList(pairs) {
  const match = (name) => (pair) => pair.key.toLowerCase() === String(name).toLowerCase();
  return {
    get(name) {
      const found = pairs.filter(match(name));
      return found.length ? found[found.length - 1].value : undefined;
    },
    has(name, value) {
      return pairs.some((pair) => match(name)(pair) && (value === undefined || pair.value === value));
    },
    toObject() {
      const out = {};
      pairs.forEach((pair) => { out[pair.key] = pair.value; });
      return out;
    },
    all() { return pairs.slice(); },
    each(fn) { pairs.forEach(fn); },
  };
}

/** A response: json() throws what JSON.parse throws, or `jsonError` when given. */
function res(spec) {
  const body = spec.body === undefined ? '' : spec.body;
  return {
    __postie_type: 'response',
    code: spec.code,
    status: spec.status,
    headers: headerList(spec.headers || []),
    cookies: [],
    responseTime: spec.time || 0,
    responseSize: spec.size || 0,
    text() { return body; },
    json() {
      if (spec.jsonError) throw spec.jsonError;
      return JSON.parse(body);
    },
  };
}

function jsonError(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

const SIZE_OK = 121;
const ok = res({ code: 200, status: 'OK', headers: [{ key: 'Content-Type', value: 'application/json' }, { key: 'X-Id', value: 'abc' }],
  body: '{"a":{"b":[1,{"c":2}]},"name":"x","list":[1,2,3],"k.dot":5}', time: 120, size: SIZE_OK });
const notFound = res({ code: 404, status: 'Not Found', headers: [{ key: 'Content-Type', value: 'text/html' }], body: '<html>nope</html>', time: 350,
  jsonError: jsonError('JSONError', "Unexpected token '<' at 1:1\n<html>nope</html>\n^") });
const created = res({ code: 201, status: 'Created', body: '', time: 5, jsonError: jsonError('SyntaxError', 'Unexpected end of JSON input') });
const serverError = res({ code: 500, status: 'Internal Server Error', body: '{"error":"boom"}', time: 1000 });
const redirect = res({ code: 302, status: 'Found', headers: [{ key: 'Location', value: '/x' }], time: 10 });
const info = res({ code: 101, status: 'Switching Protocols', time: 1 });
const req = {
  __postie_type: 'request',
  method: 'POST',
  url: { toString() { return 'https://api.test/items'; } },
  headers: headerList([{ key: 'Accept', value: '*/*' }]),
  body: undefined,
};

section("status");
passes(() => expect(ok).to.have.status(200));
fails(() => expect(notFound).to.have.status(200),
  "expected response to have status code 200 but got 404");
fails(() => expect(ok).to.not.have.status(200),
  "expected response to not have status code 200");
passes(() => expect(notFound).to.not.have.status(200));
passes(() => expect(ok).to.have.status('OK'));
fails(() => expect(notFound).to.have.status('OK'),
  "expected response to have status reason 'OK' but got 'Not Found'");
fails(() => expect(ok).to.not.have.status('OK'),
  "expected response to not have status reason 'OK'");
passes(() => expect(created).to.have.status('Created'));
passes(() => expect(notFound).to.have.statusCode(404));
fails(() => expect(ok).to.have.statusCode(404),
  "expected response to have status code 404 but got 200");
fails(() => expect(notFound).to.not.have.statusCode(404),
  "expected response to not have status code 404");
passes(() => expect(ok).to.have.statusCode('200'));
passes(() => expect(notFound).to.have.statusReason('Not Found'));
fails(() => expect(ok).to.have.statusReason('Not Found'),
  "expected response to have status reason 'Not Found' but got 'OK'");
fails(() => expect(ok).to.not.have.statusReason('OK'),
  "expected response to not have status reason 'OK'");
passes(() => expect(ok).to.not.have.statusReason('Nope'));
passes(() => expect(ok).to.have.status(200).and.have.header('X-Id'));

section("status classes");
passes(() => expect(ok).to.have.statusCodeClass(2));
fails(() => expect(notFound).to.have.statusCodeClass(2),
  "expected response code to be 2XX but found 404");
fails(() => expect(ok).to.not.have.statusCodeClass(2),
  "expected response code to not be 2XX");
passes(() => expect(notFound).to.not.have.statusCodeClass(2));
passes(() => expect(info).to.be.info);
fails(() => expect(ok).to.be.info,
  "expected response code to be 1XX but found 200");
fails(() => expect(info).to.not.be.info,
  "expected response code to not be 1XX");
passes(() => expect(ok).to.be.success);
fails(() => expect(notFound).to.be.success,
  "expected response code to be 2XX but found 404");
fails(() => expect(ok).to.not.be.success,
  "expected response code to not be 2XX");
passes(() => expect(notFound).to.not.be.success);
passes(() => expect(redirect).to.be.redirection);
fails(() => expect(ok).to.be.redirection,
  "expected response code to be 3XX but found 200");
fails(() => expect(redirect).to.not.be.redirection,
  "expected response code to not be 3XX");
passes(() => expect(notFound).to.be.clientError);
fails(() => expect(serverError).to.be.clientError,
  "expected response code to be 4XX but found 500");
fails(() => expect(notFound).to.not.be.clientError,
  "expected response code to not be 4XX");
passes(() => expect(serverError).to.be.serverError);
fails(() => expect(notFound).to.be.serverError,
  "expected response code to be 5XX but found 404");
fails(() => expect(serverError).to.not.be.serverError,
  "expected response code to not be 5XX");
passes(() => expect(notFound).to.be.error);
passes(() => expect(serverError).to.be.error);
fails(() => expect(ok).to.be.error,
  "expected response code to be 4XX or 5XX but found 200");
fails(() => expect(serverError).to.not.be.error,
  "expected response code to not be 4XX or 5XX");
passes(() => expect(ok).to.not.be.error);

section("named statuses");
passes(() => expect(ok).to.be.ok);
fails(() => expect(notFound).to.be.ok,
  "expected response to have status reason 'OK' but got 'NOT FOUND'");
fails(() => expect(ok).to.not.be.ok,
  "expected response to not have status reason 'OK'");
passes(() => expect(notFound).to.not.be.ok);
fails(() => expect(res({ code: 200, status: 'Fine' })).to.be.ok,
  "expected response to have status reason 'OK' but got 'FINE'");
passes(() => expect(1).to.be.ok);
fails(() => expect(0).to.be.ok,
  "expected +0 to be truthy");
fails(() => expect(1).to.not.be.ok,
  "expected 1 to be falsy");
passes(() => expect(res({ code: 202, status: 'Accepted' })).to.be.accepted);
fails(() => expect(ok).to.be.accepted,
  "expected response to have status reason 'ACCEPTED' but got 'OK'");
fails(() => expect(res({ code: 202, status: 'Accepted' })).to.not.be.accepted,
  "expected response to not have status reason 'ACCEPTED'");
passes(() => expect(res({ code: 204, status: 'No Content' })).to.be.withoutContent);
fails(() => expect(ok).to.be.withoutContent,
  "expected response to have status reason 'NO CONTENT' but got 'OK'");
passes(() => expect(res({ code: 400, status: 'Bad Request' })).to.be.badRequest);
fails(() => expect(notFound).to.be.badRequest,
  "expected response to have status reason 'BAD REQUEST' but got 'NOT FOUND'");
passes(() => expect(res({ code: 401, status: 'Unauthorized' })).to.be.unauthorized);
fails(() => expect(ok).to.be.unauthorized,
  "expected response to have status reason 'UNAUTHORIZED' but got 'OK'");
passes(() => expect(res({ code: 401, status: 'Unauthorised' })).to.be.unauthorised);
passes(() => expect(res({ code: 403, status: 'Forbidden' })).to.be.forbidden);
fails(() => expect(ok).to.be.forbidden,
  "expected response to have status reason 'FORBIDDEN' but got 'OK'");
passes(() => expect(notFound).to.be.notFound);
fails(() => expect(ok).to.be.notFound,
  "expected response to have status reason 'NOT FOUND' but got 'OK'");
fails(() => expect(notFound).to.not.be.notFound,
  "expected response to not have status reason 'NOT FOUND'");
passes(() => expect(ok).to.not.be.notFound);
passes(() => expect(res({ code: 404, status: 'not found' })).to.be.notFound);
passes(() => expect(res({ code: 429, status: 'Too Many Requests' })).to.be.rateLimited);
fails(() => expect(ok).to.be.rateLimited,
  "expected response to have status reason 'TOO MANY REQUESTS' but got 'OK'");
fails(() => expect(res({ code: 500, status: 'Too Many Requests' })).to.be.rateLimited,
  "expected response to have status code 429 but got 500");

section("headers");
passes(() => expect(ok).to.have.header('Content-Type'));
passes(() => expect(ok).to.have.header('content-type'));
fails(() => expect(ok).to.not.have.header('Content-Type'),
  "expected response to not have header with key 'Content-Type'");
fails(() => expect(ok).to.have.header('X-Missing'),
  "expected response to have header with key 'X-Missing'");
passes(() => expect(ok).to.not.have.header('X-Missing'));
passes(() => expect(ok).to.have.header('Content-Type', 'application/json'));
fails(() => expect(ok).to.have.header('Content-Type', 'text/plain'),
  "expected 'Content-Type' response header to be 'text/plain' but got 'application/json'");
fails(() => expect(ok).to.not.have.header('Content-Type', 'application/json'),
  "expected response to not have header with key 'Content-Type'");
fails(() => expect(ok).to.not.have.header('Content-Type', 'text/plain'),
  "expected response to not have header with key 'Content-Type'");
fails(() => expect(ok).to.have.header('X-Missing', 'v'),
  "expected response to have header with key 'X-Missing'");
passes(() => expect(req).to.have.header('Accept'));
passes(() => expect(req).to.have.header('Accept', '*/*'));
fails(() => expect(req).to.have.header('Authorization'),
  "expected request to have header with key 'Authorization'");
fails(() => expect(req).to.not.have.header('Accept'),
  "expected request to not have header with key 'Accept'");
fails(() => expect(req).to.have.header('Accept', 'text/html'),
  "expected 'Accept' request header to be 'text/html' but got '*/*'");
passes(() => expect(ok).to.be.success.and.have.header('Content-Type', 'application/json'));

section("body");
passes(() => expect(ok).to.be.withBody);
fails(() => expect(created).to.be.withBody,
  "expected response to have content in body");
fails(() => expect(ok).to.not.be.withBody,
  "expected response to not have content in body");
passes(() => expect(created).to.not.be.withBody);
passes(() => expect(ok).to.have.body());
fails(() => expect(created).to.have.body(),
  "expected response to have content in body");
fails(() => expect(ok).to.not.have.body(),
  "expected response to not have content in body");
passes(() => expect(notFound).to.have.body('<html>nope</html>'));
fails(() => expect(notFound).to.have.body('other'),
  "expected response body to equal 'other' but got '<html>nope</html>'");
fails(() => expect(notFound).to.not.have.body('<html>nope</html>'),
  "expected response body to not equal '<html>nope</html>'");
passes(() => expect(notFound).to.not.have.body('other'));
passes(() => expect(notFound).to.have.body(/nope/));
fails(() => expect(notFound).to.have.body(/zzz/),
  "expected response body text to match /zzz/ but got '<html>nope</html>'");
fails(() => expect(notFound).to.not.have.body(/nope/),
  "expected response body text '<html>nope</html>' to not match /nope/");
passes(() => expect(notFound).to.not.have.body(/zzz/));
passes(() => expect(serverError).to.have.body({ error: 'boom' }));
fails(() => expect(serverError).to.have.body({ error: 'bam' }),
  "expected response body json to equal { error: 'bam' } but got { error: 'boom' }");
fails(() => expect(serverError).to.not.have.body({ error: 'boom' }),
  "expected response body json to not equal { error: 'boom' } but got { error: 'boom' }");
passes(() => expect(serverError).to.not.have.body({ error: 'bam' }));
fails(() => expect(notFound).to.have.body({ a: 1 }),
  "expected response body json to equal { a: 1 } but got undefined");
passes(() => expect(ok).to.be.json);
fails(() => expect(ok).to.not.be.json,
  "expected response body not to be a valid json");

section("jsonBody");
passes(() => expect(ok).to.have.jsonBody());
fails(() => expect(ok).to.not.have.jsonBody(),
  "expected response body not to be a valid json");
passes(() => expect(ok).to.have.jsonBody('a'));
fails(() => expect(ok).to.have.jsonBody('zz'),
  "expected { a: { b: [ 1, { c: 2 } ] }, \u2026(3) } in response to contain property 'zz'");
passes(() => expect(ok).to.have.jsonBody('a.b[1].c'));
passes(() => expect(ok).to.have.jsonBody('a.b[1].c', 2));
fails(() => expect(ok).to.have.jsonBody('a.b[1].c', 3),
  "expected response body json at \"a.b[1].c\" to contain 3 but got 2");
fails(() => expect(ok).to.have.jsonBody('a.b[5]'),
  "expected { a: { b: [ 1, { c: 2 } ] }, \u2026(3) } in response to contain property 'a.b[5]'");
fails(() => expect(ok).to.not.have.jsonBody('a'),
  "expected { a: { b: [ 1, { c: 2 } ] }, \u2026(3) } in response to not contain property 'a'");
passes(() => expect(ok).to.not.have.jsonBody('zz'));
fails(() => expect(ok).to.not.have.jsonBody('name', 'x'),
  "expected { a: { b: [ 1, { c: 2 } ] }, \u2026(3) } in response to not contain property 'name'");
fails(() => expect(ok).to.not.have.jsonBody('name', 'y'),
  "expected { a: { b: [ 1, { c: 2 } ] }, \u2026(3) } in response to not contain property 'name'");
passes(() => expect(ok).to.have.jsonBody('list', [1, 2, 3]));
fails(() => expect(ok).to.have.jsonBody('list', [1, 2]),
  "expected response body json at \"list\" to contain [ 1, 2 ] but got [ 1, 2, 3 ]");
passes(() => expect(ok).to.have.jsonBody('k.dot', 5));
passes(() => expect(ok).to.have.jsonBody('a["b"][0]', 1));
passes(() => expect(ok).to.have.jsonBody('list.length'));
passes(() => expect(ok).to.have.jsonBody('a.b.0', 1));
passes(() => expect(ok).to.have.jsonBody({}));
passes(() => expect(serverError).to.have.jsonBody('error', 'boom'));

section("responseTime / responseSize");
passes(() => expect(ok).to.have.responseTime(120));
fails(() => expect(ok).to.have.responseTime(121),
  "expected response to have a valid response time but got 120");
fails(() => expect(ok).to.not.have.responseTime(120),
  "expected response to not have a valid response time but got 120");
passes(() => expect(ok).to.have.responseTime);
passes(() => expect(ok).to.not.have.responseTime);
passes(() => expect(ok).to.have.responseTime.below(200));
fails(() => expect(notFound).to.have.responseTime.below(200),
  "expected 350 to be below 200");
fails(() => expect(ok).to.have.responseTime.above(200),
  "expected 120 to be above 200");
fails(() => expect(ok).to.have.responseTime.not.above(100),
  "expected 120 to be at most 100");
passes(() => expect(ok).to.have.responseTime.within(100, 130));
fails(() => expect(notFound).to.have.responseTime.within(100, 130),
  "expected 350 to be within 100..130");
fails(() => expect(ok).to.have.responseTime.that.is.below(10),
  "expected 120 to be below 10");
passes(() => expect(ok).to.have.responseSize);
passes(() => expect(ok).to.not.have.responseSize);
fails(() => expect(ok).to.have.responseSize.above(10000),
  "expected 121 to be above 10000");
fails(() => expect(ok).to.have.responseSize.below(10),
  "expected 121 to be below 10");
passes(() => expect(ok).to.have.responseSize.below(10000));
fails(() => expect(ok).to.have.responseSize(1),
  "expected response size to equal 121 but got 1");
passes(() => expect(ok).to.have.responseSize(SIZE_OK));
fails(() => expect(ok).to.not.have.responseSize(SIZE_OK),
  "expected response to not have a valid response size but got 121");

section("not a response");
fails(() => expect({}).to.have.status(200),
  "expecting a postman response object but got {}");
fails(() => expect(undefined).to.have.statusCode(200),
  "expecting a postman response object but got undefined");
fails(() => expect({}).to.be.success,
  "expecting a postman response object but got {}");
fails(() => expect({}).to.have.header('a'),
  "expecting a postman request or response object but got {}");
fails(() => expect({}).to.be.withBody,
  "expecting a postman response object but got {}");
fails(() => expect('x').to.have.responseTime.below(1),
  "expecting a postman response object but got 'x'");
fails(() => expect({}).to.be.postmanResponse,
  "expecting a postman response object but got {}");
passes(() => expect({}).to.not.be.postmanResponse);
fails(() => expect({}).to.be.postmanRequest,
  "expecting a postman request object but got {}");
fails(() => expect({}).to.be.postmanRequestOrResponse,
  "expecting a postman request or response object but got {}");
passes(() => expect(ok).to.be.postmanResponse);
passes(() => expect(ok).to.be.postmanRequestOrResponse);
passes(() => expect(req).to.be.postmanRequest);
passes(() => expect(req).to.be.postmanRequestOrResponse);
passes(() => expect(ok).to.not.be.postmanRequest);
fails(() => expect(ok).to.not.be.postmanResponse,
  "not expecting a postman response object");
fails(() => expect(req).to.not.be.postmanRequest,
  "not expecting a postman request object");
fails(() => expect(ok).to.not.be.postmanRequestOrResponse,
  "not expecting a postman request or response object");


section('how pm exposes it');
{
  const pm = { response: ok, expect: chai.expect };
  Object.defineProperty(pm.response, 'to', { get() { return chai.expect(this).to; }, configurable: true });
  passes(() => pm.response.to.have.status(200));
  passes(() => pm.response.to.be.ok);
  passes(() => pm.response.to.not.be.error);
  passes(() => pm.response.to.have.header('X-Id', 'abc'));
  passes(() => pm.response.to.be.json);
  passes(() => pm.response.to.have.jsonBody('a.b[1].c', 2));
  passes(() => pm.response.to.have.responseTime.below(200));
  passes(() => pm.expect(pm.response).to.have.status(200));
  passes(() => pm.expect(pm.response.code).to.be.oneOf([200, 201]));
  fails(() => pm.response.to.have.status(201), 'expected response to have status code 201 but got 200');
  fails(() => pm.expect(pm.response, 'status check').to.have.status(201), 'status check: expected response to have status code 201 but got 200');
  fails(() => pm.response.to.not.have.status(200), 'expected response to not have status code 200');
  passes(() => pm.response.to.have.status(200)); // negation does not stick to pm.response.to
  delete pm.response.to;
}

section('postman objects shown in messages');
fails(() => expect(ok).to.be.postmanRequest, "expecting a postman request object but got { __postie_type: 'response', \u2026(8) }");
fails(() => expect(req).to.be.postmanResponse, "expecting a postman response object but got { __postie_type: 'request', \u2026(4) }");
fails(() => expect(req).to.have.status(200), "expecting a postman response object but got { __postie_type: 'request', \u2026(4) }");
fails(() => expect(req).to.be.withBody, "expecting a postman response object but got { __postie_type: 'request', \u2026(4) }");

section('invalid JSON bodies');
fails(() => expect(notFound).to.be.json, "expected response body to be a valid json but got error Unexpected token '<' at 1:1");
fails(() => expect(notFound).to.have.jsonBody(), "expected response body to be a valid json but got error Unexpected token '<' at 1:1");
fails(() => expect(created).to.be.json, 'expected response body to be a valid json but got error SyntaxError: Unexpected end of JSON input');
fails(() => expect(created).to.have.jsonBody(), 'expected response body to be a valid json but got error SyntaxError: Unexpected end of JSON input');
passes(() => expect(notFound).to.not.be.json);
passes(() => expect(created).to.not.have.jsonBody());
fails(() => expect(notFound).to.have.jsonBody('a'), "expected undefined in response to contain property 'a'");
fails(() => expect(notFound).to.have.body({ a: 1 }), 'expected response body json to equal { a: 1 } but got undefined');
throwsError(() => expect(notFound).to.have.jsonSchema({ type: 'object' }), "Unexpected token '<' at 1:1\n<html>nope</html>\n^");

section('reason phrase fallback and notAcceptable');
passes(() => expect(res({ code: 200, status: '' })).to.be.ok);
passes(() => expect(res({ code: 404 })).to.have.status('Not Found'));
passes(() => expect(res({ code: 404 })).to.be.notFound);
fails(() => expect(res({ code: 200, status: '' })).to.have.statusReason('Created'), "expected response to have status reason 'Created' but got 'OK'");
passes(() => expect(res({ code: 406, status: 'Not Acceptable' })).to.be.notAcceptable);
fails(() => expect(ok).to.be.notAcceptable, "expected response to have status reason 'NOT ACCEPTABLE' but got 'OK'");
fails(() => expect(res({ code: 406, status: 'Not Acceptable' })).to.not.be.notAcceptable, "expected response to not have status reason 'NOT ACCEPTABLE'");

section('jsonSchema (through the engine hook)');
{
  const calls = [];
  // Tiny stand-in for the engine's validator: supports `type`, `required` and `properties`.
  globalThis.__postie_validate_schema = function (schema, data) {
    calls.push([schema, data]);
    const errors = [];
    const typeOf = (v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    (function check(s, value, at) {
      if (s.type && typeOf(value) !== s.type) {
        errors.push({ instancePath: at, message: 'must be ' + s.type });
        return;
      }
      (s.required || []).forEach((key) => {
        if (!(key in value)) errors.push({ instancePath: at, message: "must have required property '" + key + "'" });
      });
      Object.keys(s.properties || {}).forEach((key) => {
        if (value && key in value) check(s.properties[key], value[key], at + '/' + key);
      });
    })(schema, data, '');
    return errors;
  };
  passes(() => expect(ok).to.have.jsonSchema({ type: 'object', required: ['a'] }));
  eq(JSON.stringify(calls[0][1].list), '[1,2,3]', 'the response body JSON is validated');
  fails(() => expect(ok).to.have.jsonSchema({ type: 'object', required: ['a', 'zz'], properties: { name: { type: 'number' } } }),
    "expected data to satisfy schema but found following errors: \ndata must have required property 'zz', data/name must be number");
  fails(() => expect(ok).to.not.have.jsonSchema({ type: 'object' }), 'expected data to not satisfy schema');
  passes(() => expect(ok).to.not.have.jsonSchema({ type: 'array' }));
  passes(() => expect({ a: 1 }).to.have.jsonSchema({ type: 'object', properties: { a: { type: 'number' } } }));
  fails(() => expect([1, 'x']).to.have.jsonSchema({ type: 'object' }), 'expected data to satisfy schema but found following errors: \ndata must be object');
  fails(() => expect(ok).to.have.jsonSchema('nope'), "expected 'nope' to be an object");
  const e = fails(() => expect(ok).to.have.jsonSchema({ type: 'array' }), 'expected data to satisfy schema but found following errors: \ndata must be array');
  eq(e.expected, true, 'expected is true');
  eq(e.actual, false, 'actual is the validity');
  globalThis.__postie_validate_schema = function () {
    return [{ dataPath: '.name', message: 'should be number' }];
  };
  fails(() => expect(ok).to.have.jsonSchema({}), 'expected data to satisfy schema but found following errors: \ndata.name should be number');
  delete globalThis.__postie_validate_schema;
  throwsError(() => expect(ok).to.have.jsonSchema({}), 'JSON schema validation is not available');
}

section('error details');
{
  const e = fails(() => expect(notFound).to.have.status(200), 'expected response to have status code 200 but got 404');
  eq(e.expected, 200, 'expected code');
  eq(e.actual, 404, 'actual code');
  const h = fails(() => expect(ok).to.have.header('Content-Type', 'text/plain'), "expected 'Content-Type' response header to be 'text/plain' but got 'application/json'");
  eq(h.actual, 'application/json', 'actual header value');
}

finish();
