// Bluesky Jetstream events as JSON lines: posts, reposts, replies, quotes, likes, follows, handles.
import { account } from '../../model/index.js';
import type {
  AdapterContext,
  FileSample,
  IngestAdapter,
  IngestItem,
  LoadedItem,
} from '../adapter.js';
import { RowError } from '../adapter.js';
import type { JsonObject } from '../json-fields.js';
import { instantAt, objectAt, optionalTextAt, requiredTextAt, textAt } from '../json-fields.js';
import type { JsonUnit } from '../json-units.js';
import { firstJsonObject, jsonUnits, mapJsonUnits, recordItem } from '../json-units.js';
import { feedPost, LIKE, PLATFORM, POST, REPOST, requireObject } from './feed-records.js';

/** The collection of follows (the bulk path maps them in SQL too). */
export const FOLLOW = 'app.bsky.graph.follow';
/** The collection of profiles. */
export const PROFILE = 'app.bsky.actor.profile';
// Jetstream's first releases wrote `type: com|id|acc` and `commit.type: c|u|d`.
const OLD_KINDS: Readonly<Record<string, string>> = {
  com: 'commit',
  id: 'identity',
  acc: 'account',
};
const OLD_OPERATIONS: Readonly<Record<string, string>> = { c: 'create', u: 'update', d: 'delete' };

/** Jetstream's JSON events (`did`, `time_us`, `kind`: commit, identity or account), one per line. */
export const bluesky: IngestAdapter<'bluesky'> = {
  format: 'bluesky',
  recognize: (sample: FileSample) => {
    const first = firstJsonObject(sample);
    return (
      first !== null &&
      typeof first.did === 'string' &&
      first.did.startsWith('did:') &&
      'time_us' in first &&
      ('kind' in first || 'type' in first)
    );
  },
  read(sample, context) {
    return mapJsonUnits(jsonUnits(sample, context), (unit) => [eventItem(unit, context)]);
  },
};

/** The item of one Jetstream event (a line): its records, or a reject with the field and reason. */
export function eventItem(unit: JsonUnit, context: AdapterContext): IngestItem {
  return recordItem(unit, '', () => eventRecords(unit.value, context));
}

function eventRecords(event: JsonObject, context: AdapterContext): Omit<LoadedItem, 'line'> {
  const did = requiredTextAt(event, 'did');
  const kind = textAt(event, 'kind') || OLD_KINDS[textAt(event, 'type')] || '';
  switch (kind) {
    case 'commit':
      return commitRecords(did, requireObject(objectAt(event, 'commit'), 'commit'), context);
    case 'identity': {
      const identity = requireObject(objectAt(event, 'identity'), 'identity');
      // time_us: when Jetstream saw the event, microseconds since the epoch. Past 2^53 it is
      // not a time DuckDB can hold (a 20-digit one crashed the insert): unknown, as text is.
      const us = Number(textAt(event, 'time_us'));
      const seenAt = Math.abs(us) <= Number.MAX_SAFE_INTEGER ? Math.floor(us / 1000) || null : null;
      return {
        account: account({
          platform: PLATFORM,
          accountId: did,
          handle: requiredTextAt(identity, 'handle', 'identity.handle'),
          seenAt,
        }),
      };
    }
    case 'account': {
      const a = objectAt(event, 'account');
      const status = textAt(a, 'status');
      throw new RowError('account', accountEventReason(textAt(a, 'active'), status));
    }
    default:
      throw new RowError(
        'kind',
        `unknown event kind '${kind}' (expected commit, identity or account)`,
      );
  }
}

function commitRecords(
  did: string,
  commit: JsonObject,
  context: AdapterContext,
): Omit<LoadedItem, 'line'> {
  const collection = requiredTextAt(commit, 'collection', 'commit.collection');
  const operation = textAt(commit, 'operation') || OLD_OPERATIONS[textAt(commit, 'type')] || '';
  const rkey = requiredTextAt(commit, 'rkey', 'commit.rkey');
  if (operation === 'delete') throw new RowError('commit.operation', deleteReason(collection));
  if (operation !== 'create' && operation !== 'update')
    throw new RowError('commit.operation', `unknown operation '${operation}'`);
  const record = requireObject(objectAt(commit, 'record'), 'commit.record');
  const uri = `at://${did}/${collection}/${rkey}`;
  switch (collection) {
    case POST:
    case REPOST:
    case LIKE:
      return { post: feedPost(did, uri, collection, record, 'commit.record', context) };
    case FOLLOW:
      return {
        follow: {
          platform: PLATFORM,
          followerId: did,
          followedId: requiredTextAt(record, 'subject', 'commit.record.subject'),
          firstSeen: instantAt(record, 'createdAt', context, 'commit.record.createdAt'),
        },
      };
    case PROFILE:
      return {
        account: account({
          platform: PLATFORM,
          accountId: did,
          displayName: optionalTextAt(record, 'displayName', 'commit.record.displayName'),
          description: optionalTextAt(record, 'description', 'commit.record.description'),
        }),
      };
    default:
      throw new RowError('commit.collection', otherRecordReason(collection));
  }
}

// The reasons of the events rejected as not actions (the bulk path writes them in SQL too).
/** The reason a delete of a record is rejected with. */
export const deleteReason = (collection: string) =>
  `delete of a record (${collection}): not an action`;
/** The reason a record of another type (a block, list, threadgate …) is rejected with. */
export const otherRecordReason = (collection: string) =>
  `record type ${collection}: blocks, lists, feeds … are not actions unmask models`;
/** The reason an account status event is rejected with (`active`, `status` as read, '' if none). */
export const accountEventReason = (active: string, status: string) =>
  `account status event (active: ${active || '?'}${status ? `, status: ${status}` : ''}): not an action`;
