// Test-only stand-in for the engine's `__native` host object, so the
// sandbox libraries can be tested under plain node. Crypto goes to node's
// `crypto`; XML and JSON Schema get small implementations that produce the
// same shapes as src/script/natives.rs (element tree / error list).
'use strict';

const crypto = require('crypto');

function buf(hex) {
  if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/.test(hex)) throw new Error('bad hex: ' + hex);
  return Buffer.from(hex, 'hex');
}

function digest(alg, dataHex) {
  return crypto.createHash(alg).update(buf(dataHex)).digest('hex');
}

function hmac(alg, keyHex, dataHex) {
  return crypto.createHmac(alg, buf(keyHex)).update(buf(dataHex)).digest('hex');
}

function pbkdf2(alg, pwHex, saltHex, iterations, keyLen) {
  if (iterations < 1) throw new Error('pbkdf2: iterations must be at least 1');
  return crypto.pbkdf2Sync(buf(pwHex), buf(saltHex), iterations, keyLen, alg).toString('hex');
}

function aes(encrypt, mode, keyHex, ivHex, dataHex, pkcs7) {
  const key = buf(keyHex);
  if (![16, 24, 32].includes(key.length)) throw new Error('invalid AES key length: ' + key.length + ' bytes');
  const name = 'aes-' + key.length * 8 + '-' + mode;
  const iv = mode === 'ecb' ? null : buf(ivHex);
  const c = encrypt ? crypto.createCipheriv(name, key, iv) : crypto.createDecipheriv(name, key, iv);
  c.setAutoPadding(!!pkcs7);
  try {
    return Buffer.concat([c.update(buf(dataHex)), c.final()]).toString('hex');
  } catch (e) {
    throw new Error(String(e.message));
  }
}

function randomHex(n) {
  return crypto.randomBytes(n).toString('hex');
}

// ---- XML: same tree as natives::xml_to_json.
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const map = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
    return map[e] !== undefined ? map[e] : m;
  });
}

function xml2json(xml) {
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const stack = [];
  let root = null;
  let m;
  const attach = (el) => {
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (root === null) root = el;
    else throw new Error('XML parse error: more than one root element');
  };
  const text = (t) => {
    if (!stack.length) {
      if ((typeof t === 'string' ? t : t.cdata).trim()) throw new Error('XML parse error: text data outside of root node');
      return;
    }
    const ch = stack[stack.length - 1].children;
    if (typeof t === 'string' && typeof ch[ch.length - 1] === 'string') ch[ch.length - 1] += t;
    else ch.push(t);
  };
  let last = 0;
  while ((m = re.exec(xml))) {
    if (m.index !== last) throw new Error('XML parse error at position ' + last);
    last = re.lastIndex;
    if (m[1] !== undefined) text({ cdata: m[1] });
    else if (m[2] !== undefined) {
      const el = stack.pop();
      if (!el || el.name !== m[2]) throw new Error('XML parse error: mismatched close tag ' + m[2]);
      attach(el);
    } else if (m[3] !== undefined) {
      const attrs = {};
      const are = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      let a;
      while ((a = are.exec(m[4]))) attrs[a[1]] = decodeEntities(a[2] !== undefined ? a[2] : a[3]);
      const el = { name: m[3], attrs, children: [] };
      if (m[5]) attach(el);
      else stack.push(el);
    } else if (m[6] !== undefined) text(decodeEntities(m[6]));
  }
  if (last !== xml.length) throw new Error('XML parse error at position ' + last);
  if (stack.length) throw new Error('XML parse error: unclosed tag <' + stack[stack.length - 1].name + '>');
  return JSON.stringify(root);
}

