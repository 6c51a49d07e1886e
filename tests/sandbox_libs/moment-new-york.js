'use strict';
// Checks of the sandbox's moment library in local time, run as a test script by
// tests/sandbox_libs.rs in a postie process whose TZ is America/New_York.
group('moment', () => {
  const moment = require('moment');
  const T = 1700000000123; // 2023-11-14T22:13:20.123Z, a Tuesday

  test('local time follows the process time zone (America/New_York)', () => {
    eq(moment(T).format(), '2023-11-14T17:13:20-05:00');
    eq(moment(T).utcOffset(), -300);
    eq(moment('2020-01-01T00:00:00+05:00').format(), '2019-12-31T14:00:00-05:00');
    eq(moment('2020-03-08T01:30:00').add(1, 'd').format(), '2020-03-09T01:30:00-04:00');
    eq(moment('2020-03-08T01:30:00').add(24, 'h').format(), '2020-03-09T02:30:00-04:00');
    eq(moment('2020-03-08T12:00').diff(moment('2020-03-07T12:00'), 'days', true), 1);
    eq(moment('2020-03-08').endOf('day').format(), '2020-03-08T23:59:59-04:00');
    eq(moment(T).toString(), 'Tue Nov 14 2023 17:13:20 GMT-0500');
    eq(moment.utc(T).format(), '2023-11-14T22:13:20Z');
  });
});
