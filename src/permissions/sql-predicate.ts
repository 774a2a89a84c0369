/** A SQL boolean on a table alias and its positional parameters, numbered after `offset` existing ones. */
export interface SqlPredicate {
  sql: string;
  params: unknown[];
}

/** Builds `$n` placeholders after `offset` parameters the caller already has. */
export function parameters(offset: number): { params: unknown[]; param(value: unknown): string } {
  const params: unknown[] = [];
  return {
    params,
    param(value: unknown) {
      params.push(value);
      return `$${offset + params.length}`;
    },
  };
}
