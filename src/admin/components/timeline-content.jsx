import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { useTranslation } from 'adminjs';
import { ExternalLink, RESOURCE_ID, TextWithLinks, formatSize, languageOf, mediaUrl } from './conversation-format.jsx';
import CustomerText, { withoutDirectionControls } from './customer-text.jsx';

// What is inside one bubble, by kind. Every string from the customer is React text; media come
// from the permission-checked media route; links are http(s) only and open in a new tab.

const Caption = styled.div`
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  text-align: start;
`;

const Muted = styled.div`
  color: #6b7280;
  font-size: 12px;
`;

const Preview = styled.img`
  display: block;
  max-inline-size: 280px;
  max-block-size: 320px;
  border-radius: 6px;
  margin-block-end: 4px;
  background: #f3f4f6;
`;

const Sticker = styled.img`
  display: block;
  inline-size: 128px;
  block-size: 128px;
  object-fit: contain;
`;

const Player = styled.video`
  display: block;
  max-inline-size: 320px;
  border-radius: 6px;
  margin-block-end: 4px;
`;

const Card = styled.div`
  border: 1px solid #e5e7eb;
  border-radius: 6px;
  padding: 8px 10px;
  margin-block: 2px 4px;
  background: rgba(255, 255, 255, 0.6);
`;

const Label = styled.div`
  font-size: 11px;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.02em;
  color: #6b7280;
  margin-block-end: 2px;
`;

const Chips = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-block-start: 4px;
`;

const Chip = styled.span`
  border: 1px solid #c7d2fe;
  border-radius: 12px;
  padding: 1px 8px;
  font-size: 12px;
