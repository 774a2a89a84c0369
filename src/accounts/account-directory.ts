import type { DataSource } from 'typeorm';
import { WhatsAppAccount } from '../entities/whatsapp-account.entity.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { ConfiguredAccount } from '../config/host-types.js';

interface OpenedSecrets {
  accountId: string;
  phoneNumberId: string;
  wabaId: string;
  active: boolean;
  appSecret: string | null;
  verifyToken: string | null;
}

/** Which app a number belongs to: deliveries that name it must be signed with that app's secret. */
export type NumberOwner = Pick<OpenedSecrets, 'phoneNumberId' | 'wabaId' | 'appSecret'>;

/**
 * Reads accounts and opens their sealed secrets. Secrets are cached for a few seconds
 * because the webhook ack path checks every delivery's signature against them; a change
 * in the back office is picked up within `cacheMs`.
 */
export class AccountDirectory {
  private cache?: { at: number; secrets: Promise<OpenedSecrets[]> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    private readonly cacheMs = 5_000,
  ) {}

  /** Every app secret a delivery may be signed with (one per configured app). */
  async appSecrets(): Promise<string[]> {
    return unique((await this.openedSecrets()).filter((s) => s.active).map((s) => s.appSecret));
  }

  async verifyTokens(): Promise<string[]> {
    return unique((await this.openedSecrets()).filter((s) => s.active).map((s) => s.verifyToken));
  }

  /** Every number, switched off ones included (their deliveries are still routed to them), with its app secret. */
  async owners(): Promise<NumberOwner[]> {
    return (await this.openedSecrets()).map(({ phoneNumberId, wabaId, appSecret }) => ({ phoneNumberId, wabaId, appSecret }));
  }

  async byPhoneNumberId(phoneNumberId: string): Promise<WhatsAppAccount | null> {
    return this.dataSource.getRepository(WhatsAppAccount).findOneBy({ phoneNumberId });
  }

  async accessToken(accountId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(WhatsAppAccount)
      .createQueryBuilder('a')
      .select('a.accessTokenEncrypted', 'sealed')
      .where('a.id = :accountId', { accountId })
      .getRawOne<{ sealed: string | null }>();
    return row?.sealed ? this.secretBox.open(row.sealed) : null;
  }

  /** Create or update a number from configuration; secrets given are sealed, secrets omitted are kept. */
  /** Which of a number's secrets are set (the back office says so, never what they are). */
  async secretsSet(accountId: string): Promise<{ accessToken: boolean; appSecret: boolean; verifyToken: boolean }> {
    const [row] = (await this.dataSource.query(
      `SELECT access_token_encrypted IS NOT NULL AS "accessToken", app_secret_encrypted IS NOT NULL AS "appSecret",
              verify_token_encrypted IS NOT NULL AS "verifyToken" FROM whatsapp_accounts WHERE id = $1`,
      [accountId],
    )) as { accessToken: boolean; appSecret: boolean; verifyToken: boolean }[];
    return row ?? { accessToken: false, appSecret: false, verifyToken: false };
  }

  async upsertConfigured(account: ConfiguredAccount): Promise<WhatsAppAccount> {
    const repository = this.dataSource.getRepository(WhatsAppAccount);
    const existing = await repository.findOneBy({ phoneNumberId: account.phoneNumberId });
    const row = existing ?? repository.create({ phoneNumberId: account.phoneNumberId, status: 'active' });
    row.wabaId = account.wabaId;
    row.name = account.name ?? existing?.name ?? `WhatsApp ${account.displayPhoneNumber ?? account.phoneNumberId}`;
    if (account.displayPhoneNumber) row.displayPhoneNumber = account.displayPhoneNumber;
    if (account.defaultRegion) row.defaultRegion = account.defaultRegion;
    if (account.accessToken) row.accessTokenEncrypted = this.secretBox.seal(account.accessToken);
    if (account.appSecret) row.appSecretEncrypted = this.secretBox.seal(account.appSecret);
    if (account.verifyToken) row.verifyTokenEncrypted = this.secretBox.seal(account.verifyToken);
    const saved = await repository.save(row);
    this.invalidate();
    return saved;
  }

  invalidate(): void {
    this.cache = undefined;
  }

  private openedSecrets(): Promise<OpenedSecrets[]> {
    if (!this.cache || Date.now() - this.cache.at > this.cacheMs) {
      const secrets = this.loadSecrets();
      this.cache = { at: Date.now(), secrets };
      secrets.catch(() => this.invalidate());
    }
    return this.cache.secrets;
  }

  private async loadSecrets(): Promise<OpenedSecrets[]> {
    const rows = await this.dataSource
      .getRepository(WhatsAppAccount)
      .createQueryBuilder('a')
      .select(['a.id AS "accountId"', 'a.phoneNumberId AS "phoneNumberId"', 'a.wabaId AS "wabaId"'])
      .addSelect(`a.status = 'active'`, 'active')
      .addSelect('a.appSecretEncrypted', 'appSecret')
      .addSelect('a.verifyTokenEncrypted', 'verifyToken')
      .getRawMany<{ accountId: string; phoneNumberId: string; wabaId: string; active: boolean; appSecret: string | null; verifyToken: string | null }>();
    return rows.map((row) => ({
      ...row,
      appSecret: row.appSecret ? this.secretBox.open(row.appSecret) : null,
      verifyToken: row.verifyToken ? this.secretBox.open(row.verifyToken) : null,
    }));
  }
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
