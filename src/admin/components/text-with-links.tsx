import React, { type ReactNode } from 'react';
import { CustomerText, revealDirectionControls } from './customer-text.tsx';
import { ExternalLink } from './external-link.tsx';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * The customer's text as React text, isolated and with its direction controls shown; web
 * addresses in it become inert-until-clicked links.
 */
export const TextWithLinks = ({ text }: { text: string }) => {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    if (match.index > last) parts.push(<React.Fragment key={`text-${last}`}>{revealDirectionControls(text.slice(last, match.index))}</React.Fragment>);
    parts.push(
      <ExternalLink key={match.index} href={url}>
        {revealDirectionControls(url)}
      </ExternalLink>,
    );
    last = match.index + url.length;
  }
  if (last < text.length) parts.push(<React.Fragment key={`text-${last}`}>{revealDirectionControls(text.slice(last))}</React.Fragment>);
  return <CustomerText>{parts}</CustomerText>;
};
