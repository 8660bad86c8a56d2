import {
  addDays,
  closesAt,
  copenhagenParts,
  fromCopenhagen,
  hoursOnDayOf,
  isOpenAt,
  isOpenDuring,
  nextOpening,
  weekdayOfDate,
  type WeeklyHours,
} from '../src/time/copenhagen';

const utc = (iso: string) => new Date(iso);

describe('copenhagenParts', () => {
  it('reads the Copenhagen wall clock in winter (UTC+1) and summer (UTC+2)', () => {
    expect(copenhagenParts(utc('2026-11-26T09:40:00Z'))).toEqual({ weekday: 'thursday', date: '2026-11-26', time: '10:40', minutes: 640 });
    expect(copenhagenParts(utc('2026-07-01T22:30:00Z'))).toEqual({ weekday: 'thursday', date: '2026-07-02', time: '00:30', minutes: 30 });
  });

  it('puts 23:30 UTC on New Year\'s Eve in the new year', () => {
    expect(copenhagenParts(utc('2026-12-31T23:30:00Z'))).toMatchObject({ weekday: 'friday', date: '2027-01-01', time: '00:30' });
  });

  it('follows the clock change on the last Sunday of March and of October', () => {
    expect(copenhagenParts(utc('2026-03-29T00:59:00Z')).time).toBe('01:59');
    expect(copenhagenParts(utc('2026-03-29T01:00:00Z')).time).toBe('03:00');
    expect(copenhagenParts(utc('2026-10-25T00:30:00Z')).time).toBe('02:30');
    expect(copenhagenParts(utc('2026-10-25T01:30:00Z')).time).toBe('02:30');
  });
});

