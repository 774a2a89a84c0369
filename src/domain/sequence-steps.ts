import { STEP_KINDS, TRIGGER_KINDS, type SequenceStep, type SequenceTrigger } from './campaign-kinds.js';

// Pure and free of libraries: the sequence editor checks steps in the browser with it.

export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM`, 00:00 to 23:59. */
export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** Longest wait a step may ask for: a year. */
const MAX_WAIT_HOURS = 366 * 24;

/** What is wrong with a sequence's steps and triggers, as i18n keys (campaigns.json); empty when it can run. */
export function sequenceProblems(steps: readonly SequenceStep[], triggers: readonly SequenceTrigger[]): string[] {
  const problems = new Set<string>();
  const ids = new Set<string>();
  for (const step of steps) {
    if (!step.id || ids.has(step.id)) problems.add('campaigns.sequence.problem.stepId');
    ids.add(step.id);
    if (!STEP_KINDS.includes(step.kind)) problems.add('campaigns.sequence.problem.stepKind');
  }
  for (const step of steps) {
    if (step.kind === 'template' && !step.templateId) problems.add('campaigns.sequence.problem.template');
    if (step.kind === 'text' && !step.text.trim()) problems.add('campaigns.sequence.problem.text');
    if (step.kind === 'wait') {
      const hours = step.unit === 'days' ? step.amount * 24 : step.amount;
      if (!Number.isFinite(step.amount) || step.amount < 0 || hours > MAX_WAIT_HOURS || !['hours', 'days'].includes(step.unit)) {
        problems.add('campaigns.sequence.problem.wait');
      }
      if (step.atTime && (step.unit !== 'days' || !isTimeOfDay(step.atTime))) problems.add('campaigns.sequence.problem.atTime');
    }
    if (step.kind === 'branch') {
      for (const target of [step.thenStepId, step.elseStepId]) if (target && !ids.has(target)) problems.add('campaigns.sequence.problem.branchTarget');
      const condition = step.condition;
      if (!condition || (condition.kind === 'label' && !condition.label) || (condition.kind === 'crm_field' && !condition.field)) {
        problems.add('campaigns.sequence.problem.condition');
      }
    }
  }
  if (!steps.some((step) => step.kind === 'template' || step.kind === 'text')) problems.add('campaigns.sequence.problem.noMessage');
  for (const trigger of triggers) {
    if (!TRIGGER_KINDS.includes(trigger.kind)) problems.add('campaigns.sequence.problem.trigger');
    if (trigger.kind === 'keyword' && trigger.keywords.every((keyword) => !keyword.trim())) problems.add('campaigns.sequence.problem.keywords');
    if (trigger.kind === 'label_added' && !trigger.label.trim()) problems.add('campaigns.sequence.problem.label');
  }
  return [...problems];
}

/** The step after `stepId` in order, or null at the end. */
export function stepAfter(steps: readonly SequenceStep[], stepId: string): SequenceStep | null {
  const index = steps.findIndex((step) => step.id === stepId);
  return index >= 0 ? (steps[index + 1] ?? null) : null;
}

export function stepById(steps: readonly SequenceStep[], stepId: string | null | undefined): SequenceStep | null {
  return stepId ? (steps.find((step) => step.id === stepId) ?? null) : null;
}

/** Branches may loop back: a run executes at most this many steps before it waits, so a loop without a wait cannot spin. */
export const MAX_STEPS_PER_RUN = 50;
