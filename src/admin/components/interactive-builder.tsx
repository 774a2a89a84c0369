import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import { characterCount, MESSAGE_LIMITS } from '../../domain/message-limits.ts';
import { InteractivePreview } from './interactive-preview.tsx';
import { LinkButton } from './link-button.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';
import type { InteractiveDraftApi, InteractiveKind } from './use-interactive-draft.ts';

const Builder = styled.div`
  display: grid;
  grid-template-columns: minmax(0, 1fr) auto;
  gap: 12px;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  padding: 10px;
  @media (max-width: 900px) {
    grid-template-columns: minmax(0, 1fr);
  }
`;

const Fields = styled.div`
  display: flex;
  flex-direction: column;
  gap: 6px;
  min-inline-size: 0;
`;

const Kinds = styled.div`
  display: flex;
  gap: 4px;
  flex-wrap: wrap;
`;

const Kind = styled.button<{ $on: boolean }>`
  border: 1px solid ${({ $on, theme }) => ($on ? theme.colors.primary100 : theme.colors.grey40)};
  background: ${({ $on, theme }) => ($on ? theme.colors.primary20 : theme.colors.white)};
  border-radius: 14px;
  padding: 3px 10px;
  font: inherit;
  font-size: 13px;
  cursor: pointer;
`;

const Field = styled.label<{ $wrong: boolean }>`
  display: flex;
  flex-direction: column;
  gap: 2px;
  font-size: 12px;
  color: ${({ $wrong, theme }) => ($wrong ? theme.colors.error : theme.colors.grey80)};
  input,
  textarea {
    font: inherit;
    font-size: 14px;
    padding: 5px 8px;
    border: 1px solid ${({ $wrong, theme }) => ($wrong ? theme.colors.error : theme.colors.grey40)};
    border-radius: 6px;
  }
`;

const Counter = styled.span`
  align-self: flex-end;
  font-variant-numeric: tabular-nums;
`;

const Row = styled.div`
  display: flex;
  gap: 6px;
  align-items: flex-end;
  > * {
    flex: 1;
  }
`;

const Small = styled(LinkButton)`
  flex: 0 0 auto;
  padding: 4px 0;
`;

const KINDS: InteractiveKind[] = ['button', 'list', 'cta_url'];

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  max: number;
  wrong: boolean;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: string;
}

/** One field, with Meta's limit counted as it is typed (characters, an emoji being one). */
const TextField = ({ name, label, value, max, wrong, onChange, multiline, type }: TextFieldProps) => (
  <Field $wrong={wrong}>
    {label}
    {multiline ? (
      <textarea dir="auto" rows={2} value={value} onChange={(event) => onChange(event.target.value)} data-testid={`interactive-${name}`} />
    ) : (
      <input dir={type === 'url' ? 'ltr' : 'auto'} type={type ?? 'text'} value={value} onChange={(event) => onChange(event.target.value)} data-testid={`interactive-${name}`} />
    )}
    {max > 0 ? (
      <Counter aria-hidden>
        {characterCount(value)}/{max}
      </Counter>
    ) : null}
  </Field>
);

/**
 * Reply buttons (up to 3), a list (up to 10 rows) or a link button, built field by field with
 * Meta's limits counted and a preview of what the customer will see; Send stays off while a field
 * breaks a limit.
 */
