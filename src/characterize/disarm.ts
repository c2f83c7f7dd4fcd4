// The DISARM techniques and Meta kill-chain procedures characterization can support with evidence.
// Ids and names are DISARM's (../shared/reference/disarm, checked by the conformance suite).

import type { GroupProfile } from './characterize.js';

/** A technique: DISARM id and name, or a Meta Online Operations Kill Chain procedure. */
export interface Technique {
  readonly id: string;
  readonly name: string;
  readonly framework: 'disarm' | 'meta-kill-chain';
  /** DISARM's STIX attack-pattern id and kill-chain phase (DISARM techniques only). */
  readonly stixId?: string;
  readonly phase?: string;
}

/** The techniques unmask can attribute, by key. */
export const TECHNIQUES = {
  newlyCreated: {
    id: 'T0150.001',
    name: 'Newly Created Asset',
    framework: 'disarm',
    stixId: 'attack-pattern--ba703b10-af7d-48d3-9fb9-11426992c902',
    phase: 'establish-assets',
  },
  bulkCreated: {
    id: 'T0150.008',
    name: 'Bulk Created Asset',
    framework: 'disarm',
    stixId: 'attack-pattern--71f85cbb-5f6e-4fd1-9ad4-fea19069bc5f',
    phase: 'establish-assets',
  },
  purchased: {
    id: 'T0150.006',
    name: 'Purchased Asset',
    framework: 'disarm',
    stixId: 'attack-pattern--c62e87a3-a84f-4c2d-bc7c-6ede2fc1fcf5',
    phase: 'establish-assets',
  },
  repurposed: {
    id: 'T0150.004',
    name: 'Repurposed Asset',
    framework: 'disarm',
    stixId: 'attack-pattern--405aa0e6-2297-4c39-b285-17c31190b195',
    phase: 'establish-assets',
  },
  crossPlatform: {
    id: 'T0119.002',
    name: 'Post across Platform',
    framework: 'disarm',
    stixId: 'attack-pattern--03225a5c-f388-4453-a53c-f10be49bbcfe',
    phase: 'maximise-exposure',
  },
  fakeComments: {
    id: 'T0116.001',
    name: 'Post Inauthentic Social Media Comment',
    framework: 'disarm',
    stixId: 'attack-pattern--5251f6d0-6820-4617-afef-a0d8acafd3c1',
    phase: 'deliver-content',
  },
  copypasta: {
    id: 'T0084.001',
    name: 'Use Copypasta',
    framework: 'disarm',
    stixId: 'attack-pattern--4cd719a9-e817-4acc-9581-6b6a60e42f35',
    phase: 'develop-content',
  },
  localised: {
    id: 'T0101',
    name: 'Create Localised Content',
    framework: 'disarm',
    stixId: 'attack-pattern--11352e9a-a52b-4ade-ad4f-ec64a15fa1d5',
    phase: 'microtarget',
  },
  trollsAmplify: {
    id: 'T0049.001',
    name: 'Trolls Amplify and Manipulate',
    framework: 'disarm',
    stixId: 'attack-pattern--1c13465b-8b75-4b7d-a763-fe5b1d091635',
    phase: 'maximise-exposure',
  },
  botsAmplify: {
    id: 'T0049.003',
    name: 'Bots Amplify via Automated Forwarding and Reposting',
    framework: 'disarm',
    stixId: 'attack-pattern--e6ab2793-a059-4354-bb60-045afb019833',
    phase: 'maximise-exposure',
  },
  floodHashtag: {
    id: 'T0049.002',
    name: 'Flood Existing Hashtag',
    framework: 'disarm',
    stixId: 'attack-pattern--bfce790b-dfd6-46ca-8fab-c2d72f21bba2',
    phase: 'maximise-exposure',
  },
  spamouflage: {
    id: 'T0049.004',
    name: 'Utilise Spamoflauge',
    framework: 'disarm',
    stixId: 'attack-pattern--4282febe-c8a6-46da-863c-f19081615d80',
    phase: 'maximise-exposure',
  },
  followTrains: {
    id: 'T0092.002',
    name: 'Use Follow Trains',
    framework: 'disarm',
    stixId: 'attack-pattern--37a192dd-8b33-482e-ba7a-b5a7b4f704b9',
    phase: 'establish-assets',
  },
  echoChamber: {
    id: 'T0102.002',
    name: 'Create Echo Chambers/Filter Bubbles',
    framework: 'disarm',
    stixId: 'attack-pattern--bb25b4aa-9223-40ea-a28a-0dd675e91e46',
    phase: 'microtarget',
  },
  persona: {
    id: 'T0097.100',
    name: 'Individual Persona',
    framework: 'disarm',
    stixId: 'attack-pattern--fb1bfbf4-811d-49b6-bc78-bbd49c909d56',
    phase: 'establish-legitimacy',
  },
  shiftPattern: {
    id: '3.1.1',
    name: 'Working to a regular shift pattern',
    framework: 'meta-kill-chain',
  },
} as const satisfies Record<string, Technique>;

