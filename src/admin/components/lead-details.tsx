import React from 'react';
import { Text } from '@adminjs/design-system';
import type { LeadSummary } from '../../conversations/search-leads.js';

/** Who to talk to at a lead and how to reach them: the name as written, the phone and email left to right. */
export const LeadDetails = ({ lead }: { lead: LeadSummary }) => {
  const parts = [
    lead.name ? <span dir="auto">{lead.name}</span> : null,
    lead.phone ? <span dir="ltr">{lead.phone}</span> : null,
    lead.email ? <span dir="ltr">{lead.email}</span> : null,
  ].filter((part) => part !== null);
  return (
    <Text dir="auto" color="grey60">
      {parts.map((part, index) => (
        <React.Fragment key={index}>
          {index > 0 ? ' · ' : null}
          {part}
        </React.Fragment>
      ))}
    </Text>
  );
};
