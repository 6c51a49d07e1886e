// moment.js compatible subset for collection scripts (module `moment`).
// Written for postie. English locale only. A moment is a timestamp plus a
// display mode: local (the process time zone, via Date's local getters),
// UTC, or a fixed offset (utcOffset(n) / parseZone). Durations keep
// milliseconds, days and months apart like moment does.
'use strict';

var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
var MONTHS_SHORT = MONTHS.map(function (m) { return m.slice(0, 3); });
var WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
var WEEKDAYS_SHORT = WEEKDAYS.map(function (d) { return d.slice(0, 3); });
var WEEKDAYS_MIN = WEEKDAYS.map(function (d) { return d.slice(0, 2); });
var LONG_FORMATS = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  L: 'MM/DD/YYYY',
  LL: 'MMMM D, YYYY',
  LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
  l: 'M/D/YYYY',
  ll: 'MMM D, YYYY',
  lll: 'MMM D, YYYY h:mm A',
  llll: 'ddd, MMM D, YYYY h:mm A'
};
var RELATIVE = {
  future: 'in %s', past: '%s ago', s: 'a few seconds', ss: '%d seconds', m: 'a minute', mm: '%d minutes',
  h: 'an hour', hh: '%d hours', d: 'a day', dd: '%d days', w: 'a week', ww: '%d weeks', M: 'a month',
  MM: '%d months', y: 'a year', yy: '%d years'
};
var THRESHOLDS = { ss: 44, s: 45, m: 45, h: 22, d: 26, w: null, M: 11 };

var UNIT_ALIASES = {
  y: 'year', year: 'year', years: 'year',
  Q: 'quarter', quarter: 'quarter', quarters: 'quarter',
  M: 'month', month: 'month', months: 'month',
  w: 'week', week: 'week', weeks: 'week',
  W: 'isoWeek', isoWeek: 'isoWeek', isoWeeks: 'isoWeek', isoweek: 'isoWeek', isoweeks: 'isoWeek',
  d: 'day', day: 'day', days: 'day',
  D: 'date', date: 'date', dates: 'date',
  h: 'hour', hour: 'hour', hours: 'hour',
  m: 'minute', minute: 'minute', minutes: 'minute',
  s: 'second', second: 'second', seconds: 'second',
  ms: 'millisecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  e: 'weekday', weekday: 'weekday', weekdays: 'weekday',
  E: 'isoWeekday', isoWeekday: 'isoWeekday', isoWeekdays: 'isoWeekday',
  DDD: 'dayOfYear', dayOfYear: 'dayOfYear', dayOfYears: 'dayOfYear', dayofyear: 'dayOfYear'
};

function normalizeUnits(u) {
  if (u === undefined || u === null) return undefined;
  return UNIT_ALIASES[u] || UNIT_ALIASES[String(u).toLowerCase()] || undefined;
}

function pad(n, width) {
  var s = String(Math.abs(n));
  while (s.length < width) s = '0' + s;
  return (n < 0 ? '-' : '') + s;
}

