import { expect } from 'chai';
import fc from 'fast-check';
import {
  addBusinessSeconds, businessHoursProblems, businessSecondsBetween, isOpenAt, type BusinessHours, type WeeklyInterval,
} from '../../../src/domain/business-hours.js';

const weekdays = (opens: string, closes: string): WeeklyInterval[] => [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes }));
const paris: BusinessHours = { timeZone: 'Europe/Paris', weekly: weekdays('09:00', '17:00'), holidays: [], exceptions: [] };
const HOUR = 3600;

describe('business hours', () => {
  it('is open on a weekday inside the hours, in the number’s time zone, and closed outside', () => {
    // 2026-03-04 is a Wednesday; Paris is UTC+1 in winter.
    expect(isOpenAt(paris, new Date('2026-03-04T08:00:00Z'))).to.equal(true); // 09:00 Paris
    expect(isOpenAt(paris, new Date('2026-03-04T07:59:59Z'))).to.equal(false); // 08:59:59 Paris
    expect(isOpenAt(paris, new Date('2026-03-04T16:00:00Z'))).to.equal(false); // 17:00 Paris: the end is excluded
    expect(isOpenAt(paris, new Date('2026-03-07T10:00:00Z'))).to.equal(false); // Saturday
  });

  it('keeps 09:00 local across the spring DST change (Paris, 29 March 2026)', () => {
    // Monday 30 March: Paris is UTC+2, so 09:00 local is 07:00 UTC (it was 08:00 UTC the week before).
    expect(isOpenAt(paris, new Date('2026-03-30T07:00:00Z'))).to.equal(true);
    expect(isOpenAt(paris, new Date('2026-03-23T07:00:00Z'))).to.equal(false);
    // Friday 16:00 → Monday: 1 h of Friday and 1 h of Monday, whatever the clocks did on Sunday.
    expect(businessSecondsBetween(paris, new Date('2026-03-27T15:00:00Z'), new Date('2026-03-30T08:00:00Z'))).to.equal(2 * HOUR);
  });

  it('counts a day that contains the DST change at its real length (New York, a 24/7 number, 1 November 2026)', () => {
    const allDay: BusinessHours = { timeZone: 'America/New_York', weekly: [7].map((day) => ({ day, opens: '00:00', closes: '24:00' })), holidays: [], exceptions: [] };
    // Sunday 1 November 2026 has 25 hours in New York.
    expect(businessSecondsBetween(allDay, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-03T00:00:00Z'))).to.equal(25 * HOUR);
    // An interval that starts in the spring gap (02:30 on 8 March 2026 does not exist) starts at 03:00.
    const gap: BusinessHours = { timeZone: 'America/New_York', weekly: [{ day: 7, opens: '02:30', closes: '04:00' }], holidays: [], exceptions: [] };
    expect(businessSecondsBetween(gap, new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))).to.be.at.most(1.5 * HOUR);
    expect(isOpenAt(gap, new Date('2026-03-08T07:30:00Z'))).to.equal(true); // 03:30 EDT
  });

  it('closes on a holiday, also a yearly one in later years', () => {
    const hours: BusinessHours = {
      ...paris,
      holidays: [{ date: '2026-05-01', name: 'Fête du travail', yearly: true }, { date: '2026-05-14', name: 'Ascension' }],
    };
    expect(isOpenAt(hours, new Date('2026-05-01T10:00:00Z'))).to.equal(false);
    expect(isOpenAt(hours, new Date('2026-05-14T10:00:00Z'))).to.equal(false);
    expect(isOpenAt(hours, new Date('2031-05-01T10:00:00Z'))).to.equal(false); // a Thursday, closed every year
    expect(isOpenAt(hours, new Date('2027-05-14T10:00:00Z'))).to.equal(true); // Ascension moves: not yearly
  });

  it('uses an exception’s hours instead of the weekday’s, and an exception without hours closes the day', () => {
    const hours: BusinessHours = {
      ...paris,
      holidays: [{ date: '2026-12-24', name: 'Eve' }],
      exceptions: [
        { date: '2026-12-24', opens: '09:00', closes: '12:00' }, // wins over the holiday
        { date: '2026-12-26', opens: '10:00', closes: '14:00' }, // a Saturday, opened
        { date: '2026-12-28' }, // a Monday, closed
      ],
    };
    expect(isOpenAt(hours, new Date('2026-12-24T10:00:00Z'))).to.equal(true);
    expect(isOpenAt(hours, new Date('2026-12-24T12:00:00Z'))).to.equal(false);
    expect(isOpenAt(hours, new Date('2026-12-26T10:00:00Z'))).to.equal(true);
    expect(isOpenAt(hours, new Date('2026-12-28T10:00:00Z'))).to.equal(false);
  });

  it('adds business time: a 1-hour target set on Friday at 16:30 falls due on Monday at 09:30', () => {
    const due = addBusinessSeconds(paris, new Date('2026-03-06T15:30:00Z'), HOUR);
    expect(due?.toISOString()).to.equal('2026-03-09T08:30:00.000Z');
    // Across the spring change: Friday 27 March 16:30 (UTC+1) → Monday 30 March 09:30 (UTC+2).
    expect(addBusinessSeconds(paris, new Date('2026-03-27T15:30:00Z'), HOUR)?.toISOString()).to.equal('2026-03-30T07:30:00.000Z');
  });

  it('without business hours, every instant is business time', () => {
    expect(isOpenAt(null, new Date('2026-03-07T03:00:00Z'))).to.equal(true);
    expect(addBusinessSeconds(null, new Date('2026-03-07T03:00:00Z'), 90)?.toISOString()).to.equal('2026-03-07T03:01:30.000Z');
  });

  it('gives no due time when the schedule never opens', () => {
    expect(addBusinessSeconds({ ...paris, weekly: [] }, new Date('2026-03-06T15:30:00Z'), 60)).to.equal(null);
  });

  it('agrees with itself: the business time up to addBusinessSeconds(t, s) is s', () => {
    const hours: BusinessHours = { ...paris, timeZone: 'America/New_York', weekly: [...weekdays('08:30', '12:00'), ...weekdays('13:00', '18:00')] };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 200 * HOUR }), (start, seconds) => {
        const from = new Date(start);
        const due = addBusinessSeconds(hours, from, seconds)!;
        expect(Math.round(businessSecondsBetween(hours, from, due))).to.equal(seconds);
      }),
      { numRuns: 200 },
    );
  });

  it('names what is wrong with a schedule', () => {
    expect(businessHoursProblems(paris)).to.deep.equal([]);
    expect(businessHoursProblems({ timeZone: 'Mars/Olympus', weekly: [{ day: 8, opens: '18:00', closes: '09:00' }], holidays: [{ date: '2026-02-30', name: 'x' }], exceptions: [] })).to.have.members([
      'automation.hours.problem.timeZone', 'automation.hours.problem.day', 'automation.hours.problem.interval', 'automation.hours.problem.date',
    ]);
  });
});
