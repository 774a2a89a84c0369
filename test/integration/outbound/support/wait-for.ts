/** Polls until `condition` holds (work done by a worker or a webhook). Fails after `timeoutMs` naming `what`; asserts nothing about speed. */
export async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 25): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
