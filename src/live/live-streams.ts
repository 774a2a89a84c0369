import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger.js';
import type { InboxNotification } from '../db/notify.js';
import { isSlaAlert, type InboxEvent, type LiveStreamEventName, type LiveStreamPayloads, type MentionEvent } from '../domain/live-events.js';
import { loadPermissions } from '../permissions/load-permissions.js';
import { canSeeConversation, holds, type InboxActor } from '../permissions/permission-snapshot.js';
import type { ConversationAccess } from '../permissions/conversation-access.js';
import type { SseStream } from './sse-stream.js';
import { countUnseenMentions } from './mention-count.js';
import { countUnread } from './unread-count.js';

export interface LiveStream {
  readonly agentId: string;
  readonly sse: SseStream;
  /**
   * Conversations this stream was told about, or was opened for while the admin could see
   * them: the only ones it may hear have left the admin's view. Oldest forgotten first.
   */
  readonly known: Set<string>;
  /** The session the stream was opened in, looked up again from time to time. */
  readonly session?: { id: string; exists(): Promise<boolean> };
}

export interface LiveStreamLimits {
  perAdmin: number;
  knownPerStream: number;
  /** Unread counts are recomputed at most this often per admin, after the events that may change them. */
  unreadDelayMs: number;
}

interface AdminStreams {
  /** The newest permissions known for this admin: from the latest request, or reloaded on a change. */
  actor: InboxActor;
  streams: Set<LiveStream>;
  unreadTimer?: NodeJS.Timeout;
}

/**
 * The open streams of this process, grouped by admin, and what each may be told. Every
 * decision is made here, on the server, with the admin's current permissions.
 */
