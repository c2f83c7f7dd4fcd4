// Detection: significance, fusion, clusters, scores; and evaluation against ground truth.
export type {
  AccountName,
  DetectedCluster,
  DetectOptions,
  DetectResult,
  DetectRun,
  StrongestPairReport,
} from './detect.js';
export {
  AUTOMATION,
  detect,
  DETECT_DEFAULTS,
  isAutomated,
  resolveDetectOptions,
  signalFamily,
} from './detect.js';
export type { MemberInfo } from './detect.sql.js';
export {
  clusterCount,
  clusterMembers,
  clusterSignalTotals,
  clusterVerdicts,
  detectionRun,
  hasDetection,
} from './detect.sql.js';
export type { Evaluation, KindScore, OperationScore } from './evaluate.js';
export { evaluate } from './evaluate.js';
export type { PeripheryMember } from './membership.js';
export { MIN_MEMBERSHIP_LINKS, testMembership } from './membership.js';
export { adjustedRandIndex, normalizedMutualInformation } from './partition-metrics.js';
export type { PairTests, StrongestPair } from './significance.js';
export { MIN_ACTIONS, testPairs } from './significance.js';
export { benjaminiHochbergLog10, fisherLog10, logGamma, poissonUpperLog10 } from './stats.js';
export type { DetectionFiles } from './write-results.js';
export { nothingFoundReason, writeDetectionFiles } from './write-results.js';
