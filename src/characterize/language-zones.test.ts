// Where a language's speakers sit (CLDR territory populations over date-holidays' zones), and
// which languages are concentrated enough to anchor a clock.
import { describe, expect, it } from 'vitest';

import { languageAnchor, speakersByOffset } from './language-zones.js';

describe('speakersByOffset(language, year)', () => {
  it('puts most Russian speakers at Moscow time and Chinese speakers at Beijing time', () => {
    const ru = speakersByOffset('ru', 2016);
    const top = (m: ReadonlyMap<number, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(top(ru)).toBe(180);
    expect(top(speakersByOffset('zh', 2020))).toBe(480);
    const total = [...ru.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('knows no speakers of a code CLDR lacks', () => {
    expect(speakersByOffset('xx', 2016).size).toBe(0);
  });
});

describe('languageAnchor(languages, year)', () => {
  it('anchors a group writing mostly Russian at UTC+3, its neighbours weighed by their speakers', () => {
    const a = languageAnchor({ ru: 0.7, de: 0.2, und: 0.1 }, 2016);
    expect(a?.language).toBe('ru');
    expect(a?.offsetMinutes).toBe(180);
    expect(a?.offsets.get(180)).toBe(1);
    expect(a?.offsets.get(120)).toBeGreaterThan(0);
    expect(a?.offsets.get(120)).toBeLessThan(0.5);
    expect(a?.offsets.get(-300) ?? 0).toBeLessThan(0.05);
    expect(a?.concentration).toBeGreaterThanOrEqual(0.6);
  });

  it('gives no anchor for a lingua franca, a minority language or undetermined text', () => {
    expect(languageAnchor({ en: 0.99 }, 2016)).toBeNull();
    expect(languageAnchor({ es: 0.9 }, 2016)).toBeNull();
    expect(languageAnchor({ ru: 0.55, en: 0.45 }, 2016)).toBeNull();
    expect(languageAnchor({ und: 0.9, ru: 0.1 }, 2016)).toBeNull();
    expect(languageAnchor({}, 2016)).toBeNull();
  });
});
