import React from 'react';
import { Navigation, type NavigationProps } from '@adminjs/design-system';
import { useNavigationResources, useTranslation, type SidebarResourceSectionProps } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { useLanguagePreference } from './use-language-preference.ts';
import { useMentions } from './use-mentions.ts';
import { useUnreadCount } from './use-unread-count.ts';
import { useSlaAlerts } from './use-sla-alerts.ts';

const CONVERSATIONS = RESOURCE_IDS.conversations;
const MENTIONS = RESOURCE_IDS.mentions;

/** The navigation with a count in the label of the resources that have one (and of their group while folded). */
const withCounts = (elements: NavigationProps['elements'], counted: (id: string | undefined, label: string) => string): NavigationProps['elements'] =>
  elements.map((element) => {
    if (!element.elements) return { ...element, label: counted(element.id, element.label) };
    const children = element.elements.map((child) => ({ ...child, label: counted(child.id, child.label) }));
    const changed = children.some((child, i) => child.label !== element.elements![i]!.label);
    return { ...element, label: element.isOpen || !changed ? element.label : counted(CONVERSATIONS, element.label), elements: children };
  });

/**
 * AdminJS's resource navigation, with the unread count beside the Conversations link and the
 * unseen @mentions beside Mentions. Navigation labels are plain text, so a count is part of the
 * label, worded by the translators.
 */
const UnreadBadge = ({ resources }: SidebarResourceSectionProps) => {
  // Mounted on every page, so the language choice and the page direction are kept here too.
  useLanguagePreference();
  const elements = useNavigationResources(resources);
  const { translateLabel, translateMessage } = useTranslation();
  const inbox = resources.some((resource) => resource.id === CONVERSATIONS && resource.href);
  const unread = useUnreadCount(inbox);
  useSlaAlerts(inbox);
  const { count: mentions } = useMentions();
  const counted = (id: string | undefined, label: string) => {
    if (id === CONVERSATIONS && unread) return translateMessage('live.withUnreadCount', CONVERSATIONS, { label, count: unread });
    if (id === MENTIONS && mentions) return translateMessage('live.withUnreadCount', MENTIONS, { label, count: mentions });
    return label;
  };
  return <Navigation label={translateLabel('navigation')} elements={unread || mentions ? withCounts(elements, counted) : elements} />;
};

export default UnreadBadge;
