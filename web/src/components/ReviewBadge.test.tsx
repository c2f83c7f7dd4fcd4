// @vitest-environment happy-dom
// ReviewBadge: the status, who and when; a cluster's decision marked as inherited.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Review } from '../../../src/server/api-types';
import { ReviewBadge } from './ReviewBadge';

afterEach(cleanup);

const confirmed: Review = {
  status: 'confirmed',
  action: 'confirm-cluster',
  reviewer: 'Ana Lima',
  at: '2024-05-01T09:30:12.000Z',
  seq: 1,
  rationale: 'same post within 10 s',
};

describe('ReviewBadge', () => {
  it('says "not reviewed" without a decision', () => {
    render(<ReviewBadge review={null} />);
    expect(screen.getByTestId('review-none').textContent).toBe('not reviewed');
  });
  it('shows the status, reviewer and time to the minute, the rationale on hover', () => {
    render(<ReviewBadge review={confirmed} />);
    const badge = screen.getByTestId('review-status');
    expect(badge.textContent).toBe('confirmed by Ana Lima, 2024-05-01 09:30 UTC');
    expect(badge.getAttribute('title')).toBe('same post within 10 s');
    expect(badge.className).toContain('badge-confirmed');
  });
  it("marks a cluster's decision shown on an account", () => {
    render(<ReviewBadge review={confirmed} inherited />);
    expect(screen.getByTestId('review-status').textContent).toMatch(/^cluster confirmed by/);
  });
});