`;

const Body = ({ text }) =>
  text ? (
    <Caption dir="auto">
      <TextWithLinks text={text} />
    </Caption>
  ) : null;

const MediaState = ({ media }) => {
  const { translateMessage: tm } = useTranslation();
  if (media.error) return <Muted>{tm(`conversationView.media.error.${media.error}`, RESOURCE_ID, { defaultValue: media.error })}</Muted>;
  if (media.link) {
    return (
      <Muted>
        <ExternalLink href={media.link}>{tm('conversationView.media.sentByLink', RESOURCE_ID)}</ExternalLink>
      </Muted>
    );
  }
  return <Muted>{tm('conversationView.media.notYet', RESOURCE_ID)}</Muted>;
};

const MediaBlock = ({ message }) => {
  const { translateMessage: tm, i18n } = useTranslation();
  const { content, media } = message;
  const stored = media?.stored;
  const src = stored ? mediaUrl(message.id) : null;
  switch (content.kind) {
    case 'image':
      return (
        <>
          {src ? (
            <a href={src} target="_blank" rel="noopener noreferrer">
              <Preview src={src} alt={content.caption ?? tm('conversationView.kind.image', RESOURCE_ID)} loading="lazy" />
            </a>
          ) : (
            <Card>
              <Label>{tm('conversationView.kind.image', RESOURCE_ID)}</Label>
              <MediaState media={media} />
            </Card>
          )}
          <Body text={content.caption} />
        </>
      );
    case 'sticker':
      return src ? (
        <Sticker src={src} alt={tm('conversationView.kind.sticker', RESOURCE_ID)} loading="lazy" />
      ) : (
        <Card>
          <Label>{tm(content.animated ? 'conversationView.kind.animatedSticker' : 'conversationView.kind.sticker', RESOURCE_ID)}</Label>
          <MediaState media={media} />
        </Card>
      );
    case 'video':
      return (
        <>
          {src ? (
            <Player src={src} controls preload="metadata" />
          ) : (
            <Card>
              <Label>{tm('conversationView.kind.video', RESOURCE_ID)}</Label>
              <MediaState media={media} />
            </Card>
          )}
          <Body text={content.caption} />
        </>
      );
    case 'audio':
      return (
        <Card>
          <Label>{tm(content.voice ? 'conversationView.kind.voice' : 'conversationView.kind.audio', RESOURCE_ID)}</Label>
          {src ? <audio src={src} controls preload="none" style={{ maxInlineSize: 280 }} /> : <MediaState media={media} />}
        </Card>
      );
    case 'document': {
      const name = media?.fileName ?? content.fileName ?? tm('conversationView.kind.document', RESOURCE_ID);
      return (
        <>
          <Card>
            <Label>{tm('conversationView.kind.document', RESOURCE_ID)}</Label>
            <div dir="auto" style={{ fontWeight: 600, overflowWrap: 'anywhere' }} data-testid="document-name">
              📄 <CustomerText text={name} />
            </div>
            <Muted>
              {[media?.mimeType, formatSize(media?.size, languageOf(i18n))].filter(Boolean).join(' · ')}
            </Muted>
            {src ? (
              <a href={src} download={withoutDirectionControls(name)} rel="noopener noreferrer">
                {tm('conversationView.media.download', RESOURCE_ID)}
              </a>
            ) : (
              <MediaState media={media} />
            )}
          </Card>
          <Body text={content.caption} />
        </>
      );
    }
    default:
      return null;
  }
};

const SharedContacts = ({ contacts }) => {
  const { translateMessage: tm } = useTranslation();
  return contacts.map((contact, index) => (
    <Card key={index}>
      <Label>{tm('conversationView.kind.contacts', RESOURCE_ID)}</Label>
      <div dir="auto" style={{ fontWeight: 600 }}>{contact.name ? <CustomerText text={contact.name} /> : '—'}</div>
      {contact.organisation ? <Muted dir="auto">{contact.organisation}</Muted> : null}
      {contact.phones.map((phone, i) => (
        <div key={`p${i}`}>
          {tm('conversationView.contact.phone', RESOURCE_ID)}: <span dir="ltr">{phone.phone ?? phone.waId}</span>
          {phone.type ? <Muted as="span"> ({phone.type})</Muted> : null}
        </div>
      ))}
      {contact.emails.map((email, i) => (
        <div key={`e${i}`}>
          {tm('conversationView.contact.email', RESOURCE_ID)}: <span dir="ltr">{email}</span>
        </div>
      ))}
      {contact.urls.map((url, i) => (
        <div key={`u${i}`}>
          {tm('conversationView.contact.web', RESOURCE_ID)}: <ExternalLink href={url}>{url}</ExternalLink>
        </div>
      ))}
    </Card>
  ));
};

const INTERACTIVE_KEYS = {
  button_reply: 'conversationView.interactive.buttonReply',
  list_reply: 'conversationView.interactive.listReply',
  nfm_reply: 'conversationView.interactive.flowReply',
};

const Interactive = ({ content, body }) => {
  const { translateMessage: tm } = useTranslation();
  const replyKey = INTERACTIVE_KEYS[content.interactiveType];
  if (!replyKey) {
    return (
      <>
        <Body text={content.title ?? body} />
        {content.options.length ? (
          <>
            <Label style={{ marginBlockStart: 6 }}>{tm('conversationView.interactive.sent', RESOURCE_ID)}</Label>
            <Chips>
              {content.options.map((option, i) => (
                <Chip key={i} dir="auto">{option}</Chip>
              ))}
            </Chips>
          </>
        ) : null}
      </>
    );
  }
  return (
    <Card>
      <Label>{tm('conversationView.kind.interactive', RESOURCE_ID)}</Label>
      <div dir="auto">{tm(replyKey, RESOURCE_ID, { title: content.title ?? '' })}</div>
      {content.description ? <Muted dir="auto">{content.description}</Muted> : null}
      {content.answers.map((answer) => (
        <div key={answer.key} dir="auto">
          <strong>{answer.key}</strong>: {answer.value}
        </div>
      ))}
    </Card>
  );
};

const Order = ({ content }) => {
  const { translateMessage: tm } = useTranslation();
  return (
    <Card>
      <Label>{tm('conversationView.kind.order', RESOURCE_ID)}</Label>
      {content.text ? <Caption dir="auto">{content.text}</Caption> : null}
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {content.items.map((item, i) => (
          <li key={i} dir="auto">
            {tm('conversationView.order.item', RESOURCE_ID, { quantity: item.quantity ?? '?', product: item.productId })}
            {item.price !== null ? ` — ${tm('conversationView.order.price', RESOURCE_ID, { price: item.price, currency: item.currency ?? '' })}` : ''}
          </li>
        ))}
      </ul>
    </Card>
  );
};

// The bubble's content for every kind the server describes; unknown kinds fall back to their text.
export const MessageContent = ({ message }) => {
  const { translateMessage: tm } = useTranslation();
  const { content, body } = message;
  switch (content.kind) {
    case 'text':
      return <Body text={body} />;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return <MediaBlock message={message} />;
    case 'location':
      return (
        <Card>
          <Label>{tm('conversationView.kind.location', RESOURCE_ID)}</Label>
          {content.name ? <div dir="auto" style={{ fontWeight: 600 }}>📍 {content.name}</div> : null}
          {content.address ? <Muted dir="auto">{content.address}</Muted> : null}
          {content.latitude !== null ? (
            <Muted dir="ltr">
              {content.latitude}, {content.longitude}
            </Muted>
          ) : null}
          {content.mapUrl ? <ExternalLink href={content.mapUrl}>{tm('conversationView.location.openMap', RESOURCE_ID)}</ExternalLink> : null}
          {content.url ? (
            <div>
              <ExternalLink href={content.url}>{tm('conversationView.location.link', RESOURCE_ID)}</ExternalLink>
            </div>
          ) : null}
        </Card>
      );
    case 'contacts':
      return <SharedContacts contacts={content.contacts} />;
    case 'interactive':
      return <Interactive content={content} body={body} />;
    case 'button':
      return (
        <Card>
          <Label>{tm('conversationView.kind.button', RESOURCE_ID)}</Label>
          <div dir="auto">{content.text ?? body}</div>
        </Card>
      );
    case 'order':
      return <Order content={content} />;
    case 'template':
      return (
        <>
          <Label>{tm('conversationView.template.name', RESOURCE_ID, { name: content.name ?? '?', language: content.language ?? '?' })}</Label>
          <Body text={body} />
        </>
      );
    case 'reaction':
      return (
        <Muted>
          {tm('conversationView.kind.reaction', RESOURCE_ID)} {content.emoji ?? ''}
        </Muted>
      );
    default:
      return <Body text={body} />;
  }
};
