// Domain types shared by every stage.
export type { Account, AssetType } from './account.js';
export { account } from './account.js';
export { ASSET_TYPES } from './account.js';
export type { HolidayCountry } from './holidays.js';
export {
  countryZones,
  HOLIDAY_COUNTRIES,
  publicHolidays,
  territoryZones,
  WEEKDAY_PUBLIC_HOLIDAYS,
} from './holidays.js';
export type { Post, PostKind } from './post.js';
export { POST_KINDS } from './post.js';
export type { Follow, Indicator, IndicatorKind, Label, MediaFile, Observation } from './records.js';
export { INDICATOR_KINDS } from './records.js';
