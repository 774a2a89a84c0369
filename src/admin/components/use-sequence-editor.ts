import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useNotice, type ActionProps } from 'adminjs';
import type { SequenceStep, SequenceTrigger, StepKind } from '../../domain/campaign-kinds.js';
import { sequenceProblems } from '../../domain/sequence-steps.ts';
import type { SequenceDefinition } from '../../campaigns/save-sequence.js';
import type { SequenceEditorPage, SequenceSaveAnswer } from '../resources/sequences.resource.js';
import { formData, recordAction, resourceAction } from './action-client.ts';

const EMPTY: SequenceDefinition = { accountId: '', name: '', status: 'active', steps: [], triggers: [], exitOnReply: true, exitOnResolve: false };

/** A new step's id: unique in its sequence, kept when steps move (enrollments point at it). */
const newStepId = () => `step-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function newStep(kind: StepKind): SequenceStep {
  const id = newStepId();
  switch (kind) {
    case 'template':
      return { id, kind, templateId: '', parameters: {} };
    case 'wait':
      return { id, kind, amount: 1, unit: 'days', atTime: null };
    case 'wait_business_hours':
      return { id, kind };
    case 'branch':
      return { id, kind, condition: { kind: 'replied' } };
    case 'text':
      return { id, kind, text: '' };
  }
}

/**
 * The sequence being written: its steps (added, changed, moved, removed), triggers and exits,
 * what is wrong with it as it stands (the server checks the same, and more), and its save.
 */
export const useSequenceEditor = ({ resource, record, action }: ActionProps) => {
  const [page, setPage] = useState<SequenceEditorPage | null>(null);
  const [definition, setDefinition] = useState<SequenceDefinition>(EMPTY);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const navigate = useNavigate();
  const sequenceId = record?.id ?? null;

  useEffect(() => {
    void (async () => {
      const answer = sequenceId
        ? await recordAction<SequenceEditorPage>({ resourceId: resource.id, recordId: sequenceId, actionName: 'edit' })
        : await resourceAction<SequenceEditorPage>({ resourceId: resource.id, actionName: action.name });
      setPage(answer);
      if (answer.definition) setDefinition(answer.definition);
      else if (answer.choices?.numbers[0]) setDefinition((current) => ({ ...current, accountId: current.accountId || answer.choices.numbers[0]!.id }));
    })();
  }, [sequenceId]);

  const number = page?.choices.numbers.find((n) => n.id === definition.accountId) ?? null;
  const set = <K extends keyof SequenceDefinition>(key: K, value: SequenceDefinition[K]) => setDefinition((current) => ({ ...current, [key]: value }));
  const steps = definition.steps;

  const addStep = (kind: StepKind) => set('steps', [...steps, newStep(kind)]);
  const changeStep = (index: number, step: SequenceStep) => set('steps', steps.map((s, i) => (i === index ? step : s)));
  const removeStep = (index: number) => set('steps', steps.filter((_, i) => i !== index));
  const moveStep = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= steps.length) return;
    const moved = [...steps];
    [moved[index], moved[to]] = [moved[to]!, moved[index]!];
    set('steps', moved);
  };

  const trigger = <K extends SequenceTrigger['kind']>(kind: K) => definition.triggers.find((t): t is Extract<SequenceTrigger, { kind: K }> => t.kind === kind) ?? null;
  /** Sets one kind of trigger, or removes it (null). */
  const setTrigger = (kind: SequenceTrigger['kind'], value: SequenceTrigger | null) =>
    set('triggers', [...definition.triggers.filter((t) => t.kind !== kind), ...(value ? [value] : [])]);

  const problems = sequenceProblems(steps, definition.triggers);

  const save = async () => {
    setBusy(true);
    try {
      const request = { resourceId: resource.id, actionName: sequenceId ? 'edit' : 'new', data: formData({ sequence: JSON.stringify(definition) }) };
      const answer = sequenceId ? await recordAction<SequenceSaveAnswer>({ ...request, recordId: sequenceId }) : await resourceAction<SequenceSaveAnswer>(request);
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      if (answer.redirectUrl) navigate(answer.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return { page, definition, set, number, addStep, changeStep, removeStep, moveStep, trigger, setTrigger, problems, busy, save, sequenceId };
};

export type SequenceEditorState = ReturnType<typeof useSequenceEditor>;
