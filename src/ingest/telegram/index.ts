// Telegram Desktop JSON export (result.json of one channel or group): messages, forwards, replies,
// and the photos it wrote beside it.
import { parse, resolve } from 'node:path';

import { InputError } from '../../core/index.js';
import type { AssetType, MediaFile, Post } from '../../model/index.js';
import { account } from '../../model/index.js';
import type { AdapterContext, FileSample, IngestAdapter, IngestItem } from '../adapter.js';
import { RowError } from '../adapter.js';
import { buildPost } from '../build-post.js';
import { instant } from '../fields.js';
import { jsonElements } from '../json-items.js';

const PLATFORM = 'telegram';

/** The chat a result.json holds, read from its opening fields. */
interface Chat {
  readonly id: string;
  readonly name: string | null;
  readonly type: string;
}

/** Telegram Desktop's per-chat export: `{name, type, id, messages: [...]}`. */
export const telegram: IngestAdapter<'telegram'> = {
  format: 'telegram',
  recognize: (sample: FileSample) =>
    /^\s*\{/.test(sample.head) &&
    /"messages"\s*:/.test(sample.head) &&
    /"(date|date_unixtime|type)"\s*:/.test(sample.head),
  read(sample, context) {
    const chat = chatOf(sample);
    return readMessages(sample, context, chat);
  },
};

function chatOf(sample: FileSample): Chat {
  // Telegram Desktop writes name, type and id before the messages array.
  const before = sample.head.split(/"messages"\s*:/)[0] ?? '';
  const id = /"id"\s*:\s*(-?\d+)/.exec(before)?.[1];
  if (id === undefined) {
    if (/"chats"\s*:/.test(sample.head))
      throw new InputError(
        `${sample.path}: a full Telegram account export; export one chat (result.json of a channel or group) instead`,
      );
    throw new InputError(`${sample.path}: field 'id': the chat's id is missing before 'messages'`);
  }
  const name = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(before)?.[1];
  const type = /"type"\s*:\s*"([a-z_]+)"/.exec(before)?.[1] ?? 'unknown';
  return { id, name: name === undefined ? null : jsonString(name, sample.path), type };
}

// The value of a JSON string literal's body; a broken one (a raw control character …) names the file.
function jsonString(body: string, path: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch (error) {
    throw new InputError(
      `${path}: field 'name': invalid JSON string (${(error as Error).message})`,
    );
  }
}

async function* readMessages(
  sample: FileSample,
  context: AdapterContext,
  chat: Chat,
): AsyncGenerator<IngestItem[]> {
  const chatAsset: AssetType = /channel/.test(chat.type)
    ? 'channel'
    : /group/.test(chat.type)
      ? 'group'
      : 'account';
  const chatAccountId = `${chatAsset === 'channel' ? 'channel' : 'chat'}${chat.id}`;
  let first = true;
  try {
    for await (const batch of jsonElements(sample.source, /^messages\.\d+$/, context.onProgress)) {
      const items = batch.map(({ index, value, invalid }): IngestItem => {
        const raw = JSON.stringify(value).slice(0, 500);
        if (invalid !== undefined)
          return { line: index, reject: { field: `messages[${index - 1}]`, reason: invalid, raw } };
        try {
          return { line: index, ...messageRecords(value, chat, chatAccountId, context) };
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          return {
            line: index,
            reject: { field: `messages[${index - 1}].${error.field}`, reason: error.message, raw },
          };
        }
      });
      if (first && items.length) {
        // The chat itself is an account (a channel or group); attach it to the first row.
        const chatAccount = account({
          platform: PLATFORM,
          accountId: chatAccountId,
          displayName: chat.name,
          assetType: chatAsset,
        });
        const head = items[0] as IngestItem;
        items[0] =
          head.reject === undefined && head.account === undefined
            ? { ...head, account: chatAccount }
            : head;
        first = false;
      }
      yield items;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${sample.path}: ${(error as Error).message}`);
  }
}

/** One message's post, its author (unless the chat itself) and its photo, if any. */
function messageRecords(
  value: unknown,
  chat: Chat,
  chatAccountId: string,
  context: AdapterContext,
) {
  const m = activityMessage(value);
  const id = m.id;
  if (typeof id !== 'number' && typeof id !== 'string') throw new RowError('id', 'missing id');
  const createdAt = messageTime(m, context);
  const fromId = typeof m.from_id === 'string' && m.from_id !== '' ? m.from_id : chatAccountId;
  const { text, entities } = messageText(m);
  const of = (...types: string[]) => entities.filter((e) => types.includes(String(e.type)));
  const forwardedFrom = forwardSource(m);
  const replyTo =
    typeof m.reply_to_message_id === 'number' || typeof m.reply_to_message_id === 'string'
      ? `${chat.id}/${m.reply_to_message_id}`
      : null;
  const post: Post = buildPost({
    platform: PLATFORM,
    postId: `${chat.id}/${id}`,
    accountId: fromId,
    createdAt,
    kind: forwardedFrom ? 'share' : replyTo ? 'reply' : 'post',
    text,
    urls: [
      ...of('link').map((e) => String(e.text)),
      ...of('text_link').map((e) => String(e.href ?? '')),
    ],
    hashtags: of('hashtag').map((e) => String(e.text)),
    mentions: of('mention', 'mention_name').map((e) => String(e.text)),
    sharedAccountId: forwardedFrom,
    parentPostId: replyTo,
    reactions: reactionCount(m),
    views: typeof m.views === 'number' ? m.views : null,
  });
  const author =
    fromId === chatAccountId
      ? undefined
      : account({
          platform: PLATFORM,
          accountId: fromId,
          displayName: typeof m.from === 'string' ? m.from : null,
          seenAt: createdAt,
        });
  const mediaFiles = photoFiles(m, post, context);
  return {
    post,
    ...(author ? { account: author } : {}),
    ...(mediaFiles.length > 0 ? { mediaFiles } : {}),
  };
}

/** The message as an object; a row error for anything else and for service messages. */
function activityMessage(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object')
    throw new RowError('', 'expected a message object');
  const m = value as Record<string, unknown>;
  if (m.type === 'service')
    throw new RowError(
      'type',
      `service message (${String(m.action ?? 'unknown action')}), not activity`,
    );
  return m;
}

/**
 * When the message was sent, epoch ms: `date_unixtime` when present (UTC), else `date` in the
 * context's zone.
 */
function messageTime(m: Record<string, unknown>, context: AdapterContext): number {
  return typeof m.date_unixtime === 'string' || typeof m.date_unixtime === 'number'
    ? instant(String(m.date_unixtime), 'date_unixtime', { timezone: 'UTC' })
    : instant(typeof m.date === 'string' ? m.date : '', 'date', context);
}

/**
 * The message's text and its entities (links, hashtags, mentions …): `text_entities` when
 * present, else the parts of `text`; the text is `text` when a string, else the entities joined.
 */
function messageText(m: Record<string, unknown>): {
  text: string;
  entities: Array<Record<string, unknown>>;
} {
  const entities = Array.isArray(m.text_entities)
    ? (m.text_entities as Array<Record<string, unknown>>)
    : textParts(m.text);
  const text =
    typeof m.text === 'string'
      ? m.text
      : entities.map((e) => (typeof e.text === 'string' ? e.text : '')).join('');
  return { text, entities };
}

/** The account a forwarded message came from (its id, else its name); null when not forwarded. */
function forwardSource(m: Record<string, unknown>): string | null {
  return typeof m.forwarded_from_id === 'string'
    ? m.forwarded_from_id
    : typeof m.forwarded_from === 'string'
      ? m.forwarded_from
      : null;
}

/** The message's reactions summed over emoji; null when the export lists none. */
function reactionCount(m: Record<string, unknown>): number | null {
  return Array.isArray(m.reactions)
    ? (m.reactions as Array<Record<string, unknown>>).reduce(
        (s, r) => s + (typeof r.count === 'number' ? r.count : 0),
        0,
      )
    : null;
}

/**
 * The message's picture as a media file to hash after the load. Telegram Desktop writes it beside
 * result.json (`photos/photo_1@….jpg`), or a note in parentheses when the export left files out.
 */
function photoFiles(m: Record<string, unknown>, post: Post, context: AdapterContext): MediaFile[] {
  const photo =
    typeof m.photo === 'string' && m.photo !== '' && !m.photo.startsWith('(') ? m.photo : null;
  return photo
    ? [
        {
          platform: PLATFORM,
          postId: post.postId,
          accountId: post.accountId,
          mediaId: parse(photo).name,
          path: resolve(context.inputDir ?? '.', photo),
        },
      ]
    : [];
}

function textParts(text: unknown): Array<Record<string, unknown>> {
  if (typeof text === 'string') return [{ type: 'plain', text }];
  if (!Array.isArray(text)) return [];
  return text.map((part) =>
    typeof part === 'string' ? { type: 'plain', text: part } : (part as Record<string, unknown>),
  );
}