export class LiveStreams {
  private readonly agents = new Map<string, AdminStreams>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly limits: LiveStreamLimits,
  ) {}

  get isEmpty(): boolean {
    return this.agents.size === 0;
  }

  /** Registers a stream, or refuses (undefined) when the admin already has as many as allowed. */
  add(actor: InboxActor, sse: SseStream, options: { known?: string[]; session?: LiveStream['session'] } = {}): LiveStream | undefined {
    const entry = this.agents.get(actor.id) ?? { actor, streams: new Set<LiveStream>() };
    if (entry.streams.size >= this.limits.perAdmin) return undefined;
    entry.actor = actor;
    this.agents.set(actor.id, entry);
    const stream: LiveStream = { agentId: actor.id, sse, known: new Set(options.known), session: options.session };
    entry.streams.add(stream);
    return stream;
  }

  remove(stream: LiveStream): void {
    const entry = this.agents.get(stream.agentId);
    if (!entry?.streams.delete(stream)) return;
    if (entry.streams.size > 0) return;
    clearTimeout(entry.unreadTimer);
    this.agents.delete(stream.agentId);
  }

  /** Delivers notifications in their order, given the conversations' current owners (a deleted one is absent). */
  deliver(notifications: readonly InboxNotification[], conversations: ReadonlyMap<string, ConversationAccess>): void {
    for (const notification of notifications) {
      const conversation = conversations.get(notification.conversationId);
      const event: InboxEvent = {
        kind: notification.kind,
        conversationId: notification.conversationId,
        messageId: notification.messageId,
        noteId: notification.noteId,
      };
      for (const entry of this.agents.values()) {
        const visible = conversation !== undefined && canSeeConversation(entry.actor, conversation);
        if (notification.agentIds?.includes(entry.actor.id)) {
          const mentioned = notification.kind === 'note.created' && visible;
          void this.sendMentions(entry, mentioned ? { conversationId: notification.conversationId, noteId: notification.noteId } : {});
        }
        // Seeing one's mentions changes nothing anyone shows but the count.
        if (notification.kind === 'mentions.seen') continue;
        if (isSlaAlert(notification.kind)) {
          if (visible && oversees(entry.actor, conversation)) this.send(entry, 'inbox', event);
          continue;
        }
        for (const stream of entry.streams) {
          if (visible) {
            stream.sse.send('inbox', event);
            this.remember(stream, notification.conversationId);
          } else if (stream.known.delete(notification.conversationId)) {
            stream.sse.send('inbox', { kind: 'conversation.hidden', conversationId: notification.conversationId } satisfies InboxEvent);
          }
        }
        if (mayChangeUnread(entry.actor, notification, conversation)) this.scheduleUnread(entry);
      }
    }
  }

  /**
   * An admin's grants, role or activity changed: their streams continue with the new
   * permissions and refetch what they show, or end when the inbox is no longer theirs. When
   * the permissions cannot be read, the streams end too (the browser reconnects through the
   * authentication): never carry on with permissions that may have been revoked.
   */
  async reloadPermissions(agentId: string): Promise<void> {
    const entry = this.agents.get(agentId);
    if (!entry) return;
    let actor: InboxActor | undefined;
    try {
      actor = await this.currentActor(agentId);
    } catch (error) {
      this.logger.error('live updates: could not reload permissions; ending the streams', { agentId, error: String(error) });
    }
    if (this.agents.get(agentId) !== entry) return;
    if (!actor || !holds(actor, 'inbox.view')) {
      this.end(entry);
      return;
    }
    entry.actor = actor;
    this.send(entry, 'resync', {});
    await this.sendUnread(entry);
    await this.sendMentions(entry, {});
  }

  /** LISTEN was (re-)established: what happened meanwhile is unknown, permission changes included. */
  async resyncAll(): Promise<void> {
    for (const agentId of [...this.agents.keys()]) await this.reloadPermissions(agentId);
  }

  /** Notifications were lost (they could not be read): every stream refetches. */
  resyncEveryStream(): void {
    for (const entry of this.agents.values()) this.send(entry, 'resync', {});
  }

  heartbeat(): void {
    for (const entry of this.agents.values()) for (const stream of entry.streams) stream.sse.comment('heartbeat');
  }

  /** Streams by session, for checking that each session still exists. */
  bySession(): Map<string, LiveStream[]> {
    const sessions = new Map<string, LiveStream[]>();
    for (const entry of this.agents.values()) {
      for (const stream of entry.streams) {
        if (stream.session) sessions.set(stream.session.id, [...(sessions.get(stream.session.id) ?? []), stream]);
      }
    }
    return sessions;
  }

  endStream(stream: LiveStream): void {
    stream.sse.end();
    this.remove(stream);
  }

  closeAll(): void {
    for (const entry of [...this.agents.values()]) this.end(entry);
  }

  private async sendUnread(entry: AdminStreams): Promise<void> {
    try {
      const count = await countUnread(this.dataSource, entry.actor);
      this.send(entry, 'unread', { count });
    } catch (error) {
      this.logger.error('live updates: could not count unread conversations', { agentId: entry.actor.id, error: String(error) });
    }
  }

  private async sendMentions(entry: AdminStreams, about: Pick<MentionEvent, 'conversationId' | 'noteId'>): Promise<void> {
    try {
      const count = await countUnseenMentions(this.dataSource, entry.actor);
      this.send(entry, 'mention', { count, ...about });
    } catch (error) {
      this.logger.error('live updates: could not count mentions', { agentId: entry.actor.id, error: String(error) });
    }
  }

  private async currentActor(agentId: string): Promise<InboxActor | undefined> {
    const [user] = (await this.dataSource.query(`SELECT role, is_active AS "isActive" FROM whatsapp_agents WHERE id = $1`, [agentId])) as {
      role: string;
      isActive: boolean;
    }[];
    if (!user?.isActive) return undefined;
    return { id: agentId, role: user.role, permissions: await loadPermissions(this.dataSource, { id: agentId, role: user.role }) };
  }

  private scheduleUnread(entry: AdminStreams): void {
    if (entry.unreadTimer) return;
    entry.unreadTimer = setTimeout(() => {
      entry.unreadTimer = undefined;
      if (this.agents.get(entry.actor.id) === entry) void this.sendUnread(entry);
    }, this.limits.unreadDelayMs);
    entry.unreadTimer.unref();
  }

  private send<E extends LiveStreamEventName>(entry: AdminStreams, event: E, data: LiveStreamPayloads[E]): void {
    for (const stream of entry.streams) stream.sse.send(event, data);
  }

  private end(entry: AdminStreams): void {
    for (const stream of [...entry.streams]) this.endStream(stream);
  }

  private remember(stream: LiveStream, conversationId: string): void {
    stream.known.delete(conversationId);
    stream.known.add(conversationId);
    if (stream.known.size > this.limits.knownPerStream) stream.known.delete(stream.known.values().next().value!);
  }
}

/** An SLA alert is for the conversation's assignee and for whoever oversees its number. */
function oversees(actor: InboxActor, conversation: ConversationAccess): boolean {
  return conversation.assigneeId === actor.id || holds(actor, 'inbox.view_all', conversation.accountId);
}

/**
 * Whether the admin's badge may have changed. A new message counts only in a conversation the
 * badge covers; a conversation change (assignment, reading, resolving) may move it in or out.
 */
function mayChangeUnread(actor: InboxActor, notification: InboxNotification, conversation: ConversationAccess | undefined): boolean {
  if (notification.kind === 'message.updated' || notification.kind === 'note.created' || notification.kind === 'mentions.seen') return false;
  if (!conversation) return true;
  if (notification.kind === 'conversation.updated') return holds(actor, 'inbox.view', conversation.accountId);
  return canSeeConversation(actor, conversation) && (conversation.assigneeId === null || conversation.assigneeId === actor.id);
}