export const InteractiveBuilder = ({ draft, busy, onSend, onClose }: { draft: InteractiveDraftApi; busy: boolean; onSend: () => void; onClose: () => void }) => {
  const { tm } = useConversationText();
  const { fields, update, problems } = draft;
  const wrong = (field: string) => problems.some((problem) => problem.field === field && (field !== 'body' || fields.body !== ''));
  const limits = MESSAGE_LIMITS;
  return (
    <Builder data-testid="interactive-builder">
      <Fields>
        <Kinds role="radiogroup" aria-label={tm('composer.interactive.kind')}>
          {KINDS.map((kind) => (
            <Kind key={kind} type="button" role="radio" aria-checked={fields.kind === kind} $on={fields.kind === kind} onClick={() => update({ kind })} data-testid={`interactive-kind-${kind}`}>
              {tm(`composer.interactive.kinds.${kind}`)}
            </Kind>
          ))}
        </Kinds>
        <TextField name="header" label={tm('composer.interactive.header')} value={fields.header} max={limits.interactiveHeaderText} wrong={wrong('header')} onChange={(header) => update({ header })} />
        <TextField
          name="body"
          label={tm('composer.interactive.body')}
          value={fields.body}
          max={fields.kind === 'list' ? limits.listBodyText : limits.buttonBodyText}
          wrong={wrong('body')}
          onChange={(body) => update({ body })}
          multiline
        />
        <TextField name="footer" label={tm('composer.interactive.footer')} value={fields.footer} max={limits.interactiveFooterText} wrong={wrong('footer')} onChange={(footer) => update({ footer })} />
        {fields.kind === 'button' ? (
          <>
            {fields.buttons.map((title, i) => (
              <Row key={i}>
                <TextField
                  name={`button-${i}`}
                  label={tm('composer.interactive.button', { number: i + 1 })}
                  value={title}
                  max={limits.buttonTitle}
                  wrong={wrong(`buttons.${i}`)}
                  onChange={(value) => update({ buttons: fields.buttons.map((old, j) => (j === i ? value : old)) })}
                />
                {fields.buttons.length > 1 ? (
                  <Small type="button" onClick={() => update({ buttons: fields.buttons.filter((_, j) => j !== i) })}>
                    {tm('composer.interactive.remove')}
                  </Small>
                ) : null}
              </Row>
            ))}
            {wrong('buttons.unique') ? <Field $wrong>{tm('composer.interactive.uniqueButtons')}</Field> : null}
            <Small type="button" disabled={fields.buttons.length >= limits.buttons} onClick={() => update({ buttons: [...fields.buttons, ''] })} data-testid="interactive-add-button">
              {tm('composer.interactive.addButton', { max: limits.buttons })}
            </Small>
          </>
        ) : null}
        {fields.kind === 'list' ? (
          <>
            <TextField name="list-button" label={tm('composer.interactive.listButton')} value={fields.listButton} max={limits.listButtonLabel} wrong={wrong('listButton')} onChange={(listButton) => update({ listButton })} />
            <TextField name="section" label={tm('composer.interactive.sectionTitle')} value={fields.sectionTitle} max={limits.listSectionTitle} wrong={wrong('sectionTitle')} onChange={(sectionTitle) => update({ sectionTitle })} />
            {fields.rows.map((row, i) => (
              <Row key={i}>
                <TextField
                  name={`row-${i}`}
                  label={tm('composer.interactive.row', { number: i + 1 })}
                  value={row.title}
                  max={limits.listRowTitle}
                  wrong={wrong(`rows.${i}.title`)}
                  onChange={(title) => update({ rows: fields.rows.map((old, j) => (j === i ? { ...old, title } : old)) })}
                />
                <TextField
                  name={`row-${i}-description`}
                  label={tm('composer.interactive.rowDescription')}
                  value={row.description}
                  max={limits.listRowDescription}
                  wrong={wrong(`rows.${i}.description`)}
                  onChange={(description) => update({ rows: fields.rows.map((old, j) => (j === i ? { ...old, description } : old)) })}
                />
                {fields.rows.length > 1 ? (
                  <Small type="button" onClick={() => update({ rows: fields.rows.filter((_, j) => j !== i) })}>
                    {tm('composer.interactive.remove')}
                  </Small>
                ) : null}
              </Row>
            ))}
            <Small type="button" disabled={fields.rows.length >= limits.listRows} onClick={() => update({ rows: [...fields.rows, { title: '', description: '' }] })} data-testid="interactive-add-row">
              {tm('composer.interactive.addRow', { max: limits.listRows })}
            </Small>
          </>
        ) : null}
        {fields.kind === 'cta_url' ? (
          <>
            <TextField name="cta-text" label={tm('composer.interactive.ctaText')} value={fields.ctaText} max={limits.ctaDisplayText} wrong={wrong('ctaText')} onChange={(ctaText) => update({ ctaText })} />
            <TextField name="cta-url" label={tm('composer.interactive.ctaUrl')} value={fields.ctaUrl} max={0} type="url" wrong={wrong('ctaUrl') && fields.ctaUrl !== ''} onChange={(ctaUrl) => update({ ctaUrl })} />
          </>
        ) : null}
        <Row>
          <Button type="button" variant="contained" disabled={busy || problems.length > 0} onClick={onSend} data-testid="interactive-send">
            {tm('composer.interactive.send')}
          </Button>
          <Button type="button" variant="text" onClick={onClose}>
            {tm('composer.cancel')}
          </Button>
        </Row>
      </Fields>
      <InteractivePreview fields={fields} />
    </Builder>
  );
};
