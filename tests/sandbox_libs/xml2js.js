'use strict';
// Checks of the sandbox's xml2js library, run as a test script by tests/sandbox_libs.rs.
group('xml2js', () => {
  const xml2js = require('xml2js');
  const parse = (xml, opts) => {
    let out;
    let error;
    let calls = 0;
    xml2js.parseString(xml, opts || {}, (err, res) => {
      calls++;
      error = err;
      out = res;
    });
    if (calls !== 1) throw new Error('callback called ' + calls + ' times (must be once, synchronously)');
    if (error) throw error;
    return out;
  };
  const catalog = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<catalog>\n  <book id="bk101">\n    <author>Gambardella, Matthew</author>\n    <price>44.95</price>\n  </book>\n  <book id="bk102">\n    <author>Ralls, Kim</author>\n  </book>\n</catalog>\n';

  test('default shape: root key, arrays, $ attributes, _ text', () => {
    eq(parse(catalog), { catalog: { book: [
      { $: { id: 'bk101' }, author: ['Gambardella, Matthew'], price: ['44.95'] },
      { $: { id: 'bk102' }, author: ['Ralls, Kim'] }
    ] } });
    eq(parse('<a x="1">text</a>'), { a: { _: 'text', $: { x: '1' } } });
    eq(parse('<r x="1"><a y="2">t</a>mixed<b/>tail</r>'), { r: { _: 'mixedtail', $: { x: '1' }, a: [{ _: 't', $: { y: '2' } }], b: [''] } });
    eq(parse('<r><a></a><b x="1"/></r>'), { r: { a: [''], b: [{ $: { x: '1' } }] } });
    eq(parse('<a>  </a>'), { a: '  ' });
    eq(parse('<r>a &amp; b &lt; c</r>'), { r: 'a & b < c' });
    eq(parse('<r>\n<![CDATA[<raw> & stuff]]>\n</r>'), { r: '\n<raw> & stuff\n' });
    eq(parse('<soap:Env xmlns:soap="u"><soap:Body><m:R>5</m:R></soap:Body></soap:Env>'), { 'soap:Env': { $: { 'xmlns:soap': 'u' }, 'soap:Body': [{ 'm:R': ['5'] }] } });
    eq(parse(''), null);
  });

  test('options: explicitArray, trim, mergeAttrs, explicitRoot, ignoreAttrs, explicitCharkey, normalizeTags, emptyTag, keys', () => {
    eq(parse('<r><a>1</a><a>2</a><b/><c>x</c></r>', { explicitArray: false }), { r: { a: ['1', '2'], b: '', c: 'x' } });
    eq(parse('<r><a> x </a></r>', { explicitArray: false, trim: true }), { r: { a: 'x' } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { mergeAttrs: true }), { r: { x: ['1'], a: [{ _: 't', y: ['2'] }] } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { mergeAttrs: true, explicitArray: false }), { r: { x: '1', a: { _: 't', y: '2' } } });
    eq(parse('<r x="1"><a y="2">t</a></r>', { explicitRoot: false, explicitArray: false, ignoreAttrs: true }), { a: 't' });
    eq(parse('<r><a>1</a></r>', { explicitCharkey: true }), { r: { a: [{ _: '1' }] } });
    eq(parse('<R><A>1</A><B/></R>', { normalizeTags: true, emptyTag: null }), { r: { a: ['1'], b: [null] } });
    eq(parse('<r x="1">t</r>', { attrkey: '@', charkey: '#' }), { r: { '#': 't', '@': { x: '1' } } });
    eq(parse('<ns:r a="true"><ns:n>42</ns:n></ns:r>', { tagNameProcessors: [xml2js.processors.stripPrefix], valueProcessors: [xml2js.processors.parseNumbers], attrValueProcessors: [xml2js.processors.parseBooleans] }),
      { r: { $: { a: true }, n: [42] } });
  });

  test('errors go to the callback; Parser, events and promises', () => {
    let err;
    xml2js.parseString('<a><b></a>', (e) => { err = e; });
    ok(err && /XML/.test(err.message), String(err && err.message));
    let unclosed;
    xml2js.parseString('<a>', (e) => { unclosed = e; });
    ok(unclosed instanceof Error);
    const parser = new xml2js.Parser({ explicitArray: false });
    let viaCb;
    parser.parseString('<a><b>1</b></a>', (e, r) => { viaCb = r; });
    eq(viaCb, { a: { b: '1' } });
    let viaEvent;
    parser.on('end', (r) => { viaEvent = r; });
    parser.parseString('<x>2</x>');
    eq(viaEvent, { x: '2' });
    ok(xml2js.parseStringPromise('<a/>') instanceof Promise);
  });

  test('xml2Json (Postman legacy helper)', () => {
    eq(xml2js.xml2Json(catalog), { catalog: { book: [
      { $: { id: 'bk101' }, author: 'Gambardella, Matthew', price: '44.95' },
      { $: { id: 'bk102' }, author: 'Ralls, Kim' }
    ] } });
    eq(xml2js.xml2Json('<a>  padded  </a>'), { a: 'padded' });
    eq(xml2js.xml2Json('<a><b>'), undefined);
  });

  test('Builder', () => {
    eq(new xml2js.Builder().buildObject({ root: { a: '1', b: { $: { x: '1' }, _: 't' }, c: ['x', 'y'] } }),
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<root>\n  <a>1</a>\n  <b x="1">t</b>\n  <c>x</c>\n  <c>y</c>\n</root>');
    eq(new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ name: 'x & y' }), '<name>x &amp; y</name>');
  });
});
