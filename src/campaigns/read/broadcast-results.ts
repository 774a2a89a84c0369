import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { prepared, queryRows, type Queryable } from '../../db/sql.js';
import type { Language } from '../../i18n/catalogue.js';
import { serverTranslator } from '../../i18n/server-translator.js';

interface ResultRow {
  position: number;
  phone: string | null;
  name: string | null;
  state: string;
  skip_reason: string | null;
  status: string | null;
  error_code: number | null;
  error_key: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  replied_at: Date | null;
}

const PAGE = 1_000;
/** A cell starting with one of these is a formula to a spreadsheet: prefixed with ' so it stays text (a plain +213… phone is not one). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PHONE = /^\+[\d ]+$/;

/**
 * A broadcast's results as CSV, one line per recipient in audience order (skipped ones with
 * their reason), headers and words in the manager's language. Read a page at a time and
 * streamed: a 100,000-recipient export never sits in memory.
 */
export function broadcastResultsCsv(db: Queryable, broadcastId: string, language: Language): Readable {
  const t = serverTranslator(language);
  const csv = stringify({
    bom: true,
    header: true,
    columns: ['line', 'phone', 'name', 'outcome', 'error', 'sentAt', 'deliveredAt', 'readAt', 'repliedAt'].map((key) => ({
      key,
      header: t(`campaigns.export.${key}`),
    })),
  });
  const iso = (date: Date | null) => (date ? date.toISOString() : '');
  const text = (value: string | null) => (value && FORMULA_START.test(value) && !PHONE.test(value) ? `'${value}` : (value ?? ''));
  void (async () => {
    let after = 0;
    for (;;) {
      const rows = await queryRows<ResultRow>(
        db,
        prepared(`SELECT r.position, COALESCE(ct.phone_e164, r.phone_input) AS phone, COALESCE(ct.display_name, ct.profile_name, r.crm_record_label) AS name,
                r.state, r.skip_reason, m.status, m.error_code, m.error_explanation_key AS error_key,
                m.sent_at, m.delivered_at, m.read_at, r.replied_at
           FROM whatsapp_broadcast_recipients r
           LEFT JOIN whatsapp_contacts ct ON ct.id = r.contact_id
           LEFT JOIN whatsapp_messages m ON m.id = r.message_id
          WHERE r.broadcast_id::text = $1 AND r.position > $2
          ORDER BY r.position LIMIT ${PAGE}`),
        [broadcastId, after],
      );
      for (const row of rows) {
        const outcome =
          row.state === 'skipped' ? t(`campaigns.skipReason.${row.skip_reason}`) : row.state === 'pending' ? t('campaigns.recipientState.pending') : t(`conversationView.status.${row.status}`);
        const error = row.error_key ? `${t(row.error_key)}${row.error_code ? ` (${row.error_code})` : ''}` : '';
        const ok = csv.write({
          line: row.position, phone: text(row.phone), name: text(row.name), outcome, error,
          sentAt: iso(row.sent_at), deliveredAt: iso(row.delivered_at), readAt: iso(row.read_at), repliedAt: iso(row.replied_at),
        });
        if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.position;
    }
    csv.end();
  })().catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));
  return csv;
}
