(function (P) {
  'use strict';
  // Value formatting for console output, following Node's util.inspect and
  // util.format (default options: depth 2, breakLength 80, compact 3,
  // maxArrayLength 100, maxStringLength 10000), without colours.

  var hasOwn = Object.prototype.hasOwnProperty;
  var objToString = Object.prototype.toString;
  var IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  var ARRAY = 1;
  var ARRAY_EXTRAS = 2;
  var OBJECT = 0;

  var META = [];
  for (var c = 0; c < 32; c++) META[c] = '\\x' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
  META[8] = '\\b';
  META[9] = '\\t';
  META[10] = '\\n';
  META[12] = '\\f';
  META[13] = '\\r';
  META[127] = '\\x7F';

  function quote(str) {
    var q = "'";
    if (str.indexOf("'") !== -1) {
      if (str.indexOf('"') === -1) q = '"';
      else if (str.indexOf('`') === -1 && str.indexOf('${') === -1) q = '`';
    }
    var out = '';
    var last = 0;
    for (var i = 0; i < str.length; i++) {
      var code = str.charCodeAt(i);
      var rep = null;
      if (code < 32 || code === 127) rep = META[code];
      else if (code === 92) rep = '\\\\';
      else if (str[i] === q) rep = '\\' + q;
      else if (code >= 0xd800 && code <= 0xdfff) {
        var next = str.charCodeAt(i + 1);
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        rep = '\\u' + code.toString(16).toUpperCase();
      }
      if (rep !== null) {
        out += str.slice(last, i) + rep;
        last = i + 1;
      }
    }
    return q + out + str.slice(last) + q;
  }

  function formatNumber(n) {
    if (n === 0 && 1 / n < 0) return '-0';
    return String(n);
  }

  function formatPrimitive(ctx, value) {
    switch (typeof value) {
      case 'string': {
        var trailer = '';
        if (value.length > ctx.maxStringLength) {
          var rest = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = '... ' + rest + ' more character' + (rest > 1 ? 's' : '');
        }
        if (value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          var lines = value.split(/(?<=\n)/);
          if (lines.length > 1) {
            var pad = '\n' + ' '.repeat(ctx.indentationLvl + 2);
            return lines.map(quote).join(' +' + pad) + trailer;
          }
        }
        return quote(value) + trailer;
      }
      case 'number':
        return formatNumber(value);
      case 'bigint':
        return String(value) + 'n';
      case 'boolean':
        return String(value);
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return value.toString();
    }
    return String(value);
  }

  function constructorName(obj) {
    var tmp = obj;
    while (tmp !== null && tmp !== undefined) {
      var desc;
      try {
        desc = Object.getOwnPropertyDescriptor(tmp, 'constructor');
      } catch (e) {
        return null;
      }
      if (desc && typeof desc.value === 'function' && desc.value.name !== '') {
        try {
          if (obj instanceof desc.value) return desc.value.name;
        } catch (e) {
          /* not a constructor */
        }
        if (tmp === obj || Object.getPrototypeOf(obj) === tmp) return desc.value.name;
      }
      tmp = Object.getPrototypeOf(tmp);
    }
    return null;
  }

  function prefix(ctor, tag, fallback, size) {
    size = size === undefined ? '' : '(' + size + ')';
    if (ctor === null) {
      if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
      return '[' + fallback + size + ': null prototype] ';
    }
    if (tag !== '' && ctor !== tag) return ctor + size + ' [' + tag + '] ';
    return ctor + size + ' ';
  }

  function isIndex(key) {
    if (typeof key !== 'string' || key === '') return false;
    var n = Number(key);
    return n >>> 0 === n && String(n) === key && n !== 4294967295;
  }

  function ownKeys(value, nonIndex, showHidden) {
    var keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    if (nonIndex) keys = keys.filter(function (k) { return !isIndex(k); });
    var symbols = Object.getOwnPropertySymbols(value);
    for (var i = 0; i < symbols.length; i++) {
      var d = Object.getOwnPropertyDescriptor(value, symbols[i]);
      if (d && (d.enumerable || showHidden)) keys.push(symbols[i]);
    }
    return keys;
  }

  function getTag(value) {
    var tag = value[Symbol.toStringTag];
    return typeof tag === 'string' ? tag : '';
  }

  function functionBase(value, ctor, tag) {
    var src = '';
    try {
      src = Function.prototype.toString.call(value);
    } catch (e) {
      /* ignore */
    }
    if (src.slice(0, 5) === 'class' && /^class(\s|\{)/.test(src)) {
      var name = value.name ? 'class ' + value.name : 'class (anonymous)';
      var sup = Object.getPrototypeOf(value);
      if (sup && sup.name) name += ' extends ' + sup.name;
      return '[' + name + ']';
    }
    var type = 'Function';
    if (ctor === 'AsyncFunction' || ctor === 'GeneratorFunction' || ctor === 'AsyncGeneratorFunction') type = ctor;
    var base = '[' + type;
    if (ctor === null) base += ' (null prototype)';
    base += value.name === '' ? ' (anonymous)' : ': ' + value.name;
    base += ']';
    if (ctor !== type && ctor !== null && ctor !== 'Function') base += ' ' + ctor;
    if (tag !== '' && ctor !== tag) base += ' [' + tag + ']';
    return base;
  }

  function formatError(err) {
    var name = err.name != null ? String(err.name) : 'Error';
    var message = err.message != null ? String(err.message) : '';
    var head = message ? name + ': ' + message : name;
    var stack = typeof err.stack === 'string' ? err.stack : '';
    if (stack && /^\s+at /.test(stack)) return (head + '\n' + stack).replace(/\s+$/, '');
    if (stack) return stack.replace(/\s+$/, '');
    return '[' + head + ']';
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
    if (value === null) return 'null';
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    var idx = ctx.seen.indexOf(value);
    if (idx !== -1) {
      var ref = ctx.circular.get(value);
      if (ref === undefined) {
        ref = ctx.circular.size + 1;
        ctx.circular.set(value, ref);
      }
      return '[Circular *' + ref + ']';
    }

    var ctor = constructorName(value);
    var tag = getTag(value);
    var keys;
    var base = '';
    var braces;
    var formatter = formatNothing;
    var extrasType = OBJECT;
    var noEntries = false;

    if (Array.isArray(value)) {
      keys = ownKeys(value, true, ctx.showHidden);
      var pre = ctor !== 'Array' || tag !== '' ? prefix(ctor, tag, 'Array', value.length) : '';
      braces = [pre + '[', ']'];
      if (value.length === 0 && keys.length === 0) return braces[0] + ']';
      extrasType = ARRAY_EXTRAS;
      formatter = formatArray;
    } else if (value instanceof Set || objToString.call(value) === '[object Set]') {
      keys = ownKeys(value);
      var setPre = prefix(ctor, tag, 'Set', value.size);
      formatter = formatSet;
      if (value.size === 0 && keys.length === 0) return setPre + '{}';
      braces = [setPre + '{', '}'];
    } else if (value instanceof Map || objToString.call(value) === '[object Map]') {
      keys = ownKeys(value);
      var mapPre = prefix(ctor, tag, 'Map', value.size);
      formatter = formatMap;
      if (value.size === 0 && keys.length === 0) return mapPre + '{}';
      braces = [mapPre + '{', '}'];
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      keys = ownKeys(value, true);
      var fallback = ctor || tag || 'TypedArray';
      braces = [prefix(ctor, tag, fallback, value.length) + '[', ']'];
      if (value.length === 0 && keys.length === 0) return braces[0] + ']';
      formatter = formatTypedArray;
      extrasType = ARRAY_EXTRAS;
    } else if (typeof value === 'function') {
      keys = ownKeys(value);
      base = functionBase(value, ctor, tag);
      if (keys.length === 0) return base;
      braces = ['{', '}'];
    } else if (value instanceof RegExp || objToString.call(value) === '[object RegExp]') {
      keys = ownKeys(value);
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return base;
      braces = ['{', '}'];
    } else if (value instanceof Date || objToString.call(value) === '[object Date]') {
      keys = ownKeys(value);
      var t = Date.prototype.getTime.call(value);
      base = isNaN(t) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
      if (keys.length === 0) return base;
      braces = ['{', '}'];
    } else if (value instanceof Error || objToString.call(value) === '[object Error]') {
      keys = ownKeys(value).filter(function (k) { return k !== 'stack' && k !== 'message'; });
      base = formatError(value);
      if (ctx.indentationLvl !== 0) base = base.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
      if (keys.length === 0) return base;
      braces = ['{', '}'];
    } else if (value instanceof ArrayBuffer || objToString.call(value) === '[object ArrayBuffer]') {
      keys = ownKeys(value);
      braces = [prefix(ctor, tag, 'ArrayBuffer') + '{', '}'];
      formatter = formatArrayBuffer;
    } else if (value instanceof Promise || objToString.call(value) === '[object Promise]') {
      keys = ownKeys(value);
      braces = [prefix(ctor, tag, 'Promise') + '{', '}'];
      formatter = formatPromise;
    } else if (value instanceof WeakMap || value instanceof WeakSet) {
      keys = ownKeys(value);
      braces = [prefix(ctor, tag, value instanceof WeakMap ? 'WeakMap' : 'WeakSet') + '{', '}'];
      formatter = function () { return ['<items unknown>']; };
    } else if (isBoxed(value)) {
      keys = ownKeys(value, true);
      base = boxedBase(ctx, value);
      if (keys.length === 0) return base;
      braces = ['{', '}'];
    } else {
      keys = ownKeys(value);
      if (ctor === 'Object') {
        if (objToString.call(value) === '[object Arguments]') {
          braces = ['[Arguments] [', ']'];
          extrasType = ARRAY_EXTRAS;
          formatter = formatArray;
          keys = ownKeys(value, true);
          if (value.length === 0 && keys.length === 0) return '[Arguments] []';
        } else {
          braces = [(tag !== '' ? prefix(ctor, tag, 'Object') : '') + '{', '}'];
          if (keys.length === 0) return braces[0] + '}';
        }
      } else {
        braces = [prefix(ctor, tag, 'Object') + '{', '}'];
        if (keys.length === 0) return braces[0] + '}';
      }
      noEntries = true;
    }

    if (recurseTimes > ctx.depth) {
      var name = Array.isArray(value) ? 'Array' : ctor || tag || 'Object';
      if (ctor === null) name = '[' + prefix(ctor, tag, 'Object').slice(0, -1) + ']';
      else name = '[' + name + ']';
      return name;
    }

    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    var output;
    try {
      output = noEntries ? [] : formatter(ctx, value, recurseTimes);
      for (var i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
    } catch (e) {
      output = ['<Inspection threw (' + (e && e.message) + ')>'];
    }
    ctx.seen.pop();

    var ref2 = ctx.circular.get(value);
    if (ref2 !== undefined) {
      var marker = '<ref *' + ref2 + '> ';
      if (base === '') braces[0] = marker + braces[0];
      else base = marker + base;
    }
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  function isBoxed(value) {
    return value instanceof Number || value instanceof String || value instanceof Boolean ||
      (typeof BigInt === 'function' && value instanceof BigInt) || value instanceof Symbol;
  }

  function boxedBase(ctx, value) {
    var type;
    var prim;
    if (value instanceof Number) { type = 'Number'; prim = formatNumber(Number.prototype.valueOf.call(value)); }
    else if (value instanceof String) { type = 'String'; prim = quote(String.prototype.valueOf.call(value)); }
    else if (value instanceof Boolean) { type = 'Boolean'; prim = String(Boolean.prototype.valueOf.call(value)); }
    else if (value instanceof Symbol) { type = 'Symbol'; prim = Symbol.prototype.toString.call(value); }
    else { type = 'BigInt'; prim = String(BigInt.prototype.valueOf.call(value)) + 'n'; }
    return '[' + type + ': ' + prim + ']';
  }

  function formatNothing() {
    return [];
  }

  function formatArray(ctx, value, recurseTimes) {
    var len = value.length;
    var max = Math.min(ctx.maxArrayLength, len);
    var output = [];
    var holes = 0;
    var shown = 0;
    for (var i = 0; i < len && shown < max; i++) {
      if (!hasOwn.call(value, i)) {
        holes++;
        continue;
      }
      if (holes) {
        output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
        shown++;
        holes = 0;
        if (shown >= max) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, i, ARRAY));
      shown++;
    }
    if (holes && shown < max) {
      output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      i = len;
    }
    var remaining = len - i;
    if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
    return output;
  }

  function formatTypedArray(ctx, value) {
    var len = Math.min(ctx.maxArrayLength, value.length);
    var output = [];
    for (var i = 0; i < len; i++) {
      var v = value[i];
      output.push(typeof v === 'bigint' ? String(v) + 'n' : formatNumber(v));
    }
    var remaining = value.length - len;
    if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    var bytes = new Uint8Array(value);
    var hex = [];
    var max = Math.min(ctx.maxArrayLength, bytes.length);
    for (var i = 0; i < max; i++) hex.push((bytes[i] < 16 ? '0' : '') + bytes[i].toString(16));
    var str = hex.join(' ');
    var remaining = bytes.length - max;
    if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
    return ['[Uint8Contents]: <' + str + '>', 'byteLength: ' + formatNumber(value.byteLength)];
  }

  function formatSet(ctx, value, recurseTimes) {
    var output = [];
    ctx.indentationLvl += 2;
    value.forEach(function (v) {
      output.push(formatValue(ctx, v, recurseTimes));
    });
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    var output = [];
    ctx.indentationLvl += 2;
    value.forEach(function (v, k) {
      output.push(formatValue(ctx, k, recurseTimes) + ' => ' + formatValue(ctx, v, recurseTimes));
    });
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatPromise(ctx, value, recurseTimes) {
    var state = P.promiseState ? P.promiseState(value) : null;
    if (!state || state[0] === 'pending') return ['<pending>'];
    ctx.indentationLvl += 2;
    var str = formatValue(ctx, state[1], recurseTimes);
    ctx.indentationLvl -= 2;
    return [state[0] === 'rejected' ? '<rejected> ' + str : str];
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    var desc;
    try {
      desc = Object.getOwnPropertyDescriptor(value, key);
    } catch (e) {
      desc = undefined;
    }
    if (!desc) desc = { value: value[key], enumerable: true };
    var str;
    if (desc.value !== undefined) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, desc.value, recurseTimes, type === ARRAY);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else if (desc.set !== undefined) {
      str = '[Setter]';
    } else {
      str = 'undefined';
    }
    if (type === ARRAY) return str;
    var name;
    if (typeof key === 'symbol') name = '[' + key.toString() + ']';
    else if (key === '__proto__') name = "['__proto__']";
    else if (desc.enumerable === false) name = '[' + key + ']';
    else if (IDENT.test(key)) name = key;
    else name = quote(key);
    return name + ': ' + str;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    var total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (var i = 0; i < output.length; i++) {
      total += output[i].length;
      if (total > ctx.breakLength) return false;
    }
    return base === '' || base.indexOf('\n') === -1;
  }

  function groupArrayElements(ctx, output, value) {
    var totalLength = 0;
    var maxLength = 0;
    var i = 0;
    var outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    var separatorSpace = 2;
    var dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      var len = output[i].length;
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    var actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      var averageBias = Math.sqrt(actualMax - totalLength / output.length);
      var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      var columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15
      );
      if (columns <= 1) return output;
      var tmp = [];
      var maxLineLength = [];
      for (var col = 0; col < columns; col++) {
        var lineLength = 0;
        for (var j = col; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      var padStart = true;
      if (value !== undefined) {
        for (var k = 0; k < output.length; k++) {
          if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (var row = 0; row < outputLength; row += columns) {
        var max = Math.min(row + columns, outputLength);
        var str = '';
        var m = row;
        for (; m < max - 1; m++) {
          var cell = output[m] + ', ';
          var width = maxLineLength[m - row];
          str += padStart ? cell.padStart(width, ' ') : cell.padEnd(width, ' ');
        }
        if (padStart) str += output[m].padStart(maxLineLength[m - row] - separatorSpace, ' ');
        else str += output[m];
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    var entries = output.length;
    if (extrasType === ARRAY_EXTRAS && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
      var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        var joined = output.join(', ');
        if (joined.indexOf('\n') === -1) {
          return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
        }
      }
    }
    var indentation = '\n' + ' '.repeat(ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + indentation + '  ' +
      output.join(',' + indentation + '  ') + indentation + braces[1];
  }

  function inspect(value, opts) {
    var ctx = {
      seen: [],
      circular: new Map(),
      indentationLvl: 0,
      currentDepth: 0,
      depth: 2,
      breakLength: 80,
      compact: 3,
      maxArrayLength: 100,
      maxStringLength: 10000,
      showHidden: false
    };
    if (opts && typeof opts === 'object') {
      if (opts.depth === null || opts.depth === Infinity) ctx.depth = Infinity;
      else if (typeof opts.depth === 'number') ctx.depth = opts.depth;
      if (typeof opts.breakLength === 'number') ctx.breakLength = opts.breakLength;
      if (typeof opts.maxArrayLength === 'number') ctx.maxArrayLength = opts.maxArrayLength;
      if (typeof opts.maxStringLength === 'number') ctx.maxStringLength = opts.maxStringLength;
      if (opts.showHidden) ctx.showHidden = true;
    }
    return formatValue(ctx, value, 0);
  }

  function formatWithOptions(args) {
    var first = args[0];
    var a = 0;
    var str = '';
    var join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      var lastPos = 0;
      var tempStr;
      for (var i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        var next = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (next) {
            case 115: { // 's'
              var arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(arg);
              else if (typeof arg === 'bigint') tempStr = String(arg) + 'n';
              else if (typeof arg !== 'object' || arg === null || hasCustomToString(arg)) tempStr = String(arg);
              else tempStr = inspect(arg, { depth: 0 });
              break;
            }
            case 106: // 'j'
              tempStr = tryStringify(args[++a]);
              break;
            case 100: { // 'd'
              var n = args[++a];
              if (typeof n === 'bigint') tempStr = String(n) + 'n';
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number(n));
              break;
            }
            case 79: // 'O'
              tempStr = inspect(args[++a]);
              break;
            case 111: // 'o'
              tempStr = inspect(args[++a], { depth: 4, showHidden: true });
              break;
            case 105: { // 'i'
              var iv = args[++a];
              if (typeof iv === 'bigint') tempStr = String(iv) + 'n';
              else if (typeof iv === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(parseInt(iv));
              break;
            }
            case 102: { // 'f'
              var fv = args[++a];
              tempStr = typeof fv === 'symbol' ? 'NaN' : formatNumber(parseFloat(fv));
              break;
            }
            case 99: // 'c'
              a += 1;
              tempStr = '';
              break;
            case 37: // '%'
              str += first.slice(lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (next === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      var value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  function hasCustomToString(obj) {
    var proto = obj;
    while (proto !== null && proto !== Object.prototype && proto !== Error.prototype) {
      if (hasOwn.call(proto, 'toString')) return true;
      proto = Object.getPrototypeOf(proto);
    }
    if (obj instanceof Error || obj instanceof Date) return true;
    return false;
  }

  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (e) {
      if (e && /circular/i.test(String(e.message))) return '[Circular]';
      throw e;
    }
  }

  P.inspect = inspect;
  P.format = function () {
    return formatWithOptions(Array.prototype.slice.call(arguments));
  };
  P.quote = quote;
});