/** The DISARM techniques (and kill-chain procedures) a group profile's evidence supports. */
export function techniques(
  p: Omit<GroupProfile, 'disarm'>,
): Array<Technique & { evidence: string }> {
  const out: Array<Technique & { evidence: string }> = [];
  const use = (t: Technique, evidence: string) => out.push({ ...t, evidence });
  const platforms = Object.keys(p.assets.byPlatform);
  if (p.assets.creation.burst)
    use(
      TECHNIQUES.bulkCreated,
      `${p.assets.creation.burst.accounts} accounts created between ${p.assets.creation.burst.start} and ${p.assets.creation.burst.end}`,
    );
  const renamed = p.repurposed.filter((r) => r.handles.length > 1 || r.switch);
  if (renamed.length > 0)
    use(
      TECHNIQUES.repurposed,
      `${renamed.length} accounts renamed or switched language/topic, e.g. ${renamed[0]?.handles.join(' → ') || renamed[0]?.switch}`,
    );
  if (platforms.length >= 2) use(TECHNIQUES.crossPlatform, `active on ${platforms.join(', ')}`);
  if (p.samplePosts.some((s) => s.accounts >= 3))
    use(
      TECHNIQUES.copypasta,
      `the same text posted by up to ${Math.max(...p.samplePosts.map((s) => s.accounts))} accounts`,
    );
  // Languages, not scripts: 'und-Latn' (short Latin texts without a language) is none.
  const langs = Object.keys(p.languages).filter(
    (l) => !l.startsWith('und') && (p.languages[l] ?? 0) >= 0.05,
  );
  if (langs.length >= 3) use(TECHNIQUES.localised, `content in ${langs.join(', ')}`);
  if (
    p.echoChamber.inNetworkShare !== null &&
    p.echoChamber.inNetworkShare >= 0.5 &&
    p.echoChamber.engagements >= 10
  )
    use(
      TECHNIQUES.echoChamber,
      `${Math.round(p.echoChamber.inNetworkShare * 100)}% of ${p.echoChamber.engagements} engagements came from the network itself`,
    );
  if (p.echoChamber.fromInside >= 10)
    use(
      TECHNIQUES.fakeComments,
      `${p.echoChamber.fromInside} replies, comments, reactions or shares of the network's own posts`,
    );
  if (p.assets.followersInNetwork >= 10)
    use(
      TECHNIQUES.followTrains,
      `${p.assets.followersInNetwork} of ${p.assets.followersRecorded} recorded follows come from the network`,
    );
  if (p.clock === 'automated')
    use(
      TECHNIQUES.botsAmplify,
      `${p.automatedAccounts} accounts post around the clock at regular intervals`,
    );
  else
    use(TECHNIQUES.trollsAmplify, 'coordinated amplification by accounts without timer behaviour');
  if (p.narratives.hashtag.some((h) => h.accounts >= 5))
    use(
      TECHNIQUES.floodHashtag,
      `#${p.narratives.hashtag[0]?.value} used by ${p.narratives.hashtag[0]?.accounts} accounts of the network`,
    );
  if (p.clock === 'office' && p.timezone.utcOffsetMinutes !== null)
    use(
      TECHNIQUES.shiftPattern,
      `work blocks ${p.schedule?.workBlocks.map((b) => `${b.start}–${b.end}`).join(', ')} at UTC${p.timezone.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(p.timezone.utcOffsetMinutes) / 60}`,
    );
  return out;
}