describe('calendar helpers', () => {
  it('weekdays and day arithmetic do not depend on the clock', () => {
    expect(weekdayOfDate('2026-11-26')).toBe('thursday');
    expect(weekdayOfDate('2027-01-03')).toBe('sunday');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
  });

  it('fromCopenhagen turns a wall-clock time into the right instant, summer and winter', () => {
    expect(fromCopenhagen('2026-12-15', '10:00').toISOString()).toBe('2026-12-15T09:00:00.000Z');
    expect(fromCopenhagen('2026-07-02', '00:30').toISOString()).toBe('2026-07-01T22:30:00.000Z');
    expect(fromCopenhagen('2026-11-27', '24:00').toISOString()).toBe('2026-11-27T23:00:00.000Z');
  });

  it('fromCopenhagen on the change days: a skipped time moves forward, a repeated time gives the first', () => {
    expect(fromCopenhagen('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromCopenhagen('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(fromCopenhagen('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromCopenhagen('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });
});

describe('isOpenAt', () => {
  // Friday 2026-11-27 (winter time): 18:00 Copenhagen is 17:00 UTC.
  const friday: WeeklyHours = { friday: [['18:00', '01:00']], saturday: [['12:00', '16:00']] };

  it('is closed just before opening, open at opening, closed at closing', () => {
    expect(isOpenAt(friday, utc('2026-11-27T16:59:00Z'))).toBe(false);
    expect(isOpenAt(friday, utc('2026-11-27T17:00:00Z'))).toBe(true);
    expect(isOpenAt(friday, utc('2026-11-28T00:00:00Z'))).toBe(false);
  });

  it('counts Friday 18:00-01:00 as open at 00:30 on Saturday', () => {
    expect(copenhagenParts(utc('2026-11-27T23:30:00Z')).weekday).toBe('saturday');
    expect(isOpenAt(friday, utc('2026-11-27T23:30:00Z'))).toBe(true);
  });

  it('does not carry a normal range into the next day', () => {
    expect(isOpenAt({ saturday: [['12:00', '16:00']] }, utc('2026-11-29T00:30:00Z'))).toBe(false);
  });

  it('treats "24:00" as midnight', () => {
    const hours: WeeklyHours = { thursday: [['20:00', '24:00']] };
    expect(isOpenAt(hours, utc('2026-11-26T22:59:00Z'))).toBe(true);
    expect(isOpenAt(hours, utc('2026-11-26T23:00:00Z'))).toBe(false);
  });

  it('handles two ranges on one day', () => {
    const hours: WeeklyHours = { wednesday: [['13:00', '17:30'], ['18:30', '20:30']] };
    expect(isOpenAt(hours, utc('2026-11-25T17:00:00Z'))).toBe(false); // 18:00 between the ranges
    expect(isOpenAt(hours, utc('2026-11-25T17:45:00Z'))).toBe(true); // 18:45
  });

  it('uses summer time on the day the clocks go forward', () => {
    const sunday: WeeklyHours = { sunday: [['10:00', '16:00']] };
    // 14:30 UTC is 16:30 CEST (closed); in winter time it would have been 15:30 (open).
    expect(isOpenAt(sunday, utc('2026-03-29T14:30:00Z'))).toBe(false);
    expect(isOpenAt(sunday, utc('2026-03-29T08:00:00Z'))).toBe(true); // 10:00 CEST
    expect(isOpenAt(sunday, utc('2026-03-29T07:59:00Z'))).toBe(false);
  });

  it('a night range across the spring change closes at 03:00 summer time, an hour after 01:59', () => {
    const saturdayNight: WeeklyHours = { saturday: [['22:00', '03:00']] };
    expect(isOpenAt(saturdayNight, utc('2026-03-29T00:59:00Z'))).toBe(true); // 01:59 CET
    expect(isOpenAt(saturdayNight, utc('2026-03-29T01:00:00Z'))).toBe(false); // 03:00 CEST
  });

  it('uses winter time on the day the clocks go back', () => {
    const sunday: WeeklyHours = { sunday: [['10:00', '16:00']] };
    expect(isOpenAt(sunday, utc('2026-10-25T08:59:00Z'))).toBe(false); // 09:59 CET
    expect(isOpenAt(sunday, utc('2026-10-25T09:00:00Z'))).toBe(true); // 10:00 CET
    expect(isOpenAt(sunday, utc('2026-10-25T15:00:00Z'))).toBe(false); // 16:00 CET
  });

  it('is closed on a closed date, including the part of its range after midnight', () => {
    const hours: WeeklyHours = { thursday: [['20:00', '02:00']] };
    const options = { closedDates: ['2026-12-24'] };
    expect(isOpenAt(hours, utc('2026-12-24T20:00:00Z'), options)).toBe(false);
    expect(isOpenAt(hours, utc('2026-12-25T00:30:00Z'), options)).toBe(false);
    expect(isOpenAt(hours, utc('2026-12-24T20:00:00Z'))).toBe(true);
  });
});

describe('nextOpening and closesAt', () => {
  const hours: WeeklyHours = { tuesday: [['16:00', '22:00']], friday: [['18:00', '01:00']] };

  it('is the moment itself when open', () => {
    const at = utc('2026-11-24T18:00:00Z');
    expect(nextOpening(hours, at)).toBe(at);
  });

  it('finds the next range, later today or on a later day', () => {
    expect(nextOpening(hours, utc('2026-11-24T10:00:00Z'))?.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(nextOpening(hours, utc('2026-11-24T21:30:00Z'))?.toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(nextOpening(hours, utc('2026-11-28T00:30:00Z'))?.toISOString()).toBe('2026-12-01T15:00:00.000Z');
  });

  it('gives the opening in summer time after the clocks go forward', () => {
    const sunday: WeeklyHours = { sunday: [['10:00', '16:00']] };
    expect(nextOpening(sunday, utc('2026-03-28T22:00:00Z'))?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });

  it('skips closed dates and gives up when nothing ever opens', () => {
    const weekdays: WeeklyHours = { thursday: [['09:00', '15:00']], friday: [['09:00', '15:00']] };
    expect(nextOpening(weekdays, utc('2026-12-24T06:00:00Z'), { closedDates: ['2026-12-24', '2026-12-25'] })?.toISOString()).toBe('2026-12-31T08:00:00.000Z');
    expect(nextOpening({}, utc('2026-12-24T06:00:00Z'))).toBeUndefined();
  });

  it('closesAt gives the end of the current range, past midnight included', () => {
    expect(closesAt(hours, utc('2026-11-27T23:30:00Z'))?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(closesAt(hours, utc('2026-11-24T18:00:00Z'))?.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(closesAt(hours, utc('2026-11-25T18:00:00Z'))).toBeUndefined();
  });
});

describe('hours for a day and windows', () => {
  const hours: WeeklyHours = { friday: [['18:00', '01:00']], saturday: [['12:00', '16:00']] };

  it('shows the ranges that start on the Copenhagen day of an instant', () => {
    expect(hoursOnDayOf(hours, utc('2026-11-27T23:30:00Z'))).toEqual([['12:00', '16:00']]);
    expect(hoursOnDayOf(hours, utc('2026-11-27T22:30:00Z'))).toEqual([['18:00', '01:00']]);
  });

  it('isOpenDuring finds overlaps with an evening window', () => {
    expect(isOpenDuring(hours, '2026-11-27', '17:00', '23:00')).toBe(true);
    expect(isOpenDuring(hours, '2026-11-28', '17:00', '23:00')).toBe(false);
    expect(isOpenDuring(hours, '2026-11-28', '00:00', '00:30')).toBe(true);
  });
});
