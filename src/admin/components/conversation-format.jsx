import React from 'react';
import CustomerText, { revealDirectionControls } from './customer-text.jsx';

// Shared helpers of the conversation view: paths, dates, sizes, links, merging pages.

export const RESOURCE_ID = 'whatsapp_conversations';

export const rootPath = () => window.REDUX_STATE?.paths?.rootPath ?? '/admin';

export const mediaUrl = (messageId) => `${rootPath()}/whatsapp/media/${encodeURIComponent(messageId)}`;

// Statuses that may still move (queued → sent → delivered → read): a refresh re-reads these.
const UNSETTLED = new Set(['queued', 'sending', 'sent', 'delivered', 'unknown']);
export const isUnsettled = (message) => message.direction === 'outbound' && UNSETTLED.has(message.status);

const byTime = (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Pages, live refreshes and re-read messages all land here: one entry per id, the newest copy wins.
export const mergeMessages = (existing, incoming) => {
  if (!incoming?.length) return existing;
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(byTime);
};

export const languageOf = (i18n) => i18n?.language || undefined;

export const dayKey = (iso) => {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
};

export const dayLabel = (iso, tm, language) => {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(iso) === dayKey(today.toISOString())) return tm('conversationView.today', RESOURCE_ID);
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return tm('conversationView.yesterday', RESOURCE_ID);
  return date.toLocaleDateString(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
};

export const formatTime = (iso, language) => new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (iso, language) =>
  new Date(iso).toLocaleString(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

// Units are worded by the browser for the language (12,3 ko in French), not by us.
export const formatSize = (bytes, language) => {
  if (bytes === null || bytes === undefined) return '';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
};

// Only http(s) ever becomes an href; the link opens in a new tab that cannot reach back to this page.
export const safeHref = (candidate) => {
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
};

export const ExternalLink = ({ href, children, ...rest }) => {
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" {...rest}>
      {children}
    </a>
  );
};

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

// The customer's text as React text; web addresses in it become inert-until-clicked links.
export const TextWithLinks = ({ text }) => {
  const parts = [];
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
