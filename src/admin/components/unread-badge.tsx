import React from 'react';
import { Navigation, type NavigationProps } from '@adminjs/design-system';
import { useNavigationResources, useTranslation, type SidebarResourceSectionProps } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { useLanguagePreference } from './use-language-preference.ts';
import { useUnreadCount } from './use-unread-count.ts';
import { useSlaAlerts } from './use-sla-alerts.ts';

const CONVERSATIONS = RESOURCE_IDS.conversations;

/** The navigation with `counted` labels on the Conversations link, and on its group while folded. */
const withCount = (elements: NavigationProps['elements'], counted: (label: string) => string): NavigationProps['elements'] =>
  elements.map((element) => {
    if (element.id === CONVERSATIONS) return { ...element, label: counted(element.label) };
    if (!element.elements?.some((child) => child.id === CONVERSATIONS)) return element;
    return {
      ...element,
      label: element.isOpen ? element.label : counted(element.label),
      elements: element.elements.map((child) => (child.id === CONVERSATIONS ? { ...child, label: counted(child.label) } : child)),
    };
  });

/**
 * AdminJS's resource navigation, with the unread count beside the Conversations link. Navigation
 * labels are plain text, so the count is part of the label, worded by the translators.
 */
const UnreadBadge = ({ resources }: SidebarResourceSectionProps) => {
  // Mounted on every page, so the language choice and the page direction are kept here too.
  useLanguagePreference();
  const elements = useNavigationResources(resources);
  const { translateLabel, translateMessage } = useTranslation();
  const inbox = resources.some((resource) => resource.id === CONVERSATIONS && resource.href);
  const count = useUnreadCount(inbox);
  useSlaAlerts(inbox);
  const shown = count ? withCount(elements, (label) => translateMessage('live.withUnreadCount', CONVERSATIONS, { label, count })) : elements;
  return <Navigation label={translateLabel('navigation')} elements={shown} />;
};

export default UnreadBadge;
