import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SLA policy's label becomes one of the managed labels (issue #16) instead of typed text,
 * which a typo or a later renaming made silently match nothing. A text that is no label yet
 * becomes one (grey), so that every policy keeps applying exactly where it did — nowhere, for
 * a typo, until someone picks the right label. Deleting a label deletes the policies for it,
 * as it takes the label off every conversation: such a policy has nothing left to apply to.
 */
export class SlaPolicyLabel1763700001610 implements MigrationInterface {
  name = 'SlaPolicyLabel1763700001610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_sla_policies" ADD "label_id" uuid`);
    await q.query(`
      INSERT INTO whatsapp_labels (name)
      SELECT DISTINCT ON (lower(left(btrim(label), 50))) left(btrim(label), 50)
        FROM whatsapp_sla_policies WHERE btrim(label) <> ''
       ORDER BY lower(left(btrim(label), 50)), left(btrim(label), 50)
      ON CONFLICT DO NOTHING`);
    await q.query(`
      UPDATE whatsapp_sla_policies p SET label_id = l.id
        FROM whatsapp_labels l WHERE btrim(p.label) <> '' AND lower(l.name) = lower(left(btrim(p.label), 50))`);
    await q.query(`ALTER TABLE "whatsapp_sla_policies" DROP COLUMN "label"`);
    await q.query(
      `ALTER TABLE "whatsapp_sla_policies" ADD CONSTRAINT "fk_whatsapp_sla_policies_label" FOREIGN KEY ("label_id") REFERENCES "whatsapp_labels"("id") ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The labels made from policies' texts stay: they may be on conversations by now.
    await q.query(`ALTER TABLE "whatsapp_sla_policies" ADD "label" character varying(100)`);
    await q.query(`UPDATE whatsapp_sla_policies p SET label = l.name FROM whatsapp_labels l WHERE l.id = p.label_id`);
    await q.query(`ALTER TABLE "whatsapp_sla_policies" DROP CONSTRAINT "fk_whatsapp_sla_policies_label"`);
    await q.query(`ALTER TABLE "whatsapp_sla_policies" DROP COLUMN "label_id"`);
  }
}
