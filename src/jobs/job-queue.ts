import PgBoss from 'pg-boss';
import { QUEUE_OPTIONS } from './queues.js';

/** Starts pg-boss on the given database and creates the plugin's queues (idempotent). */
export async function startJobQueue(connectionString: string, options: { onError?: (error: Error) => void } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'adminjs-whatsapp' });
  boss.on('error', options.onError ?? ((error) => console.error('[jobs]', error)));
  await boss.start();
  for (const [name, queueOptions] of Object.entries(QUEUE_OPTIONS)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...queueOptions });
  }
  return boss;
}
