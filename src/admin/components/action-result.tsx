import React from 'react';
import { MessageBox } from '@adminjs/design-system';
import { useTranslation, type NoticeMessage } from 'adminjs';

/** What the last POST of an action page answered, kept on the page in the admin's language. */
export const ActionResult = ({ notice, resourceId }: { notice: NoticeMessage | null; resourceId: string }) => {
  const { translateMessage } = useTranslation();
  if (!notice) return null;
  return <MessageBox mb="lg" variant={notice.type === 'error' ? 'danger' : 'success'} message={translateMessage(notice.message, resourceId, notice.options)} />;
};
