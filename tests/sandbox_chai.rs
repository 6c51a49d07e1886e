//! What scripts see of chai's assertions: messages, errors for unknown
//! properties, where a failure's stack points, keys and descriptors, plugins.
//! The expected text is the output of the code before the assertions' proxy
//! moved to the end of their prototype chain, on the same probe, but for two
//! lines: printing an assertion itself shows its `ssfi` flag (the function its
//! failure's stack starts below), which reads through a proxy set to the
//! proxy's trap (`proxyGetter`) and now stays the constructor until a chain
//! word or method sets it; and Assertion.prototype's prototype is the object
//! that throws for unknown properties (`proto proto`), no longer
//! Object.prototype itself.

mod support;

use postie::script::ScriptKind;
use support::sandbox::*;

const PROBE: &str = r#"
var out = [];
function show(label, fn) {
  try {
    var r = fn();
    out.push(label + ' => ok ' + (typeof r === 'object' || typeof r === 'function' ? typeof r : String(r)));
  } catch (e) {
    out.push(label + ' => ' + (e && e.name) + ': ' + (e && e.message) + ' | at: ' + String(e && e.stack).split('\n').filter(function (l) { return /test-script/.test(l); }).map(function (l) { return l.trim(); }).join(' / '));
  }
}
var exp = pm.expect;
show('unknown direct', function () { return exp(1).to.bee; });
show('unknown typo', function () { return exp(1).to.be.tru; });
show('unknown after not', function () { return exp(1).not.eqll; });
show('unknown no suggestion', function () { return exp(1).zzzzzzzzzz; });
show('method prop', function () { return exp(1).to.eql.foo; });
show('method length', function () { return exp(1).to.eql.length; });
show('chainable length', function () { return exp([1]).to.include.length; });
show('chainable unknown', function () { return exp([1]).to.include.foo; });
show('chainable a unknown', function () { return exp([1]).to.be.an.foo; });
show('chainable after call', function () { return exp([1]).to.include(1).foo; });
show('after method', function () { return exp(1).to.eql(1).and.bogus; });
show('excluded then', function () { return exp(1).then; });
show('excluded toJSON', function () { return exp(1).toJSON; });
show('excluded inspect', function () { return exp(1).inspect; });
show('excluded catch', function () { return exp(1).catch; });
show('symbol', function () { return exp(1)[Symbol.iterator]; });
show('toString', function () { return exp(1).toString; });
show('hasOwnProperty', function () { return typeof exp(1).hasOwnProperty; });
show('constructor', function () { return exp(1).constructor === undefined; });
show('__proto__', function () { return typeof exp(1).__proto__; });
show('_obj', function () { return exp(5)._obj; });
show('__flags', function () { return Object.keys(exp(5).__flags).join(','); });
show('keys', function () { return Object.keys(exp(5)).join(','); });
show('own names', function () { return Object.getOwnPropertyNames(exp(5)).join(','); });
show('desc flags', function () { return JSON.stringify(Object.getOwnPropertyDescriptor(exp(5), '__flags')); });
show('desc to', function () { var d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(exp(5)), 'to'); return Object.keys(d).join(',') + typeof d.get; });
show('proto keys', function () { return Object.getOwnPropertyNames(Object.getPrototypeOf(exp(5))).length; });
show('proto proto', function () { return Object.getPrototypeOf(Object.getPrototypeOf(exp(5))) === Object.prototype; });
show('in to', function () { return 'to' in exp(1); });
show('in bogus', function () { return 'bogus' in exp(1); });
show('instanceof', function () { return exp(1) instanceof exp(1).constructor; });
show('eql fail', function () { exp({a: 1}).to.eql({a: 2}); });
show('equal fail', function () { exp(1).to.equal(2); });
show('true fail', function () { exp(1).to.be.true; });
show('not fail', function () { exp(1).to.not.equal(1); });
show('msg fail', function () { exp(1, 'custom').to.equal(2); });
show('include fail', function () { exp([1]).to.include(2); });
show('a fail', function () { exp(1).to.be.a('string'); });
show('an chain', function () { exp([1]).to.be.an('array').that.includes(2); });
show('property fail', function () { exp({}).to.have.property('x'); });
show('deep property', function () { exp({a: {b: 1}}).to.have.nested.property('a.b', 2); });
show('length fail', function () { exp([1]).to.have.lengthOf(2); });
show('lengthOf chain', function () { exp([1]).to.have.lengthOf.above(3); });
show('below', function () { exp(5).to.be.below(3); });
show('ok fail', function () { exp(0).to.be.ok; });
show('status fail', function () { pm.response.to.have.status(201); });
show('status ok', function () { pm.response.to.have.status(200); });
show('response unknown', function () { return pm.response.to.have.statuss; });
show('response ok', function () { pm.response.to.be.ok; });
show('response header', function () { pm.response.to.have.header('X-Nope'); });
show('response body', function () { pm.response.to.have.body('zzz'); });
show('json body', function () { pm.response.to.have.jsonBody('a'); });
show('respTime', function () { pm.response.to.have.responseTime.below(0); });
show('throw', function () { exp(function () {}).to.throw(); });
show('oneOf', function () { exp(1).to.be.oneOf([2, 3]); });
show('members', function () { exp([1, 2]).to.have.members([2, 3]); });
show('keys fail', function () { exp({a: 1}).to.have.all.keys('b'); });
show('satisfy', function () { exp(1).to.satisfy(function (x) { return x > 1; }); });
show('closeTo', function () { exp(1).to.be.closeTo(2, 0.5); });
show('assert', function () { pm.expect.fail('boom'); });
show('chai assert', function () { require('chai').assert.equal(1, 2); });
show('chai assert deep', function () { require('chai').assert.deepEqual({a: 1}, {a: 2}); });
show('flag read', function () { var a = exp(1).to.not; return require('chai').util.flag(a, 'negate'); });
show('plugin add', function () {
  var chai = require('chai');
  chai.Assertion.addProperty('probeWord', function () { this.assert(this._obj === 3, 'expected #{this} to be 3', 'x'); });
  exp(4).to.be.probeWord;
});
show('plugin method', function () {
  var chai = require('chai');
  chai.Assertion.addMethod('probeM', function (n) { new chai.Assertion(this._obj).to.equal(n); });
  exp(4).to.probeM(5);
});
show('plugin unknown', function () { return exp(4).to.probeWordd; });
show('proxy identity', function () { var a = exp(1); return a.to === a.to; });
show('method identity', function () { return exp(1).eql === exp(2).eql; });
show('assertion json', function () { return JSON.stringify(exp(1)); });
show('assertion string', function () { return String(exp(1)); });
show('pm.response keys', function () { return Object.keys(pm.response).join(','); });
show('pm.response names', function () { return Object.getOwnPropertyNames(pm.response).join(','); });
show('pm.response.headers names', function () { return Object.getOwnPropertyNames(pm.response.headers).join(','); });
show('pm.response.to', function () { return JSON.stringify(Object.getOwnPropertyDescriptor(pm.response, 'to')); });
show('pm.response.to keys', function () { return Object.keys(pm.response.to).join(','); });
show('pm.request.to', function () { pm.request.to.have.header('Nope'); });
show('expect pm.response', function () { exp(pm.response).to.have.status(201); });
show('response to.not', function () { pm.response.to.not.have.status(200); });
show('response to.be.success', function () { pm.response.to.be.clientError; });
show('within', function () { exp(1).to.be.within(2, 3); });
show('deep include', function () { exp([{a: 1}]).to.deep.include({a: 2}); });
show('chain and length', function () { exp('abc').to.have.length(2); });
show('exist', function () { exp(null).to.exist; });
show('empty', function () { exp([1]).to.be.empty; });
show('match', function () { exp('abc').to.match(/z/); });
show('string', function () { exp('abc').to.have.string('z'); });
show('instanceOf', function () { exp(1).to.be.instanceOf(Array); });
show('should-less eq', function () { exp(1).eq(2); });
show('console assertion', function () { console.log(pm.expect(1)); console.log(pm.expect([1]).to.include); });
show('inspect assertion', function () { return require('chai').util.inspect(pm.expect(1)); });
show('plugin getter unknown read', function () {
  var chai = require('chai');
  chai.Assertion.addProperty('probeReads', function () { return String(this.notThere) === 'undefined' ? undefined : 1; });
  exp(1).to.be.probeReads;
});
show('plugin method unknown read', function () {
  var chai = require('chai');
  chai.Assertion.addMethod('probeMethodReads', function () { return this.notThere; });
  exp(1).to.probeMethodReads();
});
show('plugin method returns this', function () {
  var chai = require('chai');
  chai.Assertion.addMethod('probeSelf', function () { return this; });
  return exp(1).probeSelf().bogus;
});
show('useProxy off', function () {
  var chai = require('chai');
  chai.config.useProxy = false;
  try { return String(exp(1).to.bogus); } finally { chai.config.useProxy = true; }
});
show('useProxy off made, on read', function () {
  var chai = require('chai');
  chai.config.useProxy = false;
  var a = exp(1);
  chai.config.useProxy = true;
  return String(a.bogus);
});
show('util.proxify', function () { return require('chai').util.proxify({a: 1}).b; });
show('getProperties', function () { return require('chai').util.getProperties(exp(1)).length; });
show('isPrototypeOf', function () { return Object.prototype.isPrototypeOf(exp(1)) + ' ' + (exp(1) instanceof Object); });
show('typeof link', function () { var f = exp([1]).to.include; return typeof f + ' ' + Object.keys(f).join(',') + ' ' + (f instanceof Object); });
show('chain of chainable', function () { return exp([1, 2]).to.include.members([1]).and.have.lengthOf(2).bogus; });
out.forEach(function (l) { console.log(l); });
"#;

