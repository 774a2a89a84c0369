/** The plugin's logging seam: hosts pass their own (pino, winston…) or get this console one. Never pass secrets to it. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function consoleLogger(scope = 'whatsapp', level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const write = (at: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const line = `[${scope}] ${at}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
    (at === 'error' || at === 'warn' ? console.error : console.log)(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
