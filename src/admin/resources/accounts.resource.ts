import type { ActionRequest, After, Before, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import type { AccountDirectory } from '../../accounts/account-directory.js';
import { WhatsAppAccount } from '../../entities/whatsapp-account.entity.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { holding } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';

import { WHATSAPP_NAVIGATION } from './navigation.js';

const manage = holding('accounts.manage');

/** Form field → sealed column. The form fields are write-only: never listed, shown or sent back. */
const SECRET_FIELDS = {
  accessToken: 'accessTokenEncrypted',
  appSecret: 'appSecretEncrypted',
  verifyToken: 'verifyTokenEncrypted',
} as const;

const writeOnly = { type: 'password' as const, isVisible: { list: false, filter: false, show: false, edit: true } };
const hidden = { isVisible: false };

export function accountsResource(accounts: AccountDirectory, secretBox: SecretBox, onChange: () => void): ResourceWithOptions {
  // Seals what was typed and drops empty fields, so saving the form without retyping a secret keeps it.
  const sealSecrets: Before = async (request: ActionRequest) => {
    if (request.method !== 'post' || !request.payload) return request;
    const payload = { ...request.payload };
    for (const [field, column] of Object.entries(SECRET_FIELDS)) {
      const value = typeof payload[field] === 'string' ? payload[field].trim() : '';
      delete payload[field];
      delete payload[column];
      if (value) payload[column] = secretBox.seal(value);
    }
    return { ...request, payload };
  };

  // Tells the admin which secrets are set, without ever reading them out.
  const markConfiguredSecrets: After<RecordActionResponse> = async (response) => {
    const id = response.record?.params?.id;
    if (!id) return response;
    const set = await accounts.secretsSet(String(id));
    for (const field of Object.keys(SECRET_FIELDS)) {
      delete response.record.params[field];
      delete response.record.params[SECRET_FIELDS[field as keyof typeof SECRET_FIELDS]];
      response.record.params[`${field}Configured`] = set[field as keyof typeof set] ? 'yes' : 'no';
    }
    return response;
  };

  const afterChange: After<RecordActionResponse> = async (response) => {
    onChange();
    return markConfiguredSecrets(response, undefined as never, undefined as never);
  };

  return {
    resource: WhatsAppAccount,
    options: {
      id: RESOURCE_IDS.accounts,
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['name', 'displayPhoneNumber', 'phoneNumberId', 'status', 'blockedAt', 'problemCode', 'problemAt'],
      showProperties: [
        'name', 'displayPhoneNumber', 'phoneNumberId', 'wabaId', 'status', 'blockedAt', 'blockedDetails', 'verifiedName', 'nameStatus', 'reviewStatus',
        'messagingLimit', 'throughputLevel', 'problemCode', 'problemMessage', 'problemExplanationKey', 'problemAt',
        'defaultRegion', 'messagesPerSecond', 'markReadOnOpen', 'assignOnReply',
        'accessTokenConfigured', 'appSecretConfigured', 'verifyTokenConfigured', 'createdAt', 'updatedAt',
      ],
      editProperties: [
        'name', 'displayPhoneNumber', 'phoneNumberId', 'wabaId', 'status', 'defaultRegion', 'messagesPerSecond', 'markReadOnOpen', 'assignOnReply',
        'accessToken', 'appSecret', 'verifyToken',
      ],
      filterProperties: ['name', 'phoneNumberId', 'status'],
      properties: {
        accessToken: writeOnly,
        appSecret: writeOnly,
        verifyToken: writeOnly,
        accessTokenEncrypted: hidden,
        appSecretEncrypted: hidden,
        verifyTokenEncrypted: hidden,
        accessTokenConfigured: { isVisible: { show: true, list: false, edit: false, filter: false } },
        appSecretConfigured: { isVisible: { show: true, list: false, edit: false, filter: false } },
        verifyTokenConfigured: { isVisible: { show: true, list: false, edit: false, filter: false } },
        status: { availableValues: [{ value: 'active', label: 'active' }, { value: 'inactive', label: 'inactive' }] },
        // Meta's state of the number (account health webhooks): shown, never typed.
        ...Object.fromEntries(
          ['blockedAt', 'blockedDetails', 'blockedReasonKey', 'verifiedName', 'nameStatus', 'reviewStatus', 'messagingLimit', 'throughputLevel'].map((field) => [
            field,
            { isVisible: { list: field === 'blockedAt', show: field !== 'blockedReasonKey', edit: false, filter: false } },
          ]),
        ),
      },
      actions: {
        list: { isAccessible: manage },
        search: { isAccessible: holding('inbox.view') },
        show: { isAccessible: manage, after: markConfiguredSecrets },
        new: { isAccessible: manage, before: sealSecrets, after: afterChange },
        edit: { isAccessible: manage, before: sealSecrets, after: afterChange },
        delete: { isAccessible: manage, after: async (response: RecordActionResponse) => (onChange(), response) },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
