import type { Action, ActionContext, ActionResponse, ResourceWithOptions } from 'adminjs';
import { WhatsAppAgent } from '../../entities/whatsapp-agent.entity.js';
import { holding, holdingSomewhere, managersOnly, nobody } from '../access.js';
import { AVAILABILITIES } from '../../domain/automation-kinds.js';
import { languageAction } from './language-action.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import type { DataSource } from 'typeorm';

// Whoever was given the right to grant finds the agents to grant to.
const managersOrGranters = (context: ActionContext) => managersOnly(context) || holding('permissions.grant')(context);

/**
 * The people who work the inbox, one row per user of the host (kept by the host's user id, created
 * the first time they sign in). The host owns who they are: nothing here is created, edited or
 * deleted by hand; managers grant permissions (the `permissions` action) and set an agent's
 * capacity for automatic assignment, and each agent picks a language and says when they are available.
 */
export function agentsResource(dataSource: DataSource, extraActions: Record<string, Action<ActionResponse>> = {}): ResourceWithOptions {
  return {
    resource: WhatsAppAgent,
    options: {
      id: 'whatsapp_agents',
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['name', 'email', 'role', 'isActive', 'availability', 'lastSeenAt'],
      showProperties: ['name', 'email', 'role', 'isActive', 'language', 'availability', 'availabilityChangedAt', 'maxOpenConversations', 'lastSeenAt', 'createdAt'],
      // Managers of automation set an agent's capacity; who the agent is stays the host's.
      editProperties: ['maxOpenConversations'],
      filterProperties: ['name', 'email', 'role', 'isActive'],
      properties: {
        role: { availableValues: ['super_admin', 'manager', 'agent'].map((value) => ({ value, label: value })) },
        language: { availableValues: ['en', 'fr', 'ar'].map((value) => ({ value, label: value })) },
        availability: { availableValues: AVAILABILITIES.map((value) => ({ value, label: value })) },
      },
      actions: {
        list: { isAccessible: managersOrGranters },
        // The assignee pickers and filters look colleagues up by name.
        search: { isAccessible: (context) => holding('inbox.view')(context) || managersOnly(context) },
        show: { isAccessible: managersOrGranters },
        new: { isAccessible: nobody },
        edit: { isAccessible: holdingSomewhere('automation.manage') },
        delete: { isAccessible: nobody },
        bulkDelete: { isAccessible: nobody },
        language: languageAction(dataSource),
        ...extraActions,
      },
    },
  };
}
