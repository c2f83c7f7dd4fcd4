// The DISARM techniques and Meta kill-chain procedures characterization can support with evidence.
// Ids and names are DISARM's (../shared/reference/disarm, checked by the conformance suite).

/** A technique: DISARM id and name, or a Meta Online Operations Kill Chain procedure. */
export interface Technique {
  readonly id: string;
  readonly name: string;
  readonly framework: 'disarm' | 'meta-kill-chain';
}

/** The techniques unmask can attribute, by key. */
export const TECHNIQUES = {
  newlyCreated: { id: 'T0150.001', name: 'Newly Created Asset', framework: 'disarm' },
  bulkCreated: { id: 'T0150.008', name: 'Bulk Created Asset', framework: 'disarm' },
  purchased: { id: 'T0150.006', name: 'Purchased Asset', framework: 'disarm' },
  repurposed: { id: 'T0150.004', name: 'Repurposed Asset', framework: 'disarm' },
  crossPlatform: { id: 'T0119.002', name: 'Post across Platform', framework: 'disarm' },
  fakeComments: {
    id: 'T0116.001',
    name: 'Post Inauthentic Social Media Comment',
    framework: 'disarm',
  },
  copypasta: { id: 'T0084.001', name: 'Use Copypasta', framework: 'disarm' },
  localised: { id: 'T0101', name: 'Create Localised Content', framework: 'disarm' },
  trollsAmplify: { id: 'T0049.001', name: 'Trolls Amplify and Manipulate', framework: 'disarm' },
  botsAmplify: {
    id: 'T0049.003',
    name: 'Bots Amplify via Automated Forwarding and Reposting',
    framework: 'disarm',
  },
  floodHashtag: { id: 'T0049.002', name: 'Flood Existing Hashtag', framework: 'disarm' },
  spamouflage: { id: 'T0049.004', name: 'Utilise Spamoflauge', framework: 'disarm' },
  followTrains: { id: 'T0092.002', name: 'Use Follow Trains', framework: 'disarm' },
  echoChamber: {
    id: 'T0102.002',
    name: 'Create Echo Chambers/Filter Bubbles',
    framework: 'disarm',
  },
  persona: { id: 'T0097.100', name: 'Individual Persona', framework: 'disarm' },
  shiftPattern: {
    id: '3.1.1',
    name: 'Working to a regular shift pattern',
    framework: 'meta-kill-chain',
  },
} as const satisfies Record<string, Technique>;
