import { z } from 'zod';
import { passwordProblem, type PasswordProblem } from 'adminjs-whatsapp';

/**
 * The runnable back office's environment. Every variable is documented in the README's
 * configuration table; keep the two in step.
 */
const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: optional,
  DATA_DIR: z.string().default('.data'),
  PUBLIC_URL: optional.pipe(z.string().url().optional()),
  TRUST_PROXY: optional,
  ENCRYPTION_KEY: optional,
  ENCRYPTION_PREVIOUS_KEYS: optional,
  SESSION_SECRET: optional,
  ADMIN_EMAIL: optional.pipe(z.string().email().optional()),
  ADMIN_PASSWORD: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_WABA_ID: optional,
  WHATSAPP_DISPLAY_PHONE_NUMBER: optional,
  WHATSAPP_ACCOUNT_NAME: optional,
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_APP_SECRET: optional,
  WHATSAPP_VERIFY_TOKEN: optional,
  WHATSAPP_GRAPH_URL: optional.pipe(z.string().url().optional()),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  WHATSAPP_DEFAULT_REGION: optional.pipe(z.string().regex(/^[A-Z]{2}$/, 'a two-letter region such as DZ').optional()),
  NODE_ENV: z.string().default('development'),
}).superRefine((env, context) => {
  // The first admin's password follows the same policy as the ones typed in the back office.
  const problem = env.ADMIN_PASSWORD ? passwordProblem(env.ADMIN_PASSWORD, env.ADMIN_EMAIL ?? 'admin@example.com') : null;
  if (problem) context.addIssue({ code: z.ZodIssueCode.custom, path: ['ADMIN_PASSWORD'], message: PASSWORD_PROBLEMS[problem] });
});

const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  passwordTooShort: 'ADMIN_PASSWORD must be at least 12 characters',
  passwordIsEmail: 'ADMIN_PASSWORD must not be the admin email',
  passwordTooCommon: 'ADMIN_PASSWORD is one of the most common passwords; choose another',
};

export type Environment = z.infer<typeof environmentSchema>;

export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvironmentError(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
