import {
  ApiClient,
  type ActionResponse,
  type BulkActionAPIParams,
  type NoticeMessage,
  type RecordActionAPIParams,
  type RecordJSON,
  type ResourceActionAPIParams,
} from 'adminjs';

const api = new ApiClient();

/** AdminJS may add its own notice (a refusal, a forbidden action) to any answer. */
export type Answer<T> = T & { notice?: NoticeMessage };

// ApiClient types every answer as ActionResponse, whose `[key: string]: any` would let anything
// through: each call names instead the answer type its handler declares (src/admin/resources).
// Without one, only what every answer of its kind has.

export async function recordAction<T extends ActionResponse = { record: RecordJSON }>(params: RecordActionAPIParams): Promise<Answer<T>> {
  const { data }: { data: ActionResponse } = await api.recordAction(params);
  return data as Answer<T>;
}

export async function resourceAction<T extends ActionResponse>(params: ResourceActionAPIParams): Promise<Answer<T>> {
  const { data }: { data: ActionResponse } = await api.resourceAction(params);
  return data as Answer<T>;
}

export async function bulkAction<T extends ActionResponse>(params: BulkActionAPIParams): Promise<Answer<T>> {
  const { data }: { data: ActionResponse } = await api.bulkAction(params);
  return data as Answer<T>;
}

export async function dashboard<T>(params: Record<string, string | undefined>): Promise<T> {
  return (await api.getDashboard<T>({ params })).data;
}

/** A custom page's handler (`pages.<name>.handler`). */
export async function page<T>(pageName: string, params: Record<string, string | undefined>): Promise<T> {
  return (await api.getPage<T>({ pageName, params })).data;
}

/** A POST body as the handlers read it: one string per field, empty for absent values. */
export function formData(values: Readonly<Record<string, string | null | undefined>>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value ?? '');
  return data;
}
