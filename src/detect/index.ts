// Detection: significance, fusion, clusters, scores; and evaluation against ground truth.
export type { DetectedCluster, DetectOptions, DetectResult } from './detect.js';
export {
  AUTOMATION,
  DEFAULT_DETECT_SIGNALS,
  detect,
  DETECT_DEFAULTS,
  isAutomated,
  resolveDetectOptions,
  signalFamily,
} from './detect.js';
export type { Evaluation, OperationScore } from './evaluate.js';
export { evaluate } from './evaluate.js';
export { adjustedRandIndex, normalizedMutualInformation } from './partition-metrics.js';
export { benjaminiHochbergLog10, fisherLog10, logGamma, poissonUpperLog10 } from './stats.js';
export type { DetectionFiles } from './write-results.js';
export { writeDetectionFiles } from './write-results.js';
