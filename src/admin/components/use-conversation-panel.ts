import { useCallback, useState } from 'react';
import type { RecordJSON } from 'adminjs';
import type { TimelineAnswer } from '../resources/conversation-view-actions.js';

/** The conversation beside the timeline: its record (with the actions the admin may run), the side panel and the audit trail. */
export const useConversationPanel = (initialRecord: RecordJSON) => {
  const [record, setRecord] = useState(initialRecord);
  const [panel, setPanel] = useState<TimelineAnswer['panel']>(null);
  const [events, setEvents] = useState<TimelineAnswer['events']>([]);
  // Every timeline answer carries them: what changed in the conversation shows with its messages.
  const take = useCallback((answer: TimelineAnswer) => {
    setRecord(answer.record);
    if (answer.panel) setPanel(answer.panel);
    setEvents(answer.events);
  }, []);
  return { record, panel, events, take };
};