const EXPECTED: &str = r#"
Assertion {
  __flags: [Object: null prototype] {
    ssfi: [Function: Assertion] {
      addProperty: [Function (anonymous)],
      addMethod: [Function (anonymous)],
      addChainableMethod: [Function (anonymous)],
      overwriteProperty: [Function (anonymous)],
      overwriteMethod: [Function (anonymous)],
      overwriteChainableMethod: [Function (anonymous)]
    },
    lockSsfi: undefined,
    object: 1,
    message: undefined,
    eql: [Function: deepEqual]
  }
}
[Function: callable] Assertion
unknown direct => Error: Invalid Chai property: bee. Did you mean "be"? | at: at <anonymous> (test-script.js:12:45) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:12:1)
unknown typo => Error: Invalid Chai property: tru. Did you mean "true"? | at: at <anonymous> (test-script.js:13:43) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:13:1)
unknown after not => Error: Invalid Chai property: eqll. Did you mean "eql"? | at: at <anonymous> (test-script.js:14:48) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:14:1)
unknown no suggestion => Error: Invalid Chai property: zzzzzzzzzz | at: at <anonymous> (test-script.js:15:52) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:15:1)
method prop => Error: Invalid Chai property: eql.foo. See docs for proper usage of "eql". | at: at <anonymous> (test-script.js:16:42) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:16:1)
method length => Error: Invalid Chai property: eql.length. See docs for proper usage of "eql". | at: at <anonymous> (test-script.js:17:44) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:17:1)
chainable length => Error: Invalid Chai property: include.length. Due to a compatibility issue, "length" cannot directly follow "include". Use "include.lengthOf" instead. | at: at <anonymous> (test-script.js:18:47) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:18:1)
chainable unknown => Error: Invalid Chai property: foo. Did you mean "to"? | at: at <anonymous> (test-script.js:19:48) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:19:1)
chainable a unknown => Error: Invalid Chai property: foo. Did you mean "to"? | at: at <anonymous> (test-script.js:20:50) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:20:1)
chainable after call => Error: Invalid Chai property: foo. Did you mean "to"? | at: at <anonymous> (test-script.js:21:63) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:21:1)
after method => Error: Invalid Chai property: bogus. Did you mean "but"? | at: at <anonymous> (test-script.js:22:53) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:22:1)
excluded then => ok undefined
excluded toJSON => ok undefined
excluded inspect => ok undefined
excluded catch => ok undefined
symbol => ok undefined
toString => ok function
hasOwnProperty => ok function
constructor => ok false
__proto__ => ok object
_obj => ok 5
__flags => ok ssfi,lockSsfi,object,message,eql
keys => ok __flags
own names => ok __flags
desc flags => ok {"value":{"object":5},"writable":true,"enumerable":true,"configurable":true}
desc to => ok get,set,enumerable,configurablefunction
proto keys => ok 130
proto proto => ok false
in to => ok true
in bogus => ok false
instanceof => ok true
eql fail => AssertionError: expected { a: 1 } to deeply equal { a: 2 } | at: at <anonymous> (test-script.js:43:47) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:43:1)
equal fail => AssertionError: expected 1 to equal 2 | at: at <anonymous> (test-script.js:44:44) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:44:1)
true fail => AssertionError: expected 1 to be true | at: at <anonymous> (test-script.js:45:33) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:45:1)
not fail => AssertionError: expected 1 to not equal 1 | at: at <anonymous> (test-script.js:46:46) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:46:1)
msg fail => AssertionError: custom: expected 1 to equal 2 | at: at <anonymous> (test-script.js:47:52) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:47:1)
include fail => AssertionError: expected [ 1 ] to include 2 | at: at <anonymous> (test-script.js:48:48) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:48:1)
a fail => AssertionError: expected 1 to be a string | at: at <anonymous> (test-script.js:49:43) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:49:1)
an chain => AssertionError: expected [ 1 ] to include 2 | at: at <anonymous> (test-script.js:50:64) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:50:1)
property fail => AssertionError: expected {} to have property 'x' | at: at <anonymous> (test-script.js:51:53) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:51:1)
deep property => AssertionError: expected { a: { b: 1 } } to have nested property 'a.b' of 2, but got 1 | at: at <anonymous> (test-script.js:52:69) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:52:1)
length fail => AssertionError: expected [ 1 ] to have a length of 2 but got 1 | at: at <anonymous> (test-script.js:53:52) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:53:1)
lengthOf chain => AssertionError: expected [ 1 ] to have a length above 3 but got 1 | at: at <anonymous> (test-script.js:54:64) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:54:1)
below => AssertionError: expected 5 to be below 3 | at: at <anonymous> (test-script.js:55:42) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:55:1)
ok fail => AssertionError: expected +0 to be truthy | at: at <anonymous> (test-script.js:56:31) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:56:1)
status fail => AssertionError: expected response to have status code 201 but got 200 | at: at <anonymous> (test-script.js:57:55) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:57:1)
status ok => ok undefined
response unknown => Error: Invalid Chai property: statuss. Did you mean "status"? | at: at <anonymous> (test-script.js:59:47) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:59:1)
response ok => ok undefined
response header => AssertionError: expected response to have header with key 'X-Nope' | at: at <anonymous> (test-script.js:61:59) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:61:1)
response body => AssertionError: expected response body to equal 'zzz' but got '{"id":7,"name":"Ada","tags":["a","b"]}' | at: at <anonymous> (test-script.js:62:57) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:62:1)
json body => AssertionError: expected { id: 7, name: 'Ada', …(1) } in response to contain property 'a' | at: at <anonymous> (test-script.js:63:53) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:63:1)
respTime => AssertionError: expected 42 to be below +0 | at: at <anonymous> (test-script.js:64:65) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:64:1)
throw => AssertionError: expected [Function] to throw an error | at: at <anonymous> (test-script.js:65:52) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:65:1)
oneOf => AssertionError: expected 1 to be one of [ 2, 3 ] | at: at <anonymous> (test-script.js:66:42) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:66:1)
members => AssertionError: expected [ 1, 2 ] to have the same members as [ 2, 3 ] | at: at <anonymous> (test-script.js:67:51) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:67:1)
keys fail => AssertionError: expected { a: 1 } to have key 'b' | at: at <anonymous> (test-script.js:68:57) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:68:1)
satisfy => AssertionError: expected 1 to satisfy [Function] | at: at <anonymous> (test-script.js:69:49) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:69:1)
closeTo => AssertionError: expected 1 to be close to 2 +/- 0.5 | at: at <anonymous> (test-script.js:70:44) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:70:1)
assert => AssertionError: boom | at: at <anonymous> (test-script.js:71:40) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:71:1)
chai assert => AssertionError: expected 1 to equal 2 | at: at <anonymous> (test-script.js:72:58) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:72:1)
chai assert deep => AssertionError: expected { a: 1 } to deeply equal { a: 2 } | at: at <anonymous> (test-script.js:73:63) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:73:1)
flag read => ok true
plugin add => AssertionError: expected 4 to be 3 | at: at <anonymous> (test-script.js:78:3) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:75:1)
plugin method => AssertionError: expected 4 to equal 5 | at: at <anonymous> (test-script.js:82:92) / at <anonymous> (test-script.js:83:13) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:80:1)
plugin unknown => Error: Invalid Chai property: probeWordd. Did you mean "probeWord"? | at: at <anonymous> (test-script.js:85:45) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:85:1)
proxy identity => ok false
method identity => ok true
assertion json => ok {"__flags":{"object":1}}
assertion string => ok [object Object]
pm.response keys => ok id,status,code,headers,cookies,responseTime,responseSize
pm.response names => ok __postie_type,_body,_binary,id,status,code,headers,cookies,responseTime,responseSize,to
pm.response.headers names => ok Type,_postman_listIndexKey,_postman_listIndexCaseInsensitive,_postman_listAllowsMultipleValues,members
pm.response.to => ok {"enumerable":false,"configurable":true}
pm.response.to keys => ok __flags
pm.request.to => AssertionError: expected request to have header with key 'Nope' | at: at <anonymous> (test-script.js:95:56) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:95:1)
expect pm.response => AssertionError: expected response to have status code 201 but got 200 | at: at <anonymous> (test-script.js:96:67) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:96:1)
response to.not => AssertionError: expected response to not have status code 200 | at: at <anonymous> (test-script.js:97:63) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:97:1)
response to.be.success => AssertionError: expected response code to be 4XX but found 200 | at: at <anonymous> (test-script.js:98:46) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:98:1)
within => AssertionError: expected 1 to be within 2..3 | at: at <anonymous> (test-script.js:99:43) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:99:1)
deep include => AssertionError: expected [ { a: 1 } ] to deep include { a: 2 } | at: at <anonymous> (test-script.js:100:58) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:100:1)
chain and length => AssertionError: expected 'abc' to have a length of 2 but got 3 | at: at <anonymous> (test-script.js:101:59) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:101:1)
exist => AssertionError: expected null to exist | at: at <anonymous> (test-script.js:102:33) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:102:1)
empty => AssertionError: expected [ 1 ] to be empty | at: at <anonymous> (test-script.js:103:29) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:103:1)
match => AssertionError: expected 'abc' to match /z/ | at: at <anonymous> (test-script.js:104:43) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:104:1)
string => AssertionError: expected 'abc' to contain 'z' | at: at <anonymous> (test-script.js:105:49) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:105:1)
instanceOf => AssertionError: expected 1 to be an instance of Array | at: at <anonymous> (test-script.js:106:58) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:106:1)
should-less eq => AssertionError: expected 1 to equal 2 | at: at <anonymous> (test-script.js:107:45) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:107:1)
console assertion => ok undefined
inspect assertion => ok Assertion{ __flags: { …(5) } }
plugin getter unknown read => ok undefined
plugin method unknown read => Error: Invalid Chai property: notThere | at: at <anonymous> (test-script.js:117:1) / at <anonymous> (test-script.js:118:13) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:115:1)
plugin method returns this => Error: Invalid Chai property: bogus. Did you mean "but"? | at: at <anonymous> (test-script.js:123:17) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:120:1)
useProxy off => ok undefined
useProxy off made, on read => ok undefined
util.proxify => Error: Invalid Chai property: b. Did you mean "a"? | at: at <anonymous> (test-script.js:137:64) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:137:1)
getProperties => ok 147
isPrototypeOf => ok true true
typeof link => ok function  true
chain of chainable => Error: Invalid Chai property: bogus. Did you mean "but"? | at: at <anonymous> (test-script.js:141:94) / at show (test-script.js:5:13) / at <anonymous> (test-script.js:141:1)
"#;

