import React from 'react';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { CustomerText } from './customer-text.tsx';
import { ExternalLink } from './external-link.tsx';
import { PanelField } from './panel-field.tsx';
import { Heading, Section } from './panel-section.ts';
import { useConversationText } from './use-conversation-text.ts';

/** Money as the agent's language writes it, from millionths of the currency. */
function formatCost(micros: number, currency: string | null, language: string | undefined): string {
  const amount = micros / 1_000_000;
  if (!currency) return new Intl.NumberFormat(language, { maximumFractionDigits: 4 }).format(amount);
  return new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount);
}

/** The ad that brought the customer, what the conversation cost, the customer's marketing choice, and a number Meta stopped. */
export const PanelAttributionCost = ({ panel }: { panel: ConversationPanel }) => {
  const { tm, language } = useConversationText();
  const { attribution, cost, contact, blocked } = panel;
  const charged = cost.reduce((sum, line) => sum + line.charged, 0);
  return (
    <Section data-testid="panel-attribution-cost">
      <Heading>{tm('conversationExtras.panel.heading')}</Heading>
      {blocked ? (
        <PanelField label={tm('conversationExtras.panel.numberBlocked')} testId="panel-number-blocked">
          {tm(blocked.reasonKey)}
          {blocked.details ? ` (${blocked.details})` : ''}
        </PanelField>
      ) : null}
      <PanelField label={tm('conversationExtras.panel.attribution')} muted={!attribution} testId="panel-attribution">
        {attribution ? (
          <>
            {attribution.headline ? <CustomerText text={attribution.headline} /> : tm('conversationExtras.panel.ad')}
            {attribution.sourceUrl ? (
              <>
                {' · '}
                <ExternalLink href={attribution.sourceUrl}>{tm(`conversationExtras.panel.source.${attribution.sourceType === 'post' ? 'post' : 'ad'}`)}</ExternalLink>
              </>
            ) : null}
            {attribution.sourceId ? <span dir="ltr"> · {attribution.sourceId}</span> : null}
          </>
        ) : (
          tm('conversationExtras.panel.noAttribution')
        )}
      </PanelField>
      <PanelField label={tm('conversationExtras.panel.cost')} muted={cost.length === 0} testId="panel-cost">
        {cost.length === 0
          ? tm('conversationExtras.panel.noCost')
          : `${cost.map((line) => formatCost(line.costMicros, line.currency, language)).join(' + ')} · ${tm('conversationExtras.panel.charged', { count: charged })}`}
      </PanelField>
      <PanelField label={tm('conversationExtras.panel.marketing')} testId="panel-marketing">
        {contact.marketingOptedOutAt ? tm('conversationExtras.panel.marketingStopped') : tm('conversationExtras.panel.marketingAccepted')}
      </PanelField>
    </Section>
  );
};
