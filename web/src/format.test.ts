// formatDuration, the p-value and offset formats as the account page writes them, and the platform
// counts of the cluster list.
import { describe, expect, it } from 'vitest';

import {
  formatDuration,
  formatExpected,
  formatLog10P,
  formatP,
  formatPlatforms,
  utcLabel,
} from './format';

describe('formatDuration(seconds)', () => {
  it('writes the two largest units that fit', () => {
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(3 * 3600 + 300 + 7)).toBe('3 h 5 min');
    expect(formatDuration(90_061)).toBe('1 d 1 h');
    expect(formatDuration(2 * 86_400)).toBe('2 d');
  });
  it('stops at a unit that is zero instead of skipping it', () => {
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3600 + 5)).toBe('1 h');
    expect(formatDuration(60)).toBe('1 min');
  });
  it('rounds seconds: whole ones from 10 s, tenths below 1 s', () => {
    expect(formatDuration(56.05999994277954)).toBe('56 s');
    expect(formatDuration(9.4)).toBe('9 s');
    expect(formatDuration(0.43)).toBe('0.4 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-250)).toBe('4 min 10 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatLog10P(log10p) and formatP(p)', () => {
  it('writes small p in powers of ten, others plainly, and the floor as a bound', () => {
    expect(formatLog10P(-12.5)).toBe('p 3.2e-13');
    expect(formatLog10P(-1.4)).toBe('p 0.04');
    expect(formatLog10P(-300)).toBe('p < 1e-300');
    expect(formatLog10P(null)).toBe('p —');
    expect(formatP(5.8e-11, 'q')).toBe('q 5.8e-11');
    expect(formatP(0)).toBe('p < 1e-300');
  });
});

describe('formatExpected(x) and utcLabel(minutes)', () => {
  it('keeps two significant digits of an expectation', () => {
    expect(formatExpected(0.0491)).toBe('0.049');
    expect(formatExpected(6.2925)).toBe('6.3');
    expect(formatExpected(123.4)).toBe('123');
    expect(formatExpected(null)).toBe('—');
  });
  it('writes offsets with a sign and minutes when there are any', () => {
    expect(utcLabel(480)).toBe('UTC+8');
    expect(utcLabel(-330)).toBe('UTC−5:30');
    expect(utcLabel(0)).toBe('UTC+0');
    expect(utcLabel(null)).toBe('—');
  });
});

describe('formatPlatforms(platforms)', () => {
  it('writes each platform with the sum of its asset counts, in the order given', () => {
    expect(formatPlatforms({ x: { account: 3, page: 1 }, facebook: { page: 2 } })).toBe(
      'x 4, facebook 2',
    );
    expect(formatPlatforms({ telegram: {} })).toBe('telegram 0');
  });
  it('writes nothing for no platforms', () => {
    expect(formatPlatforms(null)).toBe('');
    expect(formatPlatforms({})).toBe('');
  });
});