fn probe_output(ran: &Ran) -> String {
    assert_eq!(ran.error(), "");
    let mut text = String::from("\n");
    for line in ran.console() {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

#[test]
fn chai_as_scripts_see_it_in_a_fresh_context() {
    let out = probe_output(&test_in(&mut reusing(None, 256 << 20), PROBE));
    assert!(out == EXPECTED, "the probe printed:\n{out}");
}

#[test]
fn chai_as_scripts_see_it_after_a_run_in_the_same_context() {
    let mut sb = reusing(None, 256 << 20);
    let before = run_in(
        &mut sb,
        ScriptKind::Test,
        "pm.test('t', function () { pm.response.to.have.status(200); pm.expect(pm.response.json().id).to.eql(7); });",
        FakeHost::default(),
    );
    assert_eq!(before.passed(), 1);
    let out = probe_output(&test_in(&mut sb, PROBE));
    assert!(out == EXPECTED, "the probe printed:\n{out}");
}

/// A chain word hands every string-keyed flag on to the next assertion and,
/// as chai's `for…in` copy does, no symbol-keyed one; a property with a
/// getter does the same after running it.
#[test]
fn chain_words_hand_on_string_flags_and_not_symbol_ones() {
    let r = test_script(
        r#"
        var chai = require('chai');
        var mark = Symbol('mark');
        var utils;
        chai.use(function (c, u) {
          utils = u;
          c.Assertion.addProperty('marked', function () { u.flag(this, 'm', 'string'); });
          c.Assertion.addMethod('seen', function () { return [String(u.flag(this, mark)), String(u.flag(this, 'm'))]; });
        });
        function marked() {
          var a = pm.expect(1);
          utils.flag(a, mark, 'symbol');
          utils.flag(a, 'm', 'string');
          return a;
        }
        console.log(marked().seen().join());
        console.log(marked().to.be.seen().join());
        console.log(marked().not.seen().join());
        console.log(marked().deep.seen().join());
        console.log(pm.expect(1).marked.to.seen().join());
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "symbol,string",
            "undefined,string",
            "undefined,string",
            "undefined,string",
            "undefined,string"
        ]
    );
}

/// A chain's steps share one flags object until one of them writes: a write
/// through one step (a flag getter such as `.not`, which sets its flag on the
/// step it is read from as chai's do, or `utils.flag`) reaches the steps made
/// from it afterwards, and neither the step it came from nor the steps made
/// from it before. The expected lines are newman 6.2.2's for this script.
#[test]
fn a_write_through_one_step_reaches_no_other_step() {
    let r = test_script(
        r#"
        var chai = require('chai');
        var utils;
        chai.use(function (c, u) { utils = u; });
        function verdict(f) {
          try { f(); return 'pass'; } catch (e) { return 'fail: ' + e.message; }
        }
        var a = pm.expect(1);
        var b = a.to;
        var c = b.be;
        b.not;
        console.log(verdict(function () { a.equal(1); }));
        console.log(verdict(function () { c.equal(1); }));
        console.log(verdict(function () { b.equal(1); }));
        console.log(verdict(function () { b.be.equal(1); }));
        utils.flag(a, 'negate', true);
        console.log(verdict(function () { c.equal(1); }));
        console.log(verdict(function () { a.to.equal(1); }));
        var d = pm.expect([1, 2]).to.have;
        var e = d.members([2, 1]);
        d.deep;
        console.log(String(utils.flag(d, 'deep')), String(utils.flag(e, 'deep')));
        var f = pm.expect('ab');
        var g = f.to.have.lengthOf(2);
        console.log(String(utils.flag(f, 'ssfi') === utils.flag(g, 'ssfi')), utils.flag(g, 'object'));
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "pass",
            "pass",
            "fail: expected 1 to not equal 1",
            "fail: expected 1 to not equal 1",
            "pass",
            "fail: expected 1 to not equal 1",
            "true undefined",
            "false ab",
        ]
    );
}
