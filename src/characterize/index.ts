// Characterization: profiles of detected clusters or analyst-given groups.
export type { CountryCalendar, DstTransition } from './calendars.js';
export { COUNTRY_CALENDARS, dstTransitions } from './calendars.js';
export type { Characterization, CharacterizeOptions, GroupProfile } from './characterize.js';
export { characterize } from './characterize.js';
export type {
  AccountClock,
  AccountClockOptions,
  ClockCalendar,
  ClockOptions,
  OperatorClock,
} from './clock.js';
export {
  ACCOUNT_CLOCK_MIN,
  ACCOUNT_CLOCK_MIN_DAYS,
  ACCOUNT_CLOCK_MIN_SLOTS,
  accountClock,
  accountClocks,
  CLOCK_EVIDENCE,
  clockCalendar,
  GROUP_CONTRAST,
  MEMBER_CLOCK_EVIDENCE,
  operatorClock,
  REPORT_CONFIDENCE,
} from './clock.js';
export type { ContentFlow, ContentRole, ReturningAsset } from './content-flow.sql.js';
export type { Technique } from './disarm.js';
export { TECHNIQUES } from './disarm.js';
export type { DstEvidence } from './dst-test.js';
export { dstEvidence } from './dst-test.js';
export { readGroupsFile } from './groups-file.js';
export type { HolidayEvidence } from './holiday-test.js';
export { HOLIDAY_DIP, holidayEvidence } from './holiday-test.js';
export type { KnownAsset } from './known-file.js';
export { readKnownFile } from './known-file.js';
export { identifyLanguages } from './language.js';
export type { OffsetFit, OffsetPosterior } from './offset-fit.js';
export { mostProbable, offsetDistance, offsetFit, offsetPosterior } from './offset-fit.js';
export { operationLanguages, operationSamples } from './operation-facts.js';
export { readProfiles } from './profiles.sql.js';
export { scriptLanguage } from './script.js';
