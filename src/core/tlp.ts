// Traffic Light Protocol levels: how a write-up or a bundle may be shared, with the STIX 2.1
// predefined marking of each (STIX 2.1, 7.2.1.4) and the MISP tag (MISP taxonomy `tlp`).
import { ConfigError } from './errors.js';

/** The TLP levels unmask marks its outputs with. */
export const TLP_LEVELS = ['white', 'green', 'amber', 'red'] as const;
/** A TLP level, e.g. 'green'. */
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** One TLP level: its label, STIX marking id, MISP tag, colours and who may receive it. */
export interface Tlp {
  readonly level: TlpLevel;
  /** e.g. 'TLP:GREEN'. */
  readonly label: string;
  /** The STIX 2.1 predefined marking-definition id. */
  readonly stixId: string;
  /** e.g. 'tlp:green'. */
  readonly mispTag: string;
  /** FIRST's colours for the label: text on a black background. */
  readonly colour: string;
  readonly audience: string;
}

const T = (
  level: TlpLevel,
  stixId: string,
  colour: string,
  audience: string,
): readonly [TlpLevel, Tlp] => [
  level,
  { level, label: `TLP:${level.toUpperCase()}`, stixId, mispTag: `tlp:${level}`, colour, audience },
];

/** Every TLP level by name. */
export const TLP: Readonly<Record<TlpLevel, Tlp>> = Object.fromEntries([
  T(
    'white',
    'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
    '#ffffff',
    'may be shared without restriction',
  ),
  T(
    'green',
    'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
    '#33ff00',
    'may be shared within the community, not published',
  ),
  T(
    'amber',
    'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
    '#ffc000',
    'may be shared within the recipients’ organisations on a need-to-know basis',
  ),
  T(
    'red',
    'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
    '#ff2b2b',
    'for the named recipients only',
  ),
]) as Record<TlpLevel, Tlp>;

/** The TLP of an outside value (a flag); throws ConfigError naming the levels otherwise. */
export function parseTlp(value: string | undefined, field = '--tlp'): Tlp {
  const v = (value ?? 'green').toLowerCase().replace(/^tlp:/, '');
  if (!(TLP_LEVELS as readonly string[]).includes(v))
    throw new ConfigError(`${field}: expected ${TLP_LEVELS.join(', ')}, got '${value}'`);
  return TLP[v as TlpLevel];
}
