import type { PluginContext } from '../context/plugin-context.js';
import { queryRows } from '../db/sql.js';
import { queueAssignment } from './auto-assignment.js';
import { checkSlaTimers } from './sla-timers.js';

/**
 * The minute's safety net: every SLA timer past its time is warned or breached even if its own
 * job was lost, and every number that assigns automatically gets a round (agents came back
 * online, an inactive agent turned away, capacity freed elsewhere).
 */
export async function sweepAutomation(context: PluginContext): Promise<{ warned: number; breached: number; numbers: number }> {
  const timers = await checkSlaTimers(context, context.clock.now());
  const numbers = await queryRows<{ accountId: string }>(
    context.dataSource,
    `SELECT account_id AS "accountId" FROM whatsapp_automation_settings WHERE assignment_mode <> 'off'`,
  );
  await queueAssignment(context, numbers.map((n) => n.accountId));
  return { ...timers, numbers: numbers.length };
}
