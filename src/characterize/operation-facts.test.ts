import { describe, expect, it } from 'vitest';

import type { GroupProfile } from './characterize.js';
import { operationLanguages, operationSamples } from './operation-facts.js';

const groups: Array<Pick<GroupProfile, 'languages' | 'posts' | 'samplePosts'>> = [
  {
    posts: 300,
    languages: { th: 0.5, en: 0.5 },
    samplePosts: [
      { text: 'thai slogan', accounts: 30, outsideAccounts: 0, language: 'th' },
      { text: 'english slogan', accounts: 25, outsideAccounts: 0, language: 'en' },
      { text: 'english filler', accounts: 24, outsideAccounts: 0, language: 'en' },
    ],
  },
  {
    posts: 100,
    languages: { zh: 0.6, ko: 0.4 },
    samplePosts: [
      { text: '中文口号', accounts: 8, outsideAccounts: 0, language: 'zh' },
      { text: '한국어 구호', accounts: 5, outsideAccounts: 0, language: 'ko' },
      { text: 'thai slogan', accounts: 12, outsideAccounts: 0, language: 'th' },
    ],
  },
];

describe('operationLanguages(groups)', () => {
  it("weighs every cluster's languages by its posts, not the first cluster's alone", () => {
    expect(operationLanguages(groups)).toEqual({ en: 0.375, th: 0.375, zh: 0.15, ko: 0.1 });
    expect(operationLanguages([])).toEqual({});
  });
});

describe('operationSamples(groups, limit)', () => {
  it('quotes the most copied text of each language first, then the most copied of the rest', () => {
    expect(operationSamples(groups, 5).map((s) => s.text)).toEqual([
      'english slogan',
      'thai slogan',
      '中文口号',
      '한국어 구호',
      'english filler',
    ]);
    expect(operationSamples(groups, 2).map((s) => s.text)).toEqual([
      'english slogan',
      'thai slogan',
    ]);
    // A text quoted once, with its largest count of accounts.
    expect(operationSamples(groups, 5).find((s) => s.text === 'thai slogan')?.accounts).toBe(30);
  });

  it('ranks filler that accounts outside the operation also post below its own messages', () => {
    const withFiller = [
      {
        posts: 100,
        languages: { en: 1 },
        samplePosts: [
          { text: 'filler everyone posts', accounts: 20, outsideAccounts: 200, language: 'en' },
          { text: 'the message', accounts: 8, outsideAccounts: 0, language: 'en' },
          { text: 'another message', accounts: 5, outsideAccounts: 1, language: 'en' },
        ],
      },
    ];
    expect(operationSamples(withFiller, 2).map((s) => s.text)).toEqual([
      'the message',
      'another message',
    ]);
  });
});
