import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../core/index.js';
import { clusterSelection } from './pull.js';

describe('clusterSelection(--clusters)', () => {
  it('reads "flagged" or positive cluster ids separated by commas', () => {
    expect(clusterSelection('flagged')).toBe('flagged');
    expect(clusterSelection('3, 7')).toEqual([3, 7]);
  });

  it('refuses anything else, saying what it expects', () => {
    for (const bad of ['', 'all', '0', '3,x', '-2', '1.5'])
      expect(() => clusterSelection(bad)).toThrow(ConfigError);
    expect(() => clusterSelection('all')).toThrow(
      '--clusters all: expected "flagged" or cluster ids separated by commas (e.g. 3,7)',
    );
  });
});
