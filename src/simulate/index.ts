// Simulate: seeded scenarios of influence operations in an organic crowd, with ground truth.
export type { ImageEdit } from './draw-images.js';
export { drawOriginal, editImage, IMAGE_EDITS, renderOriginal } from './draw-images.js';
export type { LookalikePlan } from './hard-crowd.js';
export { LOOKALIKES } from './hard-crowd.js';
export type { ImageSimulationOptions, ImageSimulationSummary } from './images.js';
export { simulateImages } from './images.js';
export type { PlantedOperation } from './operations.js';
export { CN_HOLIDAYS_2024, IRA_SHIFT, RU_HOLIDAYS_2024, SPAMOUFLAGE_SHIFT } from './operations.js';
export type { SimulateOptions, SimulationSummary } from './simulate.js';
export {
  CAREFUL,
  MIN_HARD_ACCOUNTS,
  scenarioParts,
  SCENARIOS,
  simulate,
  DEFAULTS as SIMULATE_DEFAULTS,
} from './simulate.js';
