import { BaseEntity, Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, ProblemColumns, UpdatedAt } from './columns.js';

export const ACCOUNT_STATUSES = ['active', 'inactive'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** One WhatsApp business phone number. Secrets are sealed by the secret box, never stored in clear. */
@Entity({ name: 'whatsapp_accounts' })
@Unique('uq_whatsapp_accounts_phone_number_id', ['phoneNumberId'])
@Check('ck_whatsapp_accounts_status', `"status" IN ('active', 'inactive')`)
@Check('ck_whatsapp_accounts_messages_per_second', `"messages_per_second" BETWEEN 1 AND 10000`)
export class WhatsAppAccount extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_accounts' })
  id: string;

  @Column({ name: 'phone_number_id', type: 'varchar', length: 64 })
  phoneNumberId: string;

  @Column({ name: 'waba_id', type: 'varchar', length: 64 })
  wabaId: string;

  @Column({ name: 'display_phone_number', type: 'varchar', length: 32, nullable: true })
  displayPhoneNumber: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: AccountStatus;

  /** ISO 3166 region used to read phone numbers typed without a country code. */
  @Column({ name: 'default_region', type: 'varchar', length: 2, default: 'DZ' })
  defaultRegion: string;

  @Column({ name: 'access_token_encrypted', type: 'text', nullable: true, select: false })
  accessTokenEncrypted: string | null;

  @Column({ name: 'app_secret_encrypted', type: 'text', nullable: true, select: false })
  appSecretEncrypted: string | null;

  @Column({ name: 'verify_token_encrypted', type: 'text', nullable: true, select: false })
  verifyTokenEncrypted: string | null;

  @Column({ name: 'last_interaction_at', type: 'timestamptz', nullable: true })
  lastInteractionAt: Date | null;

  /** The number's throughput cap at Meta (80/s by default, raised by Meta up to 1,000/s); every worker process keeps under it. */
  @Column({ name: 'messages_per_second', type: 'integer', default: 80 })
  messagesPerSecond: number;

  /** The number is onboarded to Meta's Marketing Messages API: broadcasts of marketing templates may go through it. */
  @Column({ name: 'marketing_messages_api', type: 'boolean', default: false })
  marketingMessagesApi: boolean;

  /** Mark the customer's messages read at Meta (blue ticks) when an agent opens the conversation. */
  @Column({ name: 'mark_read_on_open', type: 'boolean', default: true })
  markReadOnOpen: boolean;

  /** An agent who answers an unassigned conversation of this number takes it (as in Chatwoot). */
  @Column({ name: 'assign_on_reply', type: 'boolean', default: true })
  assignOnReply: boolean;

  /** Why nothing goes out from this number (token, permission, lock…): see ProblemColumns. */
  @ProblemColumns.code()
  problemCode: number | null;

  @ProblemColumns.message()
  problemMessage: string | null;

  @ProblemColumns.explanationKey()
  problemExplanationKey: string | null;

  @ProblemColumns.at()
  problemAt: Date | null;

  /** Meta disabled or banned the number (or its account was rejected, deleted or unshared): nothing is sent while set. */
  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt: Date | null;

  /** i18n key (locales/<lang>/account-health.json) of why. */
  @Column({ name: 'blocked_reason_key', type: 'varchar', length: 100, nullable: true })
  blockedReasonKey: string | null;

  /** Meta's own words (violation type, ban date…). */
  @Column({ name: 'blocked_details', type: 'text', nullable: true })
  blockedDetails: string | null;

  /** The messaging limit Meta reports (TIER_250 … TIER_UNLIMITED). */
  @Column({ name: 'messaging_limit', type: 'varchar', length: 30, nullable: true })
  messagingLimit: string | null;

  /** THROUGHPUT_UPGRADE once Meta raised the number to higher throughput. */
  @Column({ name: 'throughput_level', type: 'varchar', length: 30, nullable: true })
  throughputLevel: string | null;

  /** The display name Meta reviewed, and its decision (APPROVED, REJECTED, PENDING, DEFERRED). */
  @Column({ name: 'verified_name', type: 'varchar', length: 200, nullable: true })
  verifiedName: string | null;

  @Column({ name: 'name_status', type: 'varchar', length: 20, nullable: true })
  nameStatus: string | null;

  /** Meta's review of the WhatsApp Business Account (APPROVED, REJECTED, PENDING, DEFERRED). */
  @Column({ name: 'review_status', type: 'varchar', length: 20, nullable: true })
  reviewStatus: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
