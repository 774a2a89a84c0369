/** The times agents pick most for later (snooze, scheduled messages), from now, in the browser's time zone. */
export type TimeChoice = 'inOneHour' | 'inThreeHours' | 'tomorrowMorning' | 'nextMonday';

export const TIME_CHOICES: readonly TimeChoice[] = ['inOneHour', 'inThreeHours', 'tomorrowMorning', 'nextMonday'];

const MORNING_HOUR = 9;

export function timeOf(choice: TimeChoice, now: Date): Date {
  const at = new Date(now);
  switch (choice) {
    case 'inOneHour':
      return new Date(now.getTime() + 3_600_000);
    case 'inThreeHours':
      return new Date(now.getTime() + 3 * 3_600_000);
    case 'tomorrowMorning':
      at.setDate(at.getDate() + 1);
      break;
    case 'nextMonday':
      at.setDate(at.getDate() + (((8 - at.getDay()) % 7) || 7));
      break;
  }
  at.setHours(MORNING_HOUR, 0, 0, 0);
  return at;
}

/** `datetime-local`'s value for a time, in the browser's zone. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
