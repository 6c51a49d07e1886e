//! console.log output matches Node's util.format / util.inspect (the cases and
//! the expected text were produced with Node 20's util.format).

mod support;

use support::sandbox::*;

const CASES: &[(&str, &str)] = &[
    (
        "'plain string'",
        "plain string",
    ),
    (
        "'a', 'b', 3",
        "a b 3",
    ),
    (
        "{a: 1, b: 'two', c: [1, 2, 3], d: {e: {f: {g: 1}}}}",
        "{ a: 1, b: 'two', c: [ 1, 2, 3 ], d: { e: { f: [Object] } } }",
    ),
    (
        "[1, 'a', null, undefined, true, -0, 1.5, NaN]",
        "[ 1, 'a', null, undefined, true, -0, 1.5, NaN ]",
    ),
    (
        "{ 'key with space': 1, valid_id: 2, 'π': 3 }",
        "{ 'key with space': 1, valid_id: 2, 'π': 3 }",
    ),
    (
        "{ s: \"it's\" , t: 'say \"hi\"', u: 'both \\' and \"', n: 'line\\nbreak' }",
        "{ s: \"it's\", t: 'say \"hi\"', u: `both ' and \"`, n: 'line\\nbreak' }",
    ),
    (
        "Array.from({length: 30}, (_, i) => i)",
        "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,\n   9, 10, 11, 12, 13, 14, 15, 16, 17,\n  18, 19, 20, 21, 22, 23, 24, 25, 26,\n  27, 28, 29\n]",
    ),
    (
        "Array.from({length: 120}, (_, i) => i * 3)",
        "[\n    0,   3,   6,   9,  12,  15,  18,  21,  24,  27,  30,  33,\n   36,  39,  42,  45,  48,  51,  54,  57,  60,  63,  66,  69,\n   72,  75,  78,  81,  84,  87,  90,  93,  96,  99, 102, 105,\n  108, 111, 114, 117, 120, 123, 126, 129, 132, 135, 138, 141,\n  144, 147, 150, 153, 156, 159, 162, 165, 168, 171, 174, 177,\n  180, 183, 186, 189, 192, 195, 198, 201, 204, 207, 210, 213,\n  216, 219, 222, 225, 228, 231, 234, 237, 240, 243, 246, 249,\n  252, 255, 258, 261, 264, 267, 270, 273, 276, 279, 282, 285,\n  288, 291, 294, 297,\n  ... 20 more items\n]",
    ),
    (
        "['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew', 'kiwi']",
        "[\n  'apple',      'banana',\n  'cherry',     'date',\n  'elderberry', 'fig',\n  'grape',      'honeydew',\n  'kiwi'\n]",
    ),
    (
        "new Map([['a', 1], ['b', {c: 2}]])",
        "Map(2) { 'a' => 1, 'b' => { c: 2 } }",
    ),
    (
        "new Set([1, 'two', [3]])",
        "Set(3) { 1, 'two', [ 3 ] }",
    ),
    (
        "new Date(0)",
        "1970-01-01T00:00:00.000Z",
    ),
    (
        "/ab+c/gi",
        "/ab+c/gi",
    ),
    (
        "function named() {}",
        "[Function: named]",
    ),
    (
        "() => 1",
        "[Function (anonymous)]",
    ),
    (
        "class Foo { constructor() { this.x = 1; } }",
        "[class Foo]",
    ),
    (
        "new (class Foo { constructor() { this.x = 1; } })()",
        "Foo { x: 1 }",
    ),
    (
        "Object.create(null)",
        "[Object: null prototype] {}",
    ),
    (
        "(() => { const o = Object.create(null); o.a = 1; return o; })()",
        "[Object: null prototype] { a: 1 }",
    ),
    (
        "(() => { const o = {name: 'loop'}; o.self = o; return o; })()",
        "<ref *1> { name: 'loop', self: [Circular *1] }",
    ),
    (
        "{ nested: { arr: [[1, [2, [3, [4]]]]] } }",
        "{ nested: { arr: [ [Array] ] } }",
    ),
    (
        "[,,1,,]",
        "[ <2 empty items>, 1, <1 empty item> ]",
    ),
    (
        "{ f: function () {}, g: () => {}, h: class {} }",
        "{ f: [Function: f], g: [Function: g], h: [class h] }",
    ),
    (
        "Symbol('sym')",
        "Symbol(sym)",
    ),
    (
        "{ [Symbol('k')]: 'v' }",
        "{ [Symbol(k)]: 'v' }",
    ),
    (
        "10n",
        "10n",
    ),
    (
        "new Uint8Array([1, 2, 3])",
        "Uint8Array(3) [ 1, 2, 3 ]",
    ),
    (
        "[{a: 1, b: 2}, {a: 3, b: 4}]",
        "[ { a: 1, b: 2 }, { a: 3, b: 4 } ]",
    ),
    (
        "{ longlonglonglongkey1: 'value number one', longlonglonglongkey2: 'value number two', k3: 3 }",
        "{\n  longlonglonglongkey1: 'value number one',\n  longlonglonglongkey2: 'value number two',\n  k3: 3\n}",
    ),
    (
        "'%s is %d years and %i, %f, %j %o %%', 'Bob', 42.5, 42.5, '1.5', {a: 1}, [1]",
        "Bob is 42.5 years and 42, 1.5, {\"a\":1} [ 1, [length]: 1 ] %",
    ),
    (
        "'%s', {a: {b: 1}}, 'extra'",
        "{ a: [Object] } extra",
    ),
    (
        "null, undefined",
        "null undefined",
    ),
    (
        "[ 'x'.repeat(100) ]",
        "[\n  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n]",
    ),
    (
        "{ multi: 'first line\\nsecond line that is quite long to trigger the split behaviour of node util' }",
        "{\n  multi: 'first line\\n' +\n    'second line that is quite long to trigger the split behaviour of node util'\n}",
    ),
    (
        "new Number(3), new String('s'), new Boolean(false)",
        "[Number: 3] [String: 's'] [Boolean: false]",
    ),
    (
        "{ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }",
        "{ g: [Getter], s: [Setter], gs: [Getter/Setter] }",
    ),
    (
        "[undefined, null]",
        "[ undefined, null ]",
    ),
    (
        "{}",
        "{}",
    ),
    (
        "[]",
        "[]",
    ),
    (
        "new Map()",
        "Map(0) {}",
    ),
    (
        "Promise.resolve(4)",
        "Promise { 4 }",
    ),
    (
        "new Promise(() => {})",
        "Promise { <pending> }",
    ),
    (
        "(() => { const a = [1,2]; a.extra = 'x'; return a; })()",
        "[ 1, 2, extra: 'x' ]",
    ),
    (
        "{ a: [ { b: { c: {} } } ] }",
        "{ a: [ { b: [Object] } ] }",
    ),
    (
        "'\\u{0001}\\t'",
        "\u{0001}\t",
    ),
    (
        "{ x: '\\u{0001}\\t' }",
        "{ x: '\\x01\\t' }",
    ),
];

