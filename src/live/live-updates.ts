import express, { type Request, type Response, type Router } from 'express';
import { INBOX_CHANNEL } from '../db/notify.js';
import { canSeeConversation, holds, type InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { readConversationAccess } from '../permissions/conversation-access.js';
import { LiveDispatcher } from './live-dispatcher.js';
import { parseLiveNotification } from './live-notification.js';
import { LiveStreams, type LiveStream } from './live-streams.js';
import { listenerConnectionConfig } from './listener-connection-config.js';
import { DEFAULT_LISTENER_TIMING, NotificationListener, type ListenerTiming } from './notification-listener.js';
import { PERMISSIONS_CHANNEL } from '../db/notify.js';
import { SseStream } from './sse-stream.js';
import { countUnseenMentions } from './mention-count.js';
import { countUnread } from './unread-count.js';
import { isUuid } from '../domain/uuid.js';

export interface LiveUpdates {
  /** Served at `<rootPath>/whatsapp/live` by the plugin's admin routes. */
  router: Router;
  /** Ends every stream and the LISTEN connection. */
  close(): Promise<void>;
}

export interface LiveUpdatesSettings {
  /** Per admin and per web process: a runaway tab cannot hold the server's connections. */
  maxStreamsPerAdmin: number;
  /** Comments that keep proxies and load balancers from closing an idle stream. */
  heartbeatMs: number;
  /** How long the browser waits before reconnecting a dropped stream. */
  retryMs: number;
  unreadDelayMs: number;
  /** How often each stream's session is looked up again (logout, deactivation, expiry end it). */
  sessionCheckMs: number;
  listener: ListenerTiming;
}

export const DEFAULT_LIVE_UPDATES_SETTINGS: LiveUpdatesSettings = {
  maxStreamsPerAdmin: 10,
  heartbeatMs: 25_000,
  retryMs: 3_000,
  unreadDelayMs: 500,
  sessionCheckMs: 60_000,
  listener: DEFAULT_LISTENER_TIMING,
};

/** Conversations a view may name when it opens a stream for them (the conversation view names one). */
const MAX_NAMED_CONVERSATIONS = 20;

/**
 * Live inbox updates: Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY. Every web process
 * LISTENs on its own connection, so a NOTIFY reaches the streams of every process behind a
 * load balancer. Events carry ids only, and each is delivered only to the admins who may see
 * the conversation now.
 *
 * Events: `inbox` `{ kind, conversationId, messageId? }` — kind is one of the notification
 * kinds, or `conversation.hidden` when a conversation this stream was told about (or was opened
 * for with `?conversation=<id>`) is no longer visible to the admin; a conversation the stream
 * never showed stays silent, so an agent learns nothing of conversations that were not his.
 * `unread` `{ count }` on connect and after the changes that may move it. `mention` `{ count,
 * conversationId?, noteId? }`: the admin's unseen @mentions, on connect and when it changes (with
 * the conversation and note when someone just mentioned them). `resync` `{}` when
 * events may have been missed (LISTEN reconnected, permissions changed, the browser reconnected):
 * refetch what is shown.
 */
export function createLiveUpdates(
  context: PluginContext,
  agentOf: (req: Request) => InboxActor | null,
  overrides: Partial<LiveUpdatesSettings> = {},
): LiveUpdates {
  const { dataSource, logger } = context;
  const settings = { ...DEFAULT_LIVE_UPDATES_SETTINGS, ...overrides };
  const streams = new LiveStreams(dataSource, logger, {
    perAdmin: settings.maxStreamsPerAdmin,
    knownPerStream: 1_000,
    unreadDelayMs: settings.unreadDelayMs,
  });
  const dispatcher = new LiveDispatcher(dataSource, streams, logger);
  let listener: NotificationListener | undefined;
  let timers: NodeJS.Timeout[] = [];
  let closed = false;

  // Lazily, on the first stream: worker processes build the plugin too and never serve one.
  const listen = (): Promise<void> => {
    if (!listener) {
      listener = new NotificationListener(
        listenerConnectionConfig(dataSource.options),
        [INBOX_CHANNEL, PERMISSIONS_CHANNEL],
        {
          notification: (channel, payload) => {
            const parsed = parseLiveNotification(channel, payload);
            if (parsed) dispatcher.push(parsed);
            else logger.warn('live updates: ignored a malformed notification', { channel });
          },
          listening: () => dispatcher.push({ channel: 'listening' }),
        },
        logger,
        settings.listener,
      );
      timers = [
        setInterval(() => streams.heartbeat(), settings.heartbeatMs).unref(),
        setInterval(() => void endStreamsOfEndedSessions(streams), settings.sessionCheckMs).unref(),
      ];
    }
    return listener.start();
  };

  const openStream = async (req: Request, res: Response): Promise<void> => {
    if (closed) {
      res.status(503).json({ error: 'closing' });
      return;
    }
    const admin = agentOf(req);
    if (!admin) {
      res.status(401).json({ error: 'unauthenticated' });
      return;
    }
    if (!holds(admin, 'inbox.view')) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    let gone = false;
    res.once('close', () => (gone = true));
    await listen();
    const named = await visibleNamedConversations(admin, req.query.conversation);
    if (closed || gone) return;

    const sse = new SseStream(res);
    const stream = streams.add(admin, sse, { known: named, session: sessionOf(req) });
    if (!stream) {
      res.status(429).json({ error: 'too-many-streams' });
      return;
    }
    res.once('close', () => streams.remove(stream));
    sse.open(settings.retryMs);
    try {
      sse.send('unread', { count: await countUnread(dataSource, admin) });
      sse.send('mention', { count: await countUnseenMentions(dataSource, admin) });
    } catch (error) {
      logger.error('live updates: could not count unread conversations and mentions', { agentId: admin.id, error: String(error) });
    }
    // The browser sends the last event's id when it reconnects: it was cut off and may have missed events.
    if (req.get('last-event-id') !== undefined) sse.send('resync', {});
  };

  const visibleNamedConversations = async (admin: InboxActor, query: unknown): Promise<string[]> => {
    const ids = [...new Set((Array.isArray(query) ? query : [query]).filter(isUuid))];
    const access = await readConversationAccess(dataSource, ids.slice(0, MAX_NAMED_CONVERSATIONS));
    return [...access].filter(([, conversation]) => canSeeConversation(admin, conversation)).map(([id]) => id);
  };

  const router = express.Router();
  router.get('/', (req, res, next) => {
    openStream(req, res).catch(next);
  });

  return {
    router,
    async close() {
      closed = true;
      for (const timer of timers) clearInterval(timer);
      streams.closeAll();
      await dispatcher.stop();
      await listener?.close();
    },
  };
}

function sessionOf(req: Request): LiveStream['session'] {
  const { sessionID: id, sessionStore: store } = req;
  if (!id || !store) return undefined;
  return {
    id,
    // A store that cannot answer does not end anybody's stream.
    exists: () => new Promise((resolve) => store.get(id, (error, session) => resolve(Boolean(error) || Boolean(session)))),
  };
}

async function endStreamsOfEndedSessions(streams: LiveStreams): Promise<void> {
  for (const sessionStreams of streams.bySession().values()) {
    if (!(await sessionStreams[0]!.session!.exists())) for (const stream of sessionStreams) streams.endStream(stream);
  }
}
