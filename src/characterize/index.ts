// Characterization: profiles of detected clusters or analyst-given groups.
export type { CountryCalendar, DstTransition } from './calendars.js';
export { COUNTRY_CALENDARS, dstTransitions } from './calendars.js';
export type { Characterization, CharacterizeOptions, GroupProfile } from './characterize.js';
export { characterize } from './characterize.js';
export type { AccountClock, ClockOptions, OperatorClock } from './clock.js';
export { accountClock, CLOCK_EVIDENCE, operatorClock, REPORT_CONFIDENCE } from './clock.js';
export type { Technique } from './disarm.js';
export { TECHNIQUES } from './disarm.js';
export type { DstEvidence } from './dst-test.js';
export { dstEvidence } from './dst-test.js';
export { readGroupsFile } from './groups-file.js';
export type { HolidayEvidence } from './holiday-test.js';
export { HOLIDAY_DIP, holidayEvidence } from './holiday-test.js';
export { identifyLanguages } from './language.js';
export { operationLanguages, operationSamples } from './operation-facts.js';
export { scriptLanguage } from './script.js';