function absFloor(n) { return n < 0 ? Math.ceil(n) || 0 : Math.floor(n); }
function absRound(n) { return n < 0 ? Math.round(-n) * -1 : Math.round(n); }
function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
function daysInMonth(y, m) {
  var mm = ((m % 12) + 12) % 12;
  y += (m - mm) / 12;
  return mm === 1 ? (isLeap(y) ? 29 : 28) : 31 - ((mm % 7) % 2);
}
function ordinal(n) {
  var b = n % 10;
  var suffix = Math.floor((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return n + suffix;
}

// Milliseconds since epoch for a wall-clock time read as UTC.
// Years 0-99 are shifted by a 400-year cycle so Date does not read them as 19xx.
function utcMs(y, mo, d, h, mi, s, ms) {
  var shift = y >= 0 && y < 100 ? 400 : 0;
  var dt = new Date(Date.UTC(y + shift, mo || 0, d === undefined ? 1 : d, h || 0, mi || 0, s || 0, ms || 0));
  if (shift) dt.setUTCFullYear(dt.getUTCFullYear() - shift);
  return dt.getTime();
}

// Milliseconds since epoch for a wall-clock time in the local zone.
function localMs(y, mo, d, h, mi, s, ms) {
  var shift = y >= 0 && y < 100 ? 400 : 0;
  var dt = new Date(y + shift, mo || 0, d === undefined ? 1 : d, h || 0, mi || 0, s || 0, ms || 0);
  if (shift) dt.setFullYear(dt.getFullYear() - shift);
  return dt.getTime();
}

// ---------------------------------------------------------------- Moment

function Moment(ms, mode, offset) {
  this._d = new Date(ms);
  this._isUTC = mode !== 'local';
  this._offset = mode === 'offset' ? offset : mode === 'utc' ? 0 : undefined;
  this._mode = mode;
  this._isAMomentObject = true;
  this._isValid = ms === ms && isFinite(ms) && !isNaN(this._d.getTime());
}

function make(ms, mode, offset) { return new Moment(ms, mode, offset); }

var proto = Moment.prototype;

// Wall-clock fields in the moment's display mode.
proto._fields = function () {
  var d = this._d;
  if (this._mode === 'local') {
    return { Y: d.getFullYear(), M: d.getMonth(), D: d.getDate(), h: d.getHours(), m: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds(), dow: d.getDay() };
  }
  var u = this._mode === 'offset' ? new Date(d.getTime() + this._offset * 60000) : d;
  return { Y: u.getUTCFullYear(), M: u.getUTCMonth(), D: u.getUTCDate(), h: u.getUTCHours(), m: u.getUTCMinutes(), s: u.getUTCSeconds(), ms: u.getUTCMilliseconds(), dow: u.getUTCDay() };
};

// Sets the timestamp from wall-clock fields in the moment's display mode.
proto._setFields = function (f) {
  var ms;
  if (this._mode === 'local') ms = localMs(f.Y, f.M, f.D, f.h, f.m, f.s, f.ms);
  else ms = utcMs(f.Y, f.M, f.D, f.h, f.m, f.s, f.ms) - (this._mode === 'offset' ? this._offset * 60000 : 0);
  this._d = new Date(ms);
  return this;
};

proto.isValid = function () { return this._isValid; };
proto.valueOf = function () { return this._d.getTime(); };
proto.unix = function () { return Math.floor(this.valueOf() / 1000); };
proto.toDate = function () { return new Date(this.valueOf()); };
proto.clone = function () {
  var c = make(this.valueOf(), this._mode, this._offset);
  c._isValid = this._isValid;
  return c;
};
proto.isUTC = proto.isUtc = function () { return this._mode !== 'local' && this._offset === 0; };
proto.isLocal = function () { return this._mode === 'local'; };
proto.isUtcOffset = function () { return this._mode !== 'local'; };
proto.utc = function (keepLocalTime) { return this.utcOffset(0, keepLocalTime); };
proto.local = function (keepLocalTime) {
  if (this._mode !== 'local') {
    var f = this._fields();
    this._mode = 'local';
    this._isUTC = false;
    this._offset = undefined;
    if (keepLocalTime) this._setFields(f);
  }
  return this;
};
proto.utcOffset = function (input, keepLocalTime) {
  if (input === undefined) {
    if (!this._isValid) return NaN;
    return this._mode === 'local' ? -Math.round(this._d.getTimezoneOffset()) || 0 : this._offset;
  }
  var off = input;
  if (typeof input === 'string') {
    off = parseOffset(input);
    if (off === null) return this;
  } else if (Math.abs(off) < 16) {
    off = off * 60;
  }
  var f = this._fields();
  this._mode = 'offset';
  this._offset = off;
  this._isUTC = true;
  if (keepLocalTime) this._setFields(f);
  return this;
};
proto.parseZone = function () {
  if (typeof this._i === 'string') {
    var m = /\d\d:?\d\d(?::?\d\d(?:[.,]\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)\s*$/i.exec(this._i);
    if (m) this.utcOffset(parseOffset(m[1]));
  }
  return this;
};
proto.zone = function () { return -this.utcOffset(); };
proto.isDST = function () {
  if (this._mode !== 'local') return false;
  var y = this.year();
  var jan = -new Date(y, 0, 1).getTimezoneOffset();
  var jul = -new Date(y, 6, 1).getTimezoneOffset();
  return jan !== jul && this.utcOffset() === Math.max(jan, jul);
};

function parseOffset(s) {
  var m = /(Z|[+-]\d\d(?::?\d\d)?)$/i.exec(String(s).trim());
  if (!m) return null;
  if (m[1].toUpperCase() === 'Z') return 0;
  var sign = m[1][0] === '-' ? -1 : 1;
  var digits = m[1].slice(1).replace(':', '');
  return sign * (parseInt(digits.slice(0, 2), 10) * 60 + (parseInt(digits.slice(2) || '0', 10)));
}

// ---------------------------------------------------------------- getters/setters

function fieldAccessor(key, max) {
  return function (v) {
    if (v === undefined) return this._isValid ? this._fields()[key] : NaN;
    if (!this._isValid) return this;
    var f = this._fields();
    f[key] = toInt(v);
    if (key === 'M' && max) f.D = Math.min(f.D, daysInMonth(f.Y, f.M));
    return this._setFields(f);
  };
}

function toInt(v) {
  var n = +v;
  return n < 0 ? Math.ceil(n) : Math.floor(n);
}

proto.millisecond = proto.milliseconds = fieldAccessor('ms');
proto.second = proto.seconds = fieldAccessor('s');
proto.minute = proto.minutes = fieldAccessor('m');
proto.hour = proto.hours = fieldAccessor('h');
proto.date = proto.dates = fieldAccessor('D');
proto.year = proto.years = function (v) {
  if (v === undefined) return this._isValid ? this._fields().Y : NaN;
  if (!this._isValid) return this;
  var f = this._fields();
  f.Y = toInt(v);
  f.D = Math.min(f.D, daysInMonth(f.Y, f.M));
  return this._setFields(f);
};
proto.month = proto.months = function (v) {
  if (v === undefined) return this._isValid ? this._fields().M : NaN;
  if (!this._isValid) return this;
  if (typeof v === 'string' && !/^\s*-?\d+\s*$/.test(v)) {
    var idx = monthIndex(v);
    if (idx < 0) return this;
    v = idx;
  }
  var f = this._fields();
  var target = toInt(v);
  f.Y += Math.floor(target / 12);
  f.M = ((target % 12) + 12) % 12;
  f.D = Math.min(f.D, daysInMonth(f.Y, f.M));
  return this._setFields(f);
};
proto.day = proto.days = function (v) {
  if (!this._isValid) return v === undefined ? NaN : this;
  var dow = this._fields().dow;
  if (v === undefined) return dow;
  if (typeof v === 'string') {
    var i = weekdayIndex(v);
    v = i < 0 ? toInt(v) : i;
  }
  return this.add(v - dow, 'd');
};
proto.weekday = function (v) { return this.day(v); };
proto.isoWeekday = function (v) {
  if (!this._isValid) return v === undefined ? NaN : this;
  var iso = this.day() || 7;
  if (v === undefined) return iso;
  if (typeof v === 'string') v = weekdayIndex(v) || 7;
  return this.day(this.day() % 7 ? v : v - 7);
};
proto.dayOfYear = function (v) {
  var doy = Math.round((this.clone().startOf('day') - this.clone().startOf('year')) / 864e5) + 1;
  if (v === undefined) return doy;
  return this.add(v - doy, 'd');
};
proto.quarter = proto.quarters = function (v) {
  var q = Math.ceil((this.month() + 1) / 3);
  if (v === undefined) return q;
  return this.month((v - 1) * 3 + (this.month() % 3));
};

// Week of year: `dow` is the first day of week, week 1 contains Jan (7 + dow - doy).
function weekInfo(m, dow, doy) {
  var f = m._fields();
  var start = utcMs(f.Y, f.M, f.D) - (((f.dow - dow) + 7) % 7) * 864e5;
  var anchor = new Date(start + (doy - dow) * 864e5);
  var year = anchor.getUTCFullYear();
  var week = Math.floor((anchor.getTime() - utcMs(year, 0, 1)) / 864e5 / 7) + 1;
  return { week: week, year: year };
}
function weeksInYear(year, dow, doy) {
  var last = make(utcMs(year, 11, 31), 'utc');
  var w = weekInfo(last, dow, doy);
  return w.year === year ? w.week : weekInfo(last.clone().subtract(7, 'd'), dow, doy).week;
}

proto.week = proto.weeks = function (v) {
  var w = weekInfo(this, 0, 6).week;
  return v === undefined ? w : this.add((v - w) * 7, 'd');
};
proto.isoWeek = proto.isoWeeks = function (v) {
  var w = weekInfo(this, 1, 4).week;
  return v === undefined ? w : this.add((v - w) * 7, 'd');
};
proto.weekYear = function () { return weekInfo(this, 0, 6).year; };
proto.isoWeekYear = function () { return weekInfo(this, 1, 4).year; };
proto.weeksInYear = function () { return weeksInYear(this.year(), 0, 6); };
proto.isoWeeksInYear = function () { return weeksInYear(this.year(), 1, 4); };
proto.daysInMonth = function () { return daysInMonth(this.year(), this.month()); };
proto.isLeapYear = function () { return isLeap(this.year()); };

var GETTERS = {
  year: 'year', quarter: 'quarter', month: 'month', week: 'week', isoWeek: 'isoWeek', day: 'day', date: 'date',
  hour: 'hour', minute: 'minute', second: 'second', millisecond: 'millisecond', weekday: 'weekday',
  isoWeekday: 'isoWeekday', dayOfYear: 'dayOfYear'
};

proto.get = function (unit) {
  var u = normalizeUnits(unit);
  return u && GETTERS[u] ? this[GETTERS[u]]() : undefined;
};
proto.set = function (unit, value) {
  if (typeof unit === 'object' && unit) {
    var order = ['year', 'quarter', 'month', 'week', 'isoWeek', 'date', 'day', 'weekday', 'isoWeekday', 'dayOfYear', 'hour', 'minute', 'second', 'millisecond'];
    var norm = {};
    Object.keys(unit).forEach(function (k) { norm[normalizeUnits(k)] = unit[k]; });
    for (var i = 0; i < order.length; i++) if (norm[order[i]] !== undefined) this[GETTERS[order[i]]](norm[order[i]]);
    return this;
  }
  var u = normalizeUnits(unit);
  if (u && GETTERS[u]) this[GETTERS[u]](value);
  return this;
};

function monthIndex(name) {
  var n = String(name).toLowerCase();
  for (var i = 0; i < 12; i++) if (MONTHS[i].toLowerCase() === n || MONTHS_SHORT[i].toLowerCase() === n) return i;
  return -1;
}
function weekdayIndex(name) {
  var n = String(name).toLowerCase();
  for (var i = 0; i < 7; i++) {
    if (WEEKDAYS[i].toLowerCase() === n || WEEKDAYS_SHORT[i].toLowerCase() === n || WEEKDAYS_MIN[i].toLowerCase() === n) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- manipulation

function addSubtract(m, input, value, sign) {
  var dur = createDuration(input, value);
  if (!m._isValid) return m;
  var months = absRound(dur._months);
  var days = absRound(dur._days);
  if (months) m.month(m.month() + months * sign);
  if (days) {
    var f = m._fields();
    f.D += days * sign;
    m._setFields(f);
  }
  if (dur._milliseconds) m._d = new Date(m._d.getTime() + dur._milliseconds * sign);
  return m;
}

proto.add = function (input, value) {
  if (typeof input === 'string' && typeof value === 'number') return addSubtract(this, value, input, 1);
  return addSubtract(this, input, value, 1);
};
proto.subtract = function (input, value) {
  if (typeof input === 'string' && typeof value === 'number') return addSubtract(this, value, input, -1);
  return addSubtract(this, input, value, -1);
};

proto.startOf = function (unit) {
  var u = normalizeUnits(unit);
  if (!this._isValid || !u || u === 'millisecond') return this;
  var f = this._fields();
  switch (u) {
    case 'year':
      f.M = 0;
    /* falls through */
    case 'quarter':
      if (u === 'quarter') f.M = f.M - (f.M % 3);
    /* falls through */
    case 'month':
      f.D = 1;
      break;
    case 'week':
      f.D -= f.dow;
      break;
    case 'isoWeek':
      f.D -= (f.dow + 6) % 7;
      break;
  }
  if (u !== 'hour' && u !== 'minute' && u !== 'second') f.h = 0;
  if (u !== 'minute' && u !== 'second') f.m = 0;
  if (u !== 'second') f.s = 0;
  f.ms = 0;
  if (u === 'hour' || u === 'minute' || u === 'second') {
    // Time units: truncate the instant so DST-ambiguous hours stay put.
    var size = u === 'hour' ? 36e5 : u === 'minute' ? 6e4 : 1e3;
    var offMs = this.utcOffset() * 6e4;
    var t = this.valueOf() + offMs;
    this._d = new Date(t - (((t % size) + size) % size) - offMs);
    return this;
  }
  return this._setFields(f);
};

proto.endOf = function (unit) {
  var u = normalizeUnits(unit);
  if (!this._isValid || !u || u === 'millisecond') return this;
  var addUnit = u === 'date' ? 'day' : u === 'isoWeek' ? 'week' : u;
  this.startOf(u);
  this.add(1, addUnit);
  this._d = new Date(this.valueOf() - 1);
  return this;
};

// ---------------------------------------------------------------- comparison

// Non-moment inputs to comparisons are read as local time, like moment.
function toMoment(input) {
  return isMoment(input) ? input : createMoment(input, undefined, undefined, 'local');
}

proto.isBefore = function (input, units) {
  var other = toMoment(input);
  if (!this._isValid || !other._isValid) return false;
  var u = normalizeUnits(units) || 'millisecond';
  if (u === 'millisecond') return this.valueOf() < other.valueOf();
  return this.clone().endOf(u).valueOf() < other.valueOf();
};
proto.isAfter = function (input, units) {
  var other = toMoment(input);
  if (!this._isValid || !other._isValid) return false;
  var u = normalizeUnits(units) || 'millisecond';
  if (u === 'millisecond') return this.valueOf() > other.valueOf();
  return other.valueOf() < this.clone().startOf(u).valueOf();
};
proto.isSame = function (input, units) {
  var other = toMoment(input);
  if (!this._isValid || !other._isValid) return false;
  var u = normalizeUnits(units) || 'millisecond';
  if (u === 'millisecond') return this.valueOf() === other.valueOf();
  var ms = other.valueOf();
  return this.clone().startOf(u).valueOf() <= ms && ms <= this.clone().endOf(u).valueOf();
};
proto.isSameOrAfter = function (input, units) { return this.isSame(input, units) || this.isAfter(input, units); };
proto.isSameOrBefore = function (input, units) { return this.isSame(input, units) || this.isBefore(input, units); };
proto.isBetween = function (from, to, units, inclusivity) {
  var a = toMoment(from);
  var b = toMoment(to);
  if (!this._isValid || !a._isValid || !b._isValid) return false;
  inclusivity = inclusivity || '()';
  var left = inclusivity[0] === '(' ? this.isAfter(a, units) : !this.isBefore(a, units);
  var right = inclusivity[1] === ')' ? this.isBefore(b, units) : !this.isAfter(b, units);
  return left && right;
};

function monthDiff(a, b) {
  if (a.date() < b.date()) return -monthDiff(b, a);
  var whole = (b.year() - a.year()) * 12 + (b.month() - a.month());
  var anchor = a.clone().add(whole, 'months');
  var adjust;
  if (b - anchor < 0) {
    adjust = (b - anchor) / (anchor - a.clone().add(whole - 1, 'months'));
  } else {
    adjust = (b - anchor) / (a.clone().add(whole + 1, 'months') - anchor);
  }
  return -(whole + adjust) || 0;
}

proto.diff = function (input, units, asFloat) {
  var that = toMoment(input);
  if (!this._isValid || !that._isValid) return NaN;
  that = that.clone().utcOffset(this.utcOffset());
  if (this._mode === 'local') that.local();
  var zoneDelta = (that.utcOffset() - this.utcOffset()) * 6e4;
  var u = normalizeUnits(units);
  var out;
  switch (u) {
    case 'year': out = monthDiff(this, that) / 12; break;
    case 'month': out = monthDiff(this, that); break;
    case 'quarter': out = monthDiff(this, that) / 3; break;
    case 'second': out = (this - that) / 1e3; break;
    case 'minute': out = (this - that) / 6e4; break;
    case 'hour': out = (this - that) / 36e5; break;
    case 'day': out = (this - that - zoneDelta) / 864e5; break;
    case 'week': out = (this - that - zoneDelta) / 6048e5; break;
    default: out = this - that;
  }
  return asFloat ? out : absFloor(out);
};

// ---------------------------------------------------------------- display

var TOKEN_RE = /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;
var LONG_RE = /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g;

function expandLong(fmt) {
  for (var i = 0; i < 5 && LONG_RE.test(fmt); i++) {
    LONG_RE.lastIndex = 0;
    fmt = fmt.replace(LONG_RE, function (m, esc, bs, tok) { return esc || (bs ? tok : LONG_FORMATS[tok] || tok); });
  }
  LONG_RE.lastIndex = 0;
  return fmt;
}

function offsetString(off, sep) {
  var sign = off < 0 ? '-' : '+';
  off = Math.abs(off);
  return sign + pad(Math.floor(off / 60), 2) + sep + pad(off % 60, 2);
}

function formatToken(m, f, tok) {
  var h12 = f.h % 12 || 12;
  switch (tok) {
    case 'M': return String(f.M + 1);
    case 'Mo': return ordinal(f.M + 1);
    case 'MM': return pad(f.M + 1, 2);
    case 'MMM': return MONTHS_SHORT[f.M];
    case 'MMMM': return MONTHS[f.M];
    case 'Q': return String(Math.floor(f.M / 3) + 1);
    case 'Qo': return ordinal(Math.floor(f.M / 3) + 1);
    case 'D': return String(f.D);
    case 'Do': return ordinal(f.D);
    case 'DD': return pad(f.D, 2);
    case 'DDD': return String(m.dayOfYear());
    case 'DDDo': return ordinal(m.dayOfYear());
    case 'DDDD': return pad(m.dayOfYear(), 3);
    case 'd': return String(f.dow);
    case 'do': return ordinal(f.dow);
    case 'dd': return WEEKDAYS_MIN[f.dow];
    case 'ddd': return WEEKDAYS_SHORT[f.dow];
    case 'dddd': return WEEKDAYS[f.dow];
    case 'e': return String(f.dow);
    case 'E': return String(f.dow || 7);
    case 'w': return String(m.week());
    case 'wo': return ordinal(m.week());
    case 'ww': return pad(m.week(), 2);
    case 'W': return String(m.isoWeek());
    case 'Wo': return ordinal(m.isoWeek());
    case 'WW': return pad(m.isoWeek(), 2);
    case 'YY': return pad(((f.Y % 100) + 100) % 100, 2);
    case 'YYYY': return f.Y <= 9999 ? pad(f.Y, 4) : '+' + f.Y;
    case 'YYYYY': return pad(f.Y, 5);
    case 'YYYYYY': return (f.Y < 0 ? '-' : '+') + pad(Math.abs(f.Y), 6);
    case 'y': case 'yyyy': return String(f.Y);
    case 'gg': return pad(m.weekYear() % 100, 2);
    case 'gggg': return pad(m.weekYear(), 4);
    case 'ggggg': return pad(m.weekYear(), 5);
    case 'GG': return pad(m.isoWeekYear() % 100, 2);
    case 'GGGG': return pad(m.isoWeekYear(), 4);
    case 'GGGGG': return pad(m.isoWeekYear(), 5);
    case 'A': return f.h < 12 ? 'AM' : 'PM';
    case 'a': return f.h < 12 ? 'am' : 'pm';
    case 'H': return String(f.h);
    case 'HH': return pad(f.h, 2);
    case 'h': return String(h12);
    case 'hh': return pad(h12, 2);
    case 'k': return String(f.h || 24);
    case 'kk': return pad(f.h || 24, 2);
    case 'hmm': return h12 + pad(f.m, 2);
    case 'hmmss': return h12 + pad(f.m, 2) + pad(f.s, 2);
    case 'Hmm': return f.h + pad(f.m, 2);
    case 'Hmmss': return f.h + pad(f.m, 2) + pad(f.s, 2);
    case 'm': return String(f.m);
    case 'mm': return pad(f.m, 2);
    case 's': return String(f.s);
    case 'ss': return pad(f.s, 2);
    case 'X': return String(m.unix());
    case 'x': return String(m.valueOf());
    case 'Z': return offsetString(m.utcOffset(), ':');
    case 'ZZ': return offsetString(m.utcOffset(), '');
    case 'z': return m._mode !== 'local' && m._offset === 0 ? 'UTC' : '';
    case 'zz': return m._mode !== 'local' && m._offset === 0 ? 'Coordinated Universal Time' : '';
  }
  if (/^S{1,9}$/.test(tok)) return (pad(f.ms, 3) + '000000').slice(0, tok.length);
  return tok;
}

function formatMoment(m, fmt) {
  if (!m._isValid) return 'Invalid date';
  var f = m._fields();
  fmt = expandLong(fmt);
  return fmt.replace(TOKEN_RE, function (match, esc, bs, tok) {
    if (esc) return esc.slice(1, -1);
    if (bs) return tok;
    return formatToken(m, f, tok);
  });
}

proto.format = function (fmt) {
  if (!fmt) fmt = this.isUtc() ? moment.defaultFormatUtc : moment.defaultFormat;
  return formatMoment(this, fmt);
};
proto.toISOString = function (keepOffset) {
  if (!this._isValid) return null;
  if (keepOffset) {
    var shifted = new Date(this.valueOf() + this.utcOffset() * 60000).toISOString();
    return shifted.replace('Z', formatMoment(this, 'Z'));
  }
  var y = this._d.getUTCFullYear();
  if (y < 0 || y > 9999) return formatMoment(this.clone().utc(), 'YYYYYY-MM-DD[T]HH:mm:ss.SSS[Z]');
  return this._d.toISOString();
};
proto.toJSON = function () { return this._isValid ? this.toISOString() : null; };
proto.toString = function () {
  return this._isValid ? formatMoment(this.clone().locale('en'), 'ddd MMM DD YYYY HH:mm:ss [GMT]ZZ') : 'Invalid date';
};
proto.inspect = function () { return 'moment(' + (this._isValid ? this.format() : 'invalid') + ')'; };
proto.toArray = function () {
  var f = this._fields();
  return [f.Y, f.M, f.D, f.h, f.m, f.s, f.ms];
};
proto.toObject = function () {
  var f = this._fields();
  return { years: f.Y, months: f.M, date: f.D, hours: f.h, minutes: f.m, seconds: f.s, milliseconds: f.ms };
};
proto.locale = function (name) { return name === undefined ? 'en' : this; };
proto.lang = proto.locale;
proto.localeData = function () { return moment.localeData(); };
proto.creationData = function () { return { input: this._i, format: this._f, isUTC: this._isUTC, strict: this._strict }; };

function relative(dur, withoutSuffix) {
  var round = Math.round;
  var seconds = round(Math.abs(dur.as('s')));
  var minutes = round(Math.abs(dur.as('m')));
  var hours = round(Math.abs(dur.as('h')));
  var days = round(Math.abs(dur.as('d')));
  var months = round(Math.abs(dur.as('M')));
  var weeks = round(Math.abs(dur.as('w')));
  var years = round(Math.abs(dur.as('y')));
  var t = THRESHOLDS;
  var a = (seconds <= t.ss && ['s', seconds]) || (seconds < t.s && ['ss', seconds]) || (minutes <= 1 && ['m']) ||
    (minutes < t.m && ['mm', minutes]) || (hours <= 1 && ['h']) || (hours < t.h && ['hh', hours]) ||
    (days <= 1 && ['d']) || (days < t.d && ['dd', days]);
  if (!a && t.w != null) a = (weeks <= 1 && ['w']) || (weeks < t.w && ['ww', weeks]);
  a = a || (months <= 1 && ['M']) || (months < t.M && ['MM', months]) || (years <= 1 && ['y']) || ['yy', years];
  var text = RELATIVE[a[0]].replace('%d', a[1]);
  if (withoutSuffix) return text;
  return (dur.valueOf() > 0 ? RELATIVE.future : RELATIVE.past).replace('%s', text);
}

// Duration `to - from` as whole months plus milliseconds, like moment.
function durationBetween(from, to) {
  var base = from;
  var other = to.clone().utcOffset(base.utcOffset());
  if (base._mode === 'local') other.local();
  var sign = 1;
  if (!base.isBefore(other)) {
    var t = base;
    base = other;
    other = t;
    sign = -1;
  }
  var months = other.month() - base.month() + (other.year() - base.year()) * 12;
  if (base.clone().add(months, 'M').isAfter(other)) months--;
  var ms = other.valueOf() - base.clone().add(months, 'M').valueOf();
  var d = new Duration({ months: sign * months, milliseconds: sign * ms });
  return d;
}

proto.from = function (input, withoutSuffix) {
  var other = toMoment(input);
  if (!this._isValid || !other._isValid) return 'Invalid date';
  return relative(durationBetween(other, this), withoutSuffix);
};
proto.to = function (input, withoutSuffix) {
  var other = toMoment(input);
  if (!this._isValid || !other._isValid) return 'Invalid date';
  return relative(durationBetween(this, other), withoutSuffix);
};
proto.fromNow = function (withoutSuffix) { return this.from(moment(), withoutSuffix); };
proto.toNow = function (withoutSuffix) { return this.to(moment(), withoutSuffix); };

var CALENDAR = {
  sameDay: '[Today at] LT', nextDay: '[Tomorrow at] LT', nextWeek: 'dddd [at] LT',
  lastDay: '[Yesterday at] LT', lastWeek: '[Last] dddd [at] LT', sameElse: 'L'
};
proto.calendar = function (time, formats) {
  if (time && !isMoment(time) && typeof time === 'object' && !(time instanceof Date) && !Array.isArray(time)) {
    formats = time;
    time = undefined;
  }
  var now = time === undefined ? moment() : toMoment(time);
  var sod = now.clone().utcOffset(this.utcOffset());
  if (this._mode === 'local') sod.local();
  sod.startOf('day');
  var diff = this.diff(sod, 'days', true);
  var key = diff < -6 ? 'sameElse' : diff < -1 ? 'lastWeek' : diff < 0 ? 'lastDay' : diff < 1 ? 'sameDay' : diff < 2 ? 'nextDay' : diff < 7 ? 'nextWeek' : 'sameElse';
  var out = (formats && formats[key]) || CALENDAR[key];
  if (typeof out === 'function') out = out.call(this, now);
  return this.format(out);
};

// ---------------------------------------------------------------- parsing

var ISO_RE = /^\s*([+-]\d{6}|\d{4})(?:-?(\d\d)(?:-?(\d\d))?)?(?:(?:T|\s+)(\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d+))?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?)?\s*$/i;
var ISO_BASIC_RE = /^\s*(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)?(\d\d)?(?:[.,](\d+))?\s*(Z|[+-]\d\d(?::?\d\d)?)?)?\s*$/i;
var ISO_WEEK_RE = /^\s*(\d{4})-?W(\d\d)(?:-?(\d))?/;
var RFC2822_RE = /^(?:\w{3},?\s+)?(\d{1,2})\s+(\w{3})\s+(\d{2,4})\s+(\d\d):(\d\d)(?::(\d\d))?\s+(UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z]|[+-]\d{4})\s*$/;

function buildFromParts(p, mode) {
  // p: {Y, M, D, h, m, s, ms, offset (minutes or undefined)}
  var Y = p.Y;
  var M = p.M === undefined ? 0 : p.M;
  var D = p.D === undefined ? 1 : p.D;
  var h = p.h || 0;
  var mi = p.m || 0;
  var s = p.s || 0;
  var ms = p.ms || 0;
  if (M < 0 || M > 11 || D < 1 || D > daysInMonth(Y, M) || h < 0 || h > 24 || mi > 59 || s > 59 ||
      (h === 24 && (mi || s || ms))) {
    return invalidMoment(mode);
  }
  var t;
  if (p.offset !== undefined) t = utcMs(Y, M, D, h, mi, s, ms) - p.offset * 60000;
  else if (mode === 'local') t = localMs(Y, M, D, h, mi, s, ms);
  else t = utcMs(Y, M, D, h, mi, s, ms);
  var m = make(t, mode === 'offset' ? 'utc' : mode);
  if (mode === 'offset' && p.offset !== undefined) m.utcOffset(p.offset);
  return m;
}

function invalidMoment(mode) {
  var m = make(NaN, mode === 'offset' ? 'utc' : mode || 'local');
  m._isValid = false;
  return m;
}

function fracMs(frac) { return frac ? Math.floor(+('0.' + frac) * 1000 + 1e-7) : 0; }

function parseIso(str, mode) {
  var m = ISO_RE.exec(str) || ISO_BASIC_RE.exec(str);
  if (!m) {
    var w = ISO_WEEK_RE.exec(str);
    if (w) {
      var base = make(utcMs(+w[1], 0, 4), 'utc');
      var monday = base.clone().startOf('isoWeek').add((+w[2] - 1) * 7 + ((+w[3] || 1) - 1), 'd');
      return buildFromParts({ Y: monday.year(), M: monday.month(), D: monday.date() }, mode);
    }
    return null;
  }
  return buildFromParts({
    Y: +m[1], M: m[2] ? +m[2] - 1 : 0, D: m[3] ? +m[3] : 1, h: m[4] ? +m[4] : 0, m: m[5] ? +m[5] : 0,
    s: m[6] ? +m[6] : 0, ms: fracMs(m[7]), offset: m[8] ? parseOffset(m[8]) : undefined
  }, mode);
}

var RFC_ZONES = { UT: 0, GMT: 0, EDT: -240, EST: -300, CDT: -300, CST: -360, MDT: -360, MST: -420, PDT: -420, PST: -480 };

function parseRfc2822(str, mode) {
  var m = RFC2822_RE.exec(str.replace(/\([^)]*\)|[\n\t]/g, ' ').replace(/(\s\s+)/g, ' ').trim());
  if (!m) return null;
  var mon = monthIndex(m[2]);
  if (mon < 0) return null;
  var y = +m[3];
  if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
  var z = m[7];
  var off = RFC_ZONES[z] !== undefined ? RFC_ZONES[z] : /^[+-]\d{4}$/.test(z) ? parseOffset(z) : 0;
  return buildFromParts({ Y: y, M: mon, D: +m[1], h: +m[4], m: +m[5], s: m[6] ? +m[6] : 0, offset: off }, mode);
}

// Regexes for format-token parsing.
var PARSE_TOKENS = {
  YYYYYY: /[+-]?\d{1,6}/, YYYYY: /[+-]?\d{1,6}/, YYYY: /[+-]?\d{1,4}/, YY: /\d\d?/, Y: /[+-]?\d+/,
  gggg: /\d{1,4}/, GGGG: /\d{1,4}/,
  Q: /\d/, M: /\d\d?/, MM: /\d\d?/, MMM: /[A-Za-z]+\.?/, MMMM: /[A-Za-z]+\.?/,
  D: /\d\d?/, DD: /\d\d?/, Do: /\d\d?(?:st|nd|rd|th)?/, DDD: /\d{1,3}/, DDDD: /\d{3}/,
  d: /\d/, e: /\d/, E: /\d/, dd: /[A-Za-z]+/, ddd: /[A-Za-z]+/, dddd: /[A-Za-z]+/,
  H: /\d\d?/, HH: /\d\d?/, h: /\d\d?/, hh: /\d\d?/, k: /\d\d?/, kk: /\d\d?/,
  m: /\d\d?/, mm: /\d\d?/, s: /\d\d?/, ss: /\d\d?/,
  A: /[AaPp]\.?[Mm]\.?/, a: /[AaPp]\.?[Mm]\.?/,
  Z: /Z|[+-]\d\d(?::?\d\d)?/i, ZZ: /Z|[+-]\d\d(?::?\d\d)?/i,
  X: /[+-]?\d+(\.\d{1,3})?/, x: /[+-]?\d+/,
  W: /\d\d?/, WW: /\d\d?/, w: /\d\d?/, ww: /\d\d?/
};
var STRICT_WIDTH = { YYYY: /\d{4}/, YY: /\d\d/, MM: /\d\d/, DD: /\d\d/, HH: /\d\d/, hh: /\d\d/, mm: /\d\d/, ss: /\d\d/, kk: /\d\d/, DDDD: /\d{3}/ };

function parseWithFormat(str, fmt, mode, strict) {
  if (fmt === moment.ISO_8601) return parseIso(str, mode) || invalidMoment(mode);
  if (fmt === moment.RFC_2822) return parseRfc2822(str, mode) || invalidMoment(mode);
  fmt = expandLong(fmt);
  var tokens = [];
  fmt.replace(TOKEN_RE, function (match, esc, bs, tok) {
    if (esc) tokens.push({ lit: esc.slice(1, -1) });
    else if (bs) tokens.push({ lit: tok });
    else if (PARSE_TOKENS[tok] || /^S{1,9}$/.test(tok)) tokens.push({ tok: tok });
    else tokens.push({ lit: tok });
    return match;
  });
  var p = {};
  var pos = 0;
  var pm;
  var found = 0;
  // Non-strict parsing searches for each token and skips what precedes it,
  // like moment; skipped characters and missing tokens make the score that
  // picks the best of several formats.
  var leftover = 0;
  var unused = 0;
  for (var i = 0; i < tokens.length; i++) {
    var t = tokens[i];
    var rest = str.slice(pos);
    if (t.lit !== undefined) {
      var at = rest.indexOf(t.lit);
      if (strict ? at !== 0 : at < 0) {
        if (strict) return invalidMoment(mode);
        continue;
      }
      leftover += at;
      pos += at + t.lit.length;
      continue;
    }
    var re = /^S{1,9}$/.test(t.tok) ? (strict ? new RegExp('\\d{' + t.tok.length + '}') : /\d+/) : (strict && STRICT_WIDTH[t.tok]) || PARSE_TOKENS[t.tok];
    var mm = new RegExp('^(' + (strict ? '' : '[\\s\\S]*?') + ')(' + re.source + ')', re.flags).exec(rest);
    if (!mm) {
      if (strict) return invalidMoment(mode);
      unused++;
      continue;
    }
    leftover += mm[1].length;
    pos += mm[0].length;
    found++;
    var v = mm[2];
    switch (t.tok) {
      case 'YYYY': case 'YYYYY': case 'YYYYYY': case 'Y': case 'gggg': case 'GGGG':
        p.Y = +v;
        if (t.tok === 'YYYY' && v.length <= 2 && !strict) p.Y = twoDigitYear(+v);
        break;
      case 'YY': p.Y = twoDigitYear(+v); break;
      case 'Q': p.M = (+v - 1) * 3; break;
      case 'M': case 'MM': p.M = +v - 1; break;
      case 'MMM': case 'MMMM':
        var mi = monthIndex(v.replace('.', ''));
        if (mi < 0) return invalidMoment(mode);
        p.M = mi;
        break;
      case 'D': case 'DD': case 'Do': p.D = parseInt(v, 10); break;
      case 'DDD': case 'DDDD': p.doy = +v; break;
      case 'H': case 'HH': case 'k': case 'kk': p.h = +v === 24 && t.tok[0] === 'k' ? 0 : +v; break;
      case 'h': case 'hh': p.h = +v; p.h12 = true; break;
      case 'm': case 'mm': p.m = +v; break;
      case 's': case 'ss': p.s = +v; break;
      case 'A': case 'a': pm = /^p/i.test(v); break;
      case 'Z': case 'ZZ': p.offset = parseOffset(v); break;
      case 'X': p.ts = Math.round(parseFloat(v) * 1000); break;
      case 'x': p.ts = +v; break;
      default:
        if (/^S{1,9}$/.test(t.tok)) p.ms = Math.floor(+('0.' + v) * 1000 + 1e-6);
    }
  }
  if (strict && pos !== str.length) return invalidMoment(mode);
  if (!found) return invalidMoment(mode);
  var res = buildParsed(p, pm, mode, strict);
  res._score = leftover + (str.length - pos) + unused * 10;
  return res;
}

function buildParsed(p, pm, mode, strict) {
  if (p.ts !== undefined) {
    var tm = make(p.ts, mode === 'offset' ? 'utc' : mode);
    return tm;
  }
  if (pm !== undefined && p.h !== undefined) {
    if (p.h > 12 && strict) return invalidMoment(mode);
    if (pm && p.h < 12) p.h += 12;
    if (!pm && p.h === 12) p.h = 0;
  } else if (p.h12 && p.h > 12) {
    return invalidMoment(mode);
  }
  // Leading date fields that were not parsed come from today (moment's rule).
  var now = new Date();
  var today = mode === 'local' ? [now.getFullYear(), now.getMonth(), now.getDate()] : [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  if (p.Y === undefined) {
    p.Y = today[0];
    if (p.M === undefined && p.doy === undefined) {
      p.M = today[1];
      if (p.D === undefined) p.D = today[2];
    }
  }
  if (p.doy !== undefined) {
    var d = new Date(utcMs(p.Y, 0, p.doy));
    p.M = d.getUTCMonth();
    p.D = d.getUTCDate();
  }
  return buildFromParts(p, mode);
}

function twoDigitYear(y) { return y + (y > 68 ? 1900 : 2000); }

function createMoment(input, format, strict, mode) {
  var m;
  if (typeof format === 'boolean') {
    strict = format;
    format = undefined;
  }
  if (input === undefined) {
    m = make(Date.now(), mode === 'offset' ? 'utc' : mode);
  } else if (input === null || input === '') {
    m = invalidMoment(mode);
  } else if (isMoment(input)) {
    m = input.clone();
    if (mode === 'utc') m.utc();
  } else if (input instanceof Date || Object.prototype.toString.call(input) === '[object Date]') {
    m = make(input.getTime(), mode === 'offset' ? 'utc' : mode);
  } else if (typeof input === 'number') {
    m = make(input, mode === 'offset' ? 'utc' : mode);
  } else if (Array.isArray(input)) {
    m = input.length ? buildFromParts({ Y: +input[0], M: input[1] === undefined ? 0 : +input[1], D: input[2] === undefined ? 1 : +input[2], h: +input[3] || 0, m: +input[4] || 0, s: +input[5] || 0, ms: +input[6] || 0 }, mode) : make(Date.now(), mode);
  } else if (typeof input === 'object') {
    var o = {};
    Object.keys(input).forEach(function (k) { o[normalizeUnits(k) || k] = input[k]; });
    var now = new Date();
    m = buildFromParts({
      Y: o.year !== undefined ? +o.year : mode === 'local' ? now.getFullYear() : now.getUTCFullYear(),
      M: o.month !== undefined ? +o.month : 0,
      D: o.date !== undefined ? +o.date : o.day !== undefined ? +o.day : 1,
      h: +o.hour || 0, m: +o.minute || 0, s: +o.second || 0, ms: +o.millisecond || 0
    }, mode);
  } else {
    var str = String(input);
    if (format !== undefined) {
      var formats = Array.isArray(format) ? format : [format];
      for (var i = 0; i < formats.length; i++) {
        var cand = parseWithFormat(str, formats[i], mode, strict);
        cand._f = formats[i];
        if (!m || (cand._isValid && (!m._isValid || cand._score < m._score))) m = cand;
      }
    } else {
      m = parseIso(str, mode) || parseRfc2822(str, mode);
      if (!m) {
        var t = Date.parse(str);
        m = isNaN(t) ? invalidMoment(mode) : make(t, mode === 'offset' ? 'utc' : mode);
      }
    }
    m._i = str;
    m._strict = strict;
  }
  if (m._i === undefined) m._i = input;
  return m;
}

// ---------------------------------------------------------------- Duration

function Duration(o) {
  o = o || {};
  this._milliseconds = (+o.milliseconds || 0) + (+o.seconds || 0) * 1e3 + (+o.minutes || 0) * 6e4 + (+o.hours || 0) * 36e5;
  this._days = (+o.days || 0) + (+o.weeks || 0) * 7;
  this._months = (+o.months || 0) + (+o.quarters || 0) * 3 + (+o.years || 0) * 12;
  this._isValid = true;
  this._data = {};
  this._bubble();
}

var DUR_KEYS = { year: 'years', quarter: 'quarters', month: 'months', week: 'weeks', isoWeek: 'weeks', day: 'days', date: 'days', hour: 'hours', minute: 'minutes', second: 'seconds', millisecond: 'milliseconds' };

function daysToMonths(days) { return (days * 4800) / 146097; }
function monthsToDays(months) { return (months * 146097) / 4800; }
function absCeil(n) { return n < 0 ? Math.floor(n) : Math.ceil(n); }

function createDuration(input, key) {
  if (isDuration(input)) {
    var d0 = new Duration();
    d0._milliseconds = input._milliseconds;
    d0._days = input._days;
    d0._months = input._months;
    d0._bubble();
    return d0;
  }
  if (typeof input === 'number' || (typeof input === 'string' && /^[-+]?\d+(\.\d+)?$/.test(input.trim()))) {
    var o = {};
    var k = DUR_KEYS[normalizeUnits(key)] || 'milliseconds';
    o[k] = +input;
    return new Duration(o);
  }
  if (typeof input === 'string') {
    var asp = /^(-|\+)?(?:(\d*)[. ])?(\d+):(\d+)(?::(\d+)(\.\d*)?)?$/.exec(input);
    if (asp) {
      var sign = asp[1] === '-' ? -1 : 1;
      return new Duration({
        days: sign * (+asp[2] || 0), hours: sign * +asp[3], minutes: sign * +asp[4],
        seconds: sign * (+asp[5] || 0), milliseconds: sign * Math.round((+asp[6] || 0) * 1000)
      });
    }
    var iso = /^(-|\+)?P(?:([-+]?[0-9,.]*)Y)?(?:([-+]?[0-9,.]*)M)?(?:([-+]?[0-9,.]*)W)?(?:([-+]?[0-9,.]*)D)?(?:T(?:([-+]?[0-9,.]*)H)?(?:([-+]?[0-9,.]*)M)?(?:([-+]?[0-9,.]*)S)?)?$/.exec(input);
    if (iso) {
      var s = iso[1] === '-' ? -1 : 1;
      var num = function (x) { return x ? s * parseFloat(x.replace(',', '.')) || 0 : 0; };
      return new Duration({ years: num(iso[2]), months: num(iso[3]), weeks: num(iso[4]), days: num(iso[5]), hours: num(iso[6]), minutes: num(iso[7]), seconds: num(iso[8]) });
    }
    return new Duration();
  }
  if (input && typeof input === 'object') {
    var norm = {};
    Object.keys(input).forEach(function (k2) {
      var nk = DUR_KEYS[normalizeUnits(k2)];
      if (nk) norm[nk] = (norm[nk] || 0) + +input[k2];
    });
    return new Duration(norm);
  }
  return new Duration();
}

var dproto = Duration.prototype;

dproto._bubble = function () {
  var ms = this._milliseconds;
  var days = this._days;
  var months = this._months;
  var data = this._data;
  if (!((ms >= 0 && days >= 0 && months >= 0) || (ms <= 0 && days <= 0 && months <= 0))) {
    ms += absCeil(monthsToDays(months) + days) * 864e5;
    days = 0;
    months = 0;
  }
  data.milliseconds = ms % 1000;
  var seconds = absFloor(ms / 1000);
  data.seconds = seconds % 60;
  var minutes = absFloor(seconds / 60);
  data.minutes = minutes % 60;
  var hours = absFloor(minutes / 60);
  data.hours = hours % 24;
  days += absFloor(hours / 24);
  var monthsFromDays = absFloor(daysToMonths(days));
  months += monthsFromDays;
  days -= absCeil(monthsToDays(monthsFromDays));
  data.days = days;
  data.months = months % 12;
  data.years = absFloor(months / 12);
};

dproto.as = function (units) {
  var u = normalizeUnits(units);
  if (!this._isValid) return NaN;
  var days;
  var months;
  var ms = this._milliseconds;
  if (u === 'month' || u === 'quarter' || u === 'year') {
    days = this._days + ms / 864e5;
    months = this._months + daysToMonths(days);
    return u === 'month' ? months : u === 'quarter' ? months / 3 : months / 12;
  }
  days = this._days + Math.round(monthsToDays(this._months));
  switch (u) {
    case 'week': return days / 7 + ms / 6048e5;
    case 'day': case 'date': return days + ms / 864e5;
    case 'hour': return days * 24 + ms / 36e5;
    case 'minute': return days * 1440 + ms / 6e4;
    case 'second': return days * 86400 + ms / 1000;
    case 'millisecond': return Math.floor(days * 864e5) + ms;
    default: throw new Error('Unknown unit ' + units);
  }
};
['Milliseconds:millisecond', 'Seconds:second', 'Minutes:minute', 'Hours:hour', 'Days:day', 'Weeks:week', 'Months:month', 'Quarters:quarter', 'Years:year'].forEach(function (pair) {
  var p = pair.split(':');
  dproto['as' + p[0]] = function () { return this.as(p[1]); };
});
dproto.valueOf = function () { return this._isValid ? this.as('ms') : NaN; };
dproto.milliseconds = function () { return this._data.milliseconds; };
dproto.seconds = function () { return this._data.seconds; };
dproto.minutes = function () { return this._data.minutes; };
dproto.hours = function () { return this._data.hours; };
dproto.days = function () { return this._data.days; };
dproto.weeks = function () { return absFloor(this._data.days / 7); };
dproto.months = function () { return this._data.months; };
dproto.years = function () { return this._data.years; };
dproto.get = function (units) {
  var u = normalizeUnits(units);
  var k = DUR_KEYS[u];
  return this._isValid && k ? this[k]() : NaN;
};
dproto.isValid = function () { return this._isValid; };
dproto.clone = function () { return createDuration(this); };
dproto.abs = function () {
  this._milliseconds = Math.abs(this._milliseconds);
  this._days = Math.abs(this._days);
  this._months = Math.abs(this._months);
  this._bubble();
  return this;
};
function durAddSub(d, input, value, sign) {
  var other = createDuration(input, value);
  d._milliseconds += sign * other._milliseconds;
  d._days += sign * other._days;
  d._months += sign * other._months;
  d._bubble();
  return d;
}
dproto.add = function (input, value) { return durAddSub(this, input, value, 1); };
dproto.subtract = function (input, value) { return durAddSub(this, input, value, -1); };
dproto.humanize = function (withSuffix) {
  if (!this._isValid) return 'Invalid date';
  if (withSuffix && typeof withSuffix === 'object') withSuffix = false;
  return relative(this, !withSuffix);
};
dproto.toISOString = function () {
  if (!this._isValid) return 'Invalid date';
  var secondsTotal = Math.abs(this._milliseconds) / 1000;
  var days = Math.abs(this._days);
  var months = Math.abs(this._months);
  var total = this.asSeconds();
  if (!total) return 'P0D';
  var minutes = absFloor(secondsTotal / 60);
  var hours = absFloor(minutes / 60);
  secondsTotal %= 60;
  minutes %= 60;
  var years = absFloor(months / 12);
  months %= 12;
  var s = secondsTotal ? secondsTotal.toFixed(3).replace(/\.?0+$/, '') : '';
  var sign = total < 0 ? '-' : '';
  var ymSign = this._months && (this._months < 0) !== (total < 0) ? '-' : '';
  var dSign = this._days && (this._days < 0) !== (total < 0) ? '-' : '';
  var hmsSign = this._milliseconds && (this._milliseconds < 0) !== (total < 0) ? '-' : '';
  return sign + 'P' + (years ? ymSign + years + 'Y' : '') + (months ? ymSign + months + 'M' : '') + (days ? dSign + days + 'D' : '') +
    (hours || minutes || secondsTotal ? 'T' : '') + (hours ? hmsSign + hours + 'H' : '') + (minutes ? hmsSign + minutes + 'M' : '') +
    (secondsTotal ? hmsSign + s + 'S' : '');
};
dproto.toJSON = dproto.toISOString;
dproto.toString = dproto.toISOString;
dproto.locale = function (name) { return name === undefined ? 'en' : this; };

// ---------------------------------------------------------------- factory

function isMoment(v) { return v instanceof Moment || (v != null && v._isAMomentObject === true); }
function isDuration(v) { return v instanceof Duration; }

function moment(input, format, strict) { return createMoment(input, format, strict, 'local'); }

moment.utc = function (input, format, strict) { return createMoment(input, format, strict, 'utc'); };
moment.parseZone = function (input, format, strict) { return createMoment(input, format, strict, 'offset'); };
moment.unix = function (s) { return moment(s * 1000); };
moment.duration = createDuration;
moment.isMoment = isMoment;
moment.isDuration = isDuration;
moment.isDate = function (v) { return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'; };
moment.now = function () { return Date.now(); };
moment.invalid = function () { return invalidMoment('local'); };
moment.normalizeUnits = normalizeUnits;
moment.min = function () {
  var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
  return list.reduce(function (a, b) { return !a || b.isBefore(a) ? b : a; }, null) || moment();
};
moment.max = function () {
  var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
  return list.reduce(function (a, b) { return !a || b.isAfter(a) ? b : a; }, null) || moment();
};
moment.locale = function () { return 'en'; };
moment.lang = moment.locale;
moment.locales = function () { return ['en']; };
moment.updateLocale = moment.defineLocale = function () { return moment.localeData(); };
moment.localeData = function () {
  return {
    months: function (m) { return m ? MONTHS[m.month()] : MONTHS.slice(); },
    monthsShort: function (m) { return m ? MONTHS_SHORT[m.month()] : MONTHS_SHORT.slice(); },
    weekdays: function (m) { return m ? WEEKDAYS[m.day()] : WEEKDAYS.slice(); },
    weekdaysShort: function (m) { return m ? WEEKDAYS_SHORT[m.day()] : WEEKDAYS_SHORT.slice(); },
    weekdaysMin: function (m) { return m ? WEEKDAYS_MIN[m.day()] : WEEKDAYS_MIN.slice(); },
    longDateFormat: function (k) { return LONG_FORMATS[k]; },
    ordinal: ordinal,
    firstDayOfWeek: function () { return 0; },
    firstDayOfYear: function () { return 6; }
  };
};
moment.months = function () { return MONTHS.slice(); };
moment.monthsShort = function () { return MONTHS_SHORT.slice(); };
moment.weekdays = function () { return WEEKDAYS.slice(); };
moment.weekdaysShort = function () { return WEEKDAYS_SHORT.slice(); };
moment.weekdaysMin = function () { return WEEKDAYS_MIN.slice(); };
moment.relativeTimeThreshold = function (k, v) {
  if (v === undefined) return THRESHOLDS[k] === undefined ? false : THRESHOLDS[k];
  if (THRESHOLDS[k] === undefined) return false;
  THRESHOLDS[k] = v;
  if (k === 's') THRESHOLDS.ss = v - 1;
  return true;
};
moment.ISO_8601 = function () {};
moment.RFC_2822 = function () {};
moment.defaultFormat = 'YYYY-MM-DDTHH:mm:ssZ';
moment.defaultFormatUtc = 'YYYY-MM-DDTHH:mm:ss[Z]';
moment.fn = Moment.prototype;
moment.version = '2.30.1';

module.exports = moment;
