// Characterization: profiles of detected clusters or analyst-given groups.
export type { DstTransition } from './calendars.js';
export { COUNTRY_CLOCKS, dstTransitions } from './calendars.js';
export type { Characterization, CharacterizeOptions, GroupProfile } from './characterize.js';
export { characterize } from './characterize.js';
export type { ClockOptions, OperatorClock } from './clock.js';
export { HOLIDAY_DIP, operatorClock } from './clock.js';
export type { Technique } from './disarm.js';
export { TECHNIQUES } from './disarm.js';
export { readGroupsFile } from './groups-file.js';
export { identifyLanguages } from './language.js';
export { operationLanguages, operationSamples } from './operation-facts.js';
export { scriptLanguage } from './script.js';