#[test]
fn console_log_formats_like_node() {
    let script: String = CASES
        .iter()
        .map(|(args, _)| format!("console.log({args});\n"))
        .collect();
    let r = test_script(&script);
    assert_eq!(r.error(), "");
    let got = r.console();
    assert_eq!(got.len(), CASES.len());
    let mut bad = Vec::new();
    for (i, (args, want)) in CASES.iter().enumerate() {
        if got[i] != *want {
            bad.push(format!(
                "console.log({args})\n  want: {want:?}\n  got:  {:?}",
                got[i]
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn console_levels_are_kept() {
    let r = test_script(
        "console.info('i'); console.warn('w'); console.error('e'); console.debug('d'); console.log('l');",
    );
    let levels: Vec<(String, String)> = r
        .outcome
        .console
        .iter()
        .map(|c| (c.level.clone(), c.text.clone()))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("info".into(), "i".into()),
            ("warn".into(), "w".into()),
            ("error".into(), "e".into()),
            ("debug".into(), "d".into()),
            ("log".into(), "l".into()),
        ]
    );
}

#[test]
fn errors_print_with_their_stack() {
    let r = test_script(
        "try { null.x; } catch (e) { console.log(e); }\nconsole.log({ err: new RangeError('r') });",
    );
    let c = r.console();
    assert!(
        c[0].starts_with("TypeError: cannot read property 'x' of null"),
        "{:?}",
        c[0]
    );
    assert!(c[0].contains("test-script.js:1:"), "{:?}", c[0]);
    assert!(c[1].starts_with("{\n  err: RangeError: r\n"), "{:?}", c[1]);
}
