import type { ContactMatcher } from 'adminjs-whatsapp';

/** How this sample CRM recognises its records from a WhatsApp number: organisations first, then enrolled students' guardians. */
export const sampleContactMatchers: ContactMatcher[] = [
  async (phoneE164, { manager }) => {
    const [row] = await manager.query(`SELECT id, name FROM crm_organisations WHERE phone_e164 = $1 LIMIT 1`, [phoneE164]);
    return row ? { type: 'organisation', id: String(row.id), label: row.name, fields: { name: row.name } } : null;
  },
  async (phoneE164, { manager }) => {
    const [row] = await manager.query(
      `SELECT id, student_name, programme FROM crm_enrollments WHERE guardian_phone_e164 = $1 ORDER BY id DESC LIMIT 1`,
      [phoneE164],
    );
    return row
      ? { type: 'enrollment', id: String(row.id), label: `${row.student_name} (${row.programme ?? '—'})`, fields: { student: row.student_name, programme: row.programme } }
      : null;
  },
];
