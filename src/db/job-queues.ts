import type PgBoss from 'pg-boss';

/**
 * The plugin's queues. Inbound processing has a queue of its own so that other background
 * work can never hold it back (pitfall 12). Retries are explicit: pg-boss 10 defaults to none.
 */
export const QUEUES = {
  processWebhookEvent: 'whatsapp-process-webhook-event',
  downloadMedia: 'whatsapp-download-media',
  deadLetter: 'whatsapp-dead-letter',
  sendMessage: 'whatsapp-send-message',
  reconcileUnknownMessages: 'whatsapp-reconcile-unknown-messages',
  syncTemplates: 'whatsapp-sync-templates',
  sendScheduledMessage: 'whatsapp-send-scheduled-message',
  wakeSnoozedConversation: 'whatsapp-wake-snoozed-conversation',
  dispatchEvents: 'whatsapp-dispatch-events',
  deliverWebhooks: 'whatsapp-deliver-webhooks',
  feedBroadcast: 'whatsapp-feed-broadcast',
  campaignSweep: 'whatsapp-campaign-sweep',
  automation: 'whatsapp-automation',
  assistantAnswer: 'whatsapp-assistant-answer',
  reindexKnowledge: 'whatsapp-reindex-knowledge',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// Created in this order: the dead-letter queue first, since the others point at it.
export const QUEUE_OPTIONS: Record<QueueName, Omit<PgBoss.Queue, 'name'>> = {
  [QUEUES.deadLetter]: {
    retentionDays: 30,
  },
  // A batch takes well under a second; a short expiry is what brings back, within seconds, the
  // jobs a killed worker held (acked deliveries waiting on a dead process). A job that expires
  // while still running only runs twice, which processing makes harmless.
  [QUEUES.processWebhookEvent]: {
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 15,
    deadLetter: QUEUES.deadLetter,
  },
  [QUEUES.downloadMedia]: {
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: QUEUES.deadLetter,
  },
  // A message's own retries (per Meta code, with their schedules) are new jobs with
  // `startAfter`; these pg-boss retries only cover a job that crashed or lost its database.
  // The job never sends twice: it claims its message (queued → sending) first.
  [QUEUES.sendMessage]: {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 120,
    deadLetter: QUEUES.deadLetter,
  },
  // A sweep: one waiting and one running at most, however many processes schedule it.
  [QUEUES.reconcileUnknownMessages]: {
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 300,
  },
  // The schedule's sweep and one job per number; stately keeps at most one of each waiting,
  // so a slow Meta or a long outage never piles syncs up.
  // Automatic assignment per number, SLA warnings and breaches at their time, the minute's sweep
  // and the report folder. Stately with a key per task: a burst of triggers for one number
  // leaves one job waiting, and two workers never run the same key at once.
  [QUEUES.automation]: {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 120,
    deadLetter: QUEUES.deadLetter,
  },
  [QUEUES.syncTemplates]: {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
    deadLetter: QUEUES.deadLetter,
  },
  // Jobs put on the queue with `startAfter` = the time an agent chose; each handles one row
  // under its lock, so a job that runs twice finds it already done.
  [QUEUES.sendScheduledMessage]: {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: QUEUES.deadLetter,
  },
  [QUEUES.wakeSnoozedConversation]: {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: QUEUES.deadLetter,
  },
  // The outbox's two loops. Each job runs one loop for a while under a session lock (one
  // dispatcher at a time, so events keep their order) and queues its successor; `short` keeps
  // one waiting at most. A killed dispatcher's lock dies with its connection: the next job (the
  // worker's start, the minute's schedule, or this job's retry) takes over.
  [QUEUES.dispatchEvents]: {
    policy: 'short',
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 120,
  },
  [QUEUES.deliverWebhooks]: {
    policy: 'short',
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 120,
  },
  // One feeder per broadcast (singletonKey = its id): one running and one waiting at most. A
  // feeder runs for a bounded time and queues its successor; one whose worker died expires and
  // is retried, and the recipients it had not committed are still pending.
  [QUEUES.feedBroadcast]: {
    policy: 'stately',
    retryLimit: 10,
    retryDelay: 2,
    expireInSeconds: 45,
    deadLetter: QUEUES.deadLetter,
  },
  // Every minute, and at once after an enrollment: scheduled broadcasts due, sequence steps due,
  // broadcasts left sending without a feeder. One waiting and one running at most.
  [QUEUES.campaignSweep]: {
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 300,
  },
  // A model may take tens of seconds, retries included (timeouts × attempts). The job only runs
  // once more if its worker died: the answer's run row and message are written together, and the
  // use case answers nothing for a customer message that already has an answer.
  [QUEUES.assistantAnswer]: {
    retryLimit: 1,
    retryDelay: 10,
    expireInSeconds: 900,
    deadLetter: QUEUES.deadLetter,
  },
  // One waiting re-index per knowledge base (stately with its id as singleton key): uploads in a
  // row coalesce into one pass.
  [QUEUES.reindexKnowledge]: {
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 30,
    expireInSeconds: 3600,
    deadLetter: QUEUES.deadLetter,
  },
};