// ---- JSON Schema: a small validator with the natives::validate_schema
// output shape. Enough keywords for the library tests.
function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v, t) {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function esc(k) {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

function validateSchema(schemaJson, dataJson) {
  const root = JSON.parse(schemaJson);
  const data = JSON.parse(dataJson);
  const draft4 = /draft-04/.test(root.$schema || '');
  if (root.type !== undefined && typeof root.type !== 'string' && !Array.isArray(root.type)) {
    throw new Error('invalid schema: type must be a string or array');
  }
  const errors = [];
  const resolve = (ref) => {
    if (ref[0] !== '#') throw new Error('invalid schema: unresolvable $ref ' + ref);
    let node = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error('invalid schema: unresolvable $ref ' + ref);
    return node;
  };
  // Like the Rust side, paths through a $ref continue at the target's
  // location in the document.
  const refPath = (ref) => ref.slice(1).replace(/\/$/, '');
  function check(schema, v, ip, sp, out) {
    if (schema === true) return;
    if (schema === false) return out.push({ instancePath: ip, schemaPath: sp, keyword: 'falseSchema', message: 'False schema does not allow ' + JSON.stringify(v), params: {} });
    const err = (kw, message, params) => out.push({ instancePath: ip, schemaPath: sp + '/' + kw, keyword: kw, message, params: params || {} });
    if (schema.$ref) return check(resolve(schema.$ref), v, ip, refPath(schema.$ref), out);
    const t = typeOf(v);
    if (schema.type !== undefined) {
      const types = [].concat(schema.type);
      if (!types.some((x) => typeMatches(v, x))) {
        err('type', JSON.stringify(v) + ' is not of type ' + types.map((x) => JSON.stringify(x)).join(', '), { type: types.join(',') });
      }
    }
    if (schema.enum && !schema.enum.some((e) => deepEqual(e, v))) err('enum', JSON.stringify(v) + ' is not one of ' + JSON.stringify(schema.enum), { allowedValues: schema.enum });
    if ('const' in schema && !deepEqual(schema.const, v)) err('const', JSON.stringify(schema.const) + ' was expected', { allowedValue: schema.const });
    if (t === 'integer' || t === 'number') {
      const exMin = draft4 ? schema.exclusiveMinimum === true : false;
      const exMax = draft4 ? schema.exclusiveMaximum === true : false;
      if (schema.minimum !== undefined && (exMin ? v <= schema.minimum : v < schema.minimum)) {
        err(exMin ? 'exclusiveMinimum' : 'minimum', v + ' is less than the minimum of ' + schema.minimum, { comparison: exMin ? '>' : '>=', limit: schema.minimum });
      }
      if (schema.maximum !== undefined && (exMax ? v >= schema.maximum : v > schema.maximum)) {
        err(exMax ? 'exclusiveMaximum' : 'maximum', v + ' is greater than the maximum of ' + schema.maximum, { comparison: exMax ? '<' : '<=', limit: schema.maximum });
      }
      if (!draft4 && typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) err('exclusiveMinimum', v + ' is less than or equal to the minimum of ' + schema.exclusiveMinimum, { comparison: '>', limit: schema.exclusiveMinimum });
      if (!draft4 && typeof schema.exclusiveMaximum === 'number' && v >= schema.exclusiveMaximum) err('exclusiveMaximum', v + ' is greater than or equal to the maximum of ' + schema.exclusiveMaximum, { comparison: '<', limit: schema.exclusiveMaximum });
      if (schema.multipleOf && !Number.isInteger(v / schema.multipleOf)) err('multipleOf', v + ' is not a multiple of ' + schema.multipleOf, { multipleOf: schema.multipleOf });
    }
    if (t === 'string') {
      const len = Array.from(v).length;
      if (schema.minLength !== undefined && len < schema.minLength) err('minLength', JSON.stringify(v) + ' is shorter than ' + schema.minLength + ' characters', { limit: schema.minLength });
      if (schema.maxLength !== undefined && len > schema.maxLength) err('maxLength', JSON.stringify(v) + ' is longer than ' + schema.maxLength + ' characters', { limit: schema.maxLength });
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(v)) err('pattern', JSON.stringify(v) + ' does not match ' + JSON.stringify(schema.pattern), { pattern: schema.pattern });
      if (schema.format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(v)) err('format', JSON.stringify(v) + ' is not a "email"', { format: 'email' });
      if (schema.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(v)) err('format', JSON.stringify(v) + ' is not a "date-time"', { format: 'date-time' });
    }
    if (t === 'array') {
      if (schema.minItems !== undefined && v.length < schema.minItems) err('minItems', JSON.stringify(v) + ' has less than ' + schema.minItems + ' items', { limit: schema.minItems });
      if (schema.maxItems !== undefined && v.length > schema.maxItems) err('maxItems', JSON.stringify(v) + ' has more than ' + schema.maxItems + ' items', { limit: schema.maxItems });
      if (schema.uniqueItems) {
        const keys = v.map((x) => JSON.stringify(x));
        const later = keys.findIndex((k, i) => keys.indexOf(k) !== i);
        if (later >= 0) err('uniqueItems', JSON.stringify(v) + ' has non-unique elements', { i: later, j: keys.indexOf(keys[later]) });
      }
      if (schema.contains !== undefined && !v.some((x) => { const sub = []; check(schema.contains, x, ip, sp, sub); return !sub.length; })) {
        err('contains', 'None of ' + JSON.stringify(v) + ' are valid under the given schema');
      }
      if (Array.isArray(schema.items)) {
        schema.items.forEach((s, i) => i < v.length && check(s, v[i], ip + '/' + i, sp + '/items/' + i, out));
        if (schema.additionalItems === false && v.length > schema.items.length) err('additionalItems', 'Additional items are not allowed', { limit: schema.items.length });
      } else if (schema.items !== undefined) {
        v.forEach((x, i) => check(schema.items, x, ip + '/' + i, sp + '/items', out));
      }
    }
    if (t === 'object') {
      const keys = Object.keys(v);
      for (const r of schema.required || []) if (!(r in v)) err('required', JSON.stringify(r) + ' is a required property', { missingProperty: r });
      for (const dk of Object.keys(schema.dependencies || {})) {
        const dep = schema.dependencies[dk];
        if (!(dk in v)) continue;
        if (Array.isArray(dep)) {
          for (const r of dep) {
            if (!(r in v)) out.push({ instancePath: ip, schemaPath: sp + '/dependencies', keyword: 'required', message: JSON.stringify(r) + ' is a required property', params: { missingProperty: r } });
          }
        } else {
          check(dep, v, ip, sp + '/dependencies/' + esc(dk), out);
        }
      }
      if (schema.propertyNames !== undefined) {
        for (const k of keys) {
          const sub = [];
          check(schema.propertyNames, k, ip, sp + '/propertyNames', sub);
          if (sub.length) out.push({ instancePath: ip, schemaPath: sub[0].schemaPath, keyword: 'propertyNames', message: sub[0].message, params: { propertyName: k } });
        }
      }
      if (schema.minProperties !== undefined && keys.length < schema.minProperties) err('minProperties', 'has less than ' + schema.minProperties + ' properties', { limit: schema.minProperties });
      if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) err('maxProperties', 'has more than ' + schema.maxProperties + ' properties', { limit: schema.maxProperties });
      const props = schema.properties || {};
      const pats = schema.patternProperties || {};
      for (const k of keys) {
        let matched = false;
        if (k in props) {
          matched = true;
          check(props[k], v[k], ip + '/' + esc(k), sp + '/properties/' + esc(k), out);
        }
        for (const p of Object.keys(pats)) {
          if (new RegExp(p, 'u').test(k)) {
            matched = true;
            check(pats[p], v[k], ip + '/' + esc(k), sp + '/patternProperties/' + esc(p), out);
          }
        }
        if (!matched && schema.additionalProperties === false) {
          out.push({ instancePath: ip, schemaPath: sp + '/additionalProperties', keyword: 'additionalProperties', message: "Additional property '" + k + "' is not allowed", params: { additionalProperty: k } });
        } else if (!matched && typeof schema.additionalProperties === 'object') {
          check(schema.additionalProperties, v[k], ip + '/' + esc(k), sp + '/additionalProperties', out);
        }
      }
    }
    (schema.allOf || []).forEach((s, i) => check(s, v, ip, sp + '/allOf/' + i, out));
    const passingIdx = (list) => list.map((s, i) => {
      const sub = [];
      check(s, v, ip, sp, sub);
      return sub.length === 0 ? i : -1;
    }).filter((i) => i >= 0);
    if (schema.anyOf && passingIdx(schema.anyOf).length === 0) err('anyOf', JSON.stringify(v) + ' is not valid under any of the schemas listed in the \'anyOf\' keyword');
    if (schema.oneOf) {
      const ok = passingIdx(schema.oneOf);
      if (ok.length !== 1) err('oneOf', JSON.stringify(v) + (ok.length ? ' is valid under more than one of the schemas listed in the \'oneOf\' keyword' : ' is not valid under any of the schemas listed in the \'oneOf\' keyword'), { passingSchemas: ok.length ? ok.slice(0, 2) : null });
    }
    if (schema.not !== undefined && passingIdx([schema.not]).length === 1) err('not', JSON.stringify(schema.not) + ' is not allowed for ' + JSON.stringify(v));
    if (schema.if !== undefined) {
      const cond = passingIdx([schema.if]).length === 1;
      const branch = cond ? schema.then : schema.else;
      if (branch !== undefined) check(branch, v, ip, sp + (cond ? '/then' : '/else'), out);
    }
  }
  check(root, data, '', '', errors);
  return JSON.stringify(errors);
}

module.exports = { digest, hmac, pbkdf2, aes, randomHex, xml2json, validateSchema };
