/** Why an automatic message was sent: stored on the message (whatsapp_messages.automation) and shown in the thread; `assistant`: the AI assistant's answer. */
export const AUTOMATION_KINDS = ['greeting', 'away', 'auto_reply', 'survey', 'assistant'] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

/** How a number hands out new conversations. */
export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** What an agent says about themselves; `online` turns into `away` after a while without activity. */
export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** The three service-level targets a policy sets, each in business time. */
export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
