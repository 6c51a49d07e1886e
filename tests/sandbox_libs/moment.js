'use strict';
// Checks of the sandbox's moment library, run as a test script by tests/sandbox_libs.rs
// in a postie process whose TZ is UTC (several read local time).
group('moment', () => {
  const moment = require('moment');
  const T = 1700000000123; // 2023-11-14T22:13:20.123Z, a Tuesday

  test('format tokens (UTC)', () => {
    eq(moment.utc(T).format('YYYY YY MM M MMM MMMM DD D Do ddd dddd HH H hh h mm m ss s SSS A a Z ZZ X x [escaped]'),
      '2023 23 11 11 Nov November 14 14 14th Tue Tuesday 22 22 10 10 13 13 20 20 123 PM pm +00:00 +0000 1700000000 1700000000123 escaped');
    eq(moment.utc(T).format('Q DDD DDDD d E w W gggg GGGG k z'), '4 318 318 2 2 46 46 2023 2023 22 UTC');
    eq(moment.utc(T).format('LT | LTS | L | LL | LLL | LLLL'), '10:13 PM | 10:13:20 PM | 11/14/2023 | November 14, 2023 | November 14, 2023 10:13 PM | Tuesday, November 14, 2023 10:13 PM');
    eq(moment.utc(0).format('[Today is] dddd, Do [of] MMMM'), 'Today is Thursday, 1st of January');
    eq(moment.utc(Date.UTC(2021, 0, 2, 0, 5)).format('h:mm a, Do, DD'), '12:05 am, 2nd, 02');
    eq(moment.utc(Date.UTC(2021, 0, 23)).format('Do'), '23rd');
  });

  test('default format, toISOString, toString, valueOf, unix', () => {
    eq(moment.utc(T).format(), '2023-11-14T22:13:20Z');
    eq(moment(T).format(), '2023-11-14T22:13:20+00:00');
    eq(moment.utc(T).toISOString(), '2023-11-14T22:13:20.123Z');
    eq(moment.utc(T).toISOString(true), '2023-11-14T22:13:20.123+00:00');
    eq(moment.utc(T).toJSON(), '2023-11-14T22:13:20.123Z');
    eq(moment.utc(T).toString(), 'Tue Nov 14 2023 22:13:20 GMT+0000');
    eq(moment.utc(T).valueOf(), T);
    eq(moment.utc(T).unix(), 1700000000);
    eq(moment.unix(1600000000).utc().format(), '2020-09-13T12:26:40Z');
    eq(moment.utc(T).toDate().getTime(), T);
    eq(JSON.stringify({ t: moment.utc(0) }), '{"t":"1970-01-01T00:00:00.000Z"}');
  });

  test('parsing ISO strings, offsets and other inputs', () => {
    eq(moment.utc('2020-01-01').format(), '2020-01-01T00:00:00Z');
    eq(moment.utc('2020-01-01T10:20:30.5').toISOString(), '2020-01-01T10:20:30.500Z');
    eq(moment.utc('2013-02-08T09:30:26,123+0130').valueOf(), 1360310426123);
    eq(moment.utc('20130208T080910').format(), '2013-02-08T08:09:10Z');
    eq(moment('2020-01-01T00:00:00+05:00').toISOString(), '2019-12-31T19:00:00.000Z');
    eq(moment.parseZone('2020-01-01T00:00:00+05:00').format(), '2020-01-01T00:00:00+05:00');
    eq(moment.parseZone('2020-01-01T00:00:00-03:00').utcOffset(), -180);
    eq(moment.utc([2020, 0, 15, 10]).format(), '2020-01-15T10:00:00Z');
    eq(moment.utc({ year: 2020, month: 1, day: 3, hour: 4 }).format(), '2020-02-03T04:00:00Z');
    eq(moment.utc(new Date(T)).valueOf(), T);
    eq(moment.utc('Tue, 01 Nov 2016 01:23:45 +0100').toISOString(), '2016-11-01T00:23:45.000Z');
    eq([moment('2020-13-01').isValid(), moment('2020-02-30').isValid(), moment(null).isValid(), moment('').isValid(), moment('garbage').isValid(), moment().isValid()],
      [false, false, false, false, false, true]);
    eq(moment('2020-02-30').format(), 'Invalid date');
    eq(moment.invalid().toISOString(), null);
  });

  test('parsing with formats (non-strict, strict, several formats)', () => {
    eq(moment.utc('25/12/2020 14:05', 'DD/MM/YYYY HH:mm').format(), '2020-12-25T14:05:00Z');
    eq(moment.utc('12-25-95', 'MM-DD-YY').format(), '1995-12-25T00:00:00Z');
    eq(moment.utc('December 25, 2020 3:04 pm', 'MMMM D, YYYY h:mm a').format(), '2020-12-25T15:04:00Z');
    eq(moment.utc('Dec 25th 2020', 'MMM Do YYYY').format(), '2020-12-25T00:00:00Z');
    eq(moment.utc('2020-01-01T10:00:00+02:00', 'YYYY-MM-DDTHH:mm:ssZ').format(), '2020-01-01T08:00:00Z');
    eq(moment.utc('1600000000', 'X').format(), '2020-09-13T12:26:40Z');
    eq(moment.utc('2020-06-05 13:14:15.678', 'YYYY-MM-DD HH:mm:ss.SSS').valueOf(), 1591362855678);
    eq(moment.utc('2020-02-30', 'YYYY-MM-DD').isValid(), false);
    eq([moment('2020-6-5', 'YYYY-MM-DD', true).isValid(), moment('2020-06-05', 'YYYY-MM-DD', true).isValid(), moment('2020-06-05x', 'YYYY-MM-DD', true).isValid()], [false, true, false]);
    eq(moment('05/06/2020', ['YYYY-MM-DD', 'DD/MM/YYYY']).format('YYYY-MM-DD'), '2020-06-05');
    eq(moment('2020-01-01', moment.ISO_8601).isValid(), true);
    eq(moment('01/01/2020', moment.ISO_8601).isValid(), false);
  });

  test('add / subtract with units, shorthands and month clamping', () => {
    const base = () => moment.utc('2020-01-31T10:00:00Z');
    eq(base().add(1, 'd').format(), '2020-02-01T10:00:00Z');
    eq(base().add(1, 'days').format(), '2020-02-01T10:00:00Z');
    eq(base().add(1, 'M').format(), '2020-02-29T10:00:00Z');
    eq(base().add(1, 'months').add(1, 'months').format(), '2020-03-29T10:00:00Z');
    eq(base().subtract(1, 'y').format(), '2019-01-31T10:00:00Z');
    eq(base().add(2, 'w').format(), '2020-02-14T10:00:00Z');
    eq(base().add(90, 'm').format(), '2020-01-31T11:30:00Z');
    eq(base().add(30, 's').add(500, 'ms').toISOString(), '2020-01-31T10:00:30.500Z');
    eq(base().add(3, 'h').format(), '2020-01-31T13:00:00Z');
    eq(base().add({ days: 1, hours: 2 }).format(), '2020-02-01T12:00:00Z');
    eq(base().add(moment.duration(1, 'day')).format(), '2020-02-01T10:00:00Z');
    eq(base().subtract(13, 'M').format(), '2018-12-31T10:00:00Z');
    eq(moment.utc('2020-02-29').add(1, 'year').format(), '2021-02-28T00:00:00Z');
  });

  test('diff with units and floats', () => {
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'months'), 11);
    eq(moment.utc('2020-01-31').diff(moment.utc('2020-03-01'), 'months', true), -1.032258064516129);
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'years', true), 0.956989247311828);
    eq(moment.utc('2021-01-15').diff('2020-01-31', 'days'), 350);
    eq(moment.utc('2021-01-15T10:00').diff(moment.utc('2021-01-14T09:00'), 'hours', true), 25);
    eq(moment.utc('2021-01-15').diff(moment.utc('2020-01-31'), 'weeks'), 50);
    eq(moment.utc('2020-01-01').diff(moment.utc('2020-01-01T00:00:01.500'), 'seconds'), -1);
    eq(moment.utc('2020-01-01').diff(moment.utc('2020-01-01T00:00:01.500'), 'seconds', true), -1.5);
    eq(moment.utc('2020-01-02').diff(moment.utc('2020-01-01')), 86400000);
  });

  test('comparisons', () => {
    const a = moment.utc('2020-01-01T00:00:00Z');
    ok(a.isBefore(moment.utc('2020-01-01T00:01:00Z')));
    ok(!a.isBefore(moment.utc('2020-01-01T00:01:00Z'), 'hour'));
    ok(a.isAfter('2019-12-31'));
    ok(a.isSame('2020-01-01T10:00:00Z', 'day'));
    ok(!a.isSame('2020-01-01T10:00:00Z'));
    ok(a.isBetween('2019-12-31', '2020-01-02'));
    ok(!a.isBetween('2020-01-01', '2020-01-02'));
    ok(a.isBetween('2020-01-01', '2020-01-02', null, '[]'));
    ok(a.isSameOrAfter('2020-01-01') && a.isSameOrBefore('2020-01-01'));
    ok(moment.isMoment(a) && !moment.isMoment(new Date()));
  });

  test('startOf / endOf', () => {
    const m = () => moment.utc('2020-05-15T10:20:30.456Z');
    eq(m().startOf('year').toISOString(), '2020-01-01T00:00:00.000Z');
    eq(m().startOf('quarter').toISOString(), '2020-04-01T00:00:00.000Z');
    eq(m().startOf('month').toISOString(), '2020-05-01T00:00:00.000Z');
    eq(m().startOf('week').toISOString(), '2020-05-10T00:00:00.000Z');
    eq(m().startOf('isoWeek').toISOString(), '2020-05-11T00:00:00.000Z');
    eq(m().startOf('day').toISOString(), '2020-05-15T00:00:00.000Z');
    eq(m().startOf('hour').toISOString(), '2020-05-15T10:00:00.000Z');
    eq(m().startOf('minute').toISOString(), '2020-05-15T10:20:00.000Z');
    eq(m().startOf('second').toISOString(), '2020-05-15T10:20:30.000Z');
    eq(m().endOf('year').toISOString(), '2020-12-31T23:59:59.999Z');
    eq(m().endOf('month').toISOString(), '2020-05-31T23:59:59.999Z');
    eq(m().endOf('day').toISOString(), '2020-05-15T23:59:59.999Z');
    eq(m().endOf('hour').toISOString(), '2020-05-15T10:59:59.999Z');
  });

  test('getters and setters', () => {
    const m = moment.utc(1600000000000); // 2020-09-13T12:26:40Z, Sunday
    eq([m.year(), m.month(), m.date(), m.day(), m.hour(), m.minute(), m.second(), m.millisecond(), m.dayOfYear(), m.week(), m.isoWeek(), m.quarter(), m.daysInMonth()],
      [2020, 8, 13, 0, 12, 26, 40, 0, 257, 38, 37, 3, 30]);
    eq(m.clone().day(1).format(), '2020-09-14T12:26:40Z');
    eq(m.clone().date(0).format(), '2020-08-31T12:26:40Z');
    eq(m.clone().hour(25).format(), '2020-09-14T01:26:40Z');
    eq(m.clone().month(1).format(), '2020-02-13T12:26:40Z');
    eq(m.clone().year(2019).format(), '2019-09-13T12:26:40Z');
    eq(m.clone().set({ year: 2021, month: 0, date: 31, hour: 5 }).format(), '2021-01-31T05:26:40Z');
    eq(m.get('month'), 8);
    eq(moment.utc('2021-01-03').week(), 2);
    eq(moment.utc('2021-01-03').isoWeek(), 53);
    eq(m.format(), '2020-09-13T12:26:40Z', 'clone() leaves the original alone');
  });

  test('utc / local / utcOffset / clone', () => {
    eq(moment.utc(0).utcOffset(330).format(), '1970-01-01T05:30:00+05:30');
    eq(moment.utc(0).utcOffset(-5).format(), '1969-12-31T19:00:00-05:00');
    eq(moment.utc(0).utcOffset('+05:30').format('Z'), '+05:30');
    eq(moment.utc(0).utcOffset(120, true).format(), '1970-01-01T00:00:00+02:00');
    eq([moment.utc(0).isUTC(), moment(0).utc().isUTC(), moment.utc(0).local().isUTC()], [true, true, false]);
    const a = moment.utc(0);
    const b = a.clone().add(1, 'd');
    eq([a.valueOf(), b.valueOf()], [0, 86400000]);
  });

  test('relative time and calendar', () => {
    const ref = moment.utc('2020-01-01');
    eq(ref.from(moment.utc('2020-01-01T00:00:30')), 'a few seconds ago');
    eq(ref.from(moment.utc('2020-03-01')), '2 months ago');
    eq(ref.to(moment.utc('2020-01-01T05:00:00')), 'in 5 hours');
    eq(ref.to(moment.utc('2021-07-01')), 'in 2 years');
    eq(ref.from(moment.utc('2020-01-01T00:50:00'), true), 'an hour');
    ok(/ago$/.test(moment().subtract(3, 'days').fromNow()));
    eq(moment.utc('2020-06-15').calendar(moment.utc('2020-06-14')), 'Tomorrow at 12:00 AM');
    eq(moment.utc('2020-06-10').calendar(moment.utc('2020-06-14')), 'Last Wednesday at 12:00 AM');
  });

  test('duration', () => {
    eq(moment.duration(90061001).humanize(), 'a day');
    eq(moment.duration({ hours: 25, minutes: 3 }).toISOString(), 'PT25H3M');
    eq(moment.duration(2, 'hours').asMinutes(), 120);
    eq(moment.duration('P1Y2M3DT4H5M6S').asDays(), 429.17020833333333);
    eq(moment.duration('01:30:00').asMinutes(), 90);
    eq(moment.duration('1.02:03:04.5').asSeconds(), 93784.5);
    eq([moment.duration(1500).seconds(), moment.duration(1500).milliseconds()], [1, 500]);
    eq(moment.duration(3, 'months').asDays(), 91);
    eq([moment.duration(100, 'days').months(), moment.duration(100, 'days').days()], [3, 8]);
    eq(moment.duration(-90, 'minutes').humanize(true), '2 hours ago');
    eq(moment.duration(5, 'minutes').humanize(true), 'in 5 minutes');
    eq(moment.duration(1, 'd').add(2, 'h').asHours(), 26);
    eq(moment.duration(-1500).toISOString(), '-PT1.5S');
    eq(moment.duration(90, 's').get('m'), 1);
    eq(+moment.duration(2, 's'), 2000);
    ok(moment.isDuration(moment.duration(1)));
  });
});
