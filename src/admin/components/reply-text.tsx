import React, { forwardRef, useEffect, useImperativeHandle, useRef, type TextareaHTMLAttributes } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

const MAX_HEIGHT_PX = 160;

const Text = styled.textarea`
  flex: 1;
  resize: none;
  box-sizing: border-box;
  min-block-size: 42px;
  max-block-size: ${MAX_HEIGHT_PX}px;
  padding: 10px 12px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  font: inherit;
  font-size: 14px;
  line-height: 1.4;
  text-align: start;
  background: ${themeColor('white')};
  &:focus {
    outline: 2px solid ${themeColor('primary60')};
  }
`;

/** The reply's text area, growing with what is typed up to a few lines. */
export const ReplyText = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { value: string }>(function ReplyText(props, ref) {
  const field = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => field.current!);
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  }, [props.value]);
  return <Text ref={field} {...props} />;
});
