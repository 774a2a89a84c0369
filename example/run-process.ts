import { consoleLogger, type Logger } from 'adminjs-whatsapp';
import { EnvironmentError } from './environment.js';
import { StartupError } from './runtime-settings.js';

type Stopper = () => Promise<unknown> | unknown;

/**
 * Runs a long-lived process: starts it, and on SIGINT/SIGTERM (or a failed start) runs the
 * registered stoppers in reverse order — HTTP first, the database last — then exits.
 */
export function runProcess(scope: string, start: (log: Logger, onStop: (stopper: Stopper) => void) => Promise<void>): void {
  const log = consoleLogger(scope);
  const stoppers: Stopper[] = [];
  let stopping = false;

  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    if (code === 0) log.info(`${reason}: stopping`);
    for (const stopper of stoppers.reverse()) {
      try {
        await stopper();
      } catch (error) {
        log.warn('while stopping', { error: String(error) });
      }
    }
    if (code === 0) log.info('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal, 0));

  start(log, (stopper) => stoppers.push(stopper)).catch((error: unknown) => {
    const known = error instanceof EnvironmentError || error instanceof StartupError;
    log.error(known ? (error as Error).message : String((error as Error)?.stack ?? error));
    void stop('start failed', 1);
  });
}
