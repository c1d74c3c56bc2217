import type { z } from 'zod';

/** Every failure that crosses a transport is one of these codes; the UI translates `reason ?? code`. */
export type ErrorCode =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'unknown-channel'
  | 'bad-request'
  | 'too-large'
  | 'database-too-new'
  | 'database-damaged'
  | 'internal';

export interface FieldIssue {
  field: string;
  reason: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The shape errors take on the wire (IPC, HTTP, CLI JSON). */
export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  field?: string;
  reason?: string;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    detail: { field?: string; reason?: string; params?: Record<string, string | number>; issues?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = detail.field;
    this.reason = detail.reason;
    this.params = detail.params;
    this.issues = detail.issues;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, message: this.message };
    if (this.field !== undefined) payload.field = this.field;
    if (this.reason !== undefined) payload.reason = this.reason;
    if (this.params !== undefined) payload.params = this.params;
    if (this.issues !== undefined) payload.issues = this.issues;
    return payload;
  }
}

export function isAppErrorPayload(value: unknown): value is AppErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorPayload).code === 'string' &&
    typeof (value as AppErrorPayload).message === 'string'
  );
}

/** Maps a zod issue to a stable reason key the UI can translate, independent of zod's wording. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function reasonOf(issue: z.core.$ZodIssue, input: unknown): { reason: string; params?: Record<string, string | number> } {
  const custom = (issue as { params?: { reason?: string } }).params;
  if (issue.code === 'custom' && custom?.reason) {
    return { reason: custom.reason, params: custom as Record<string, string | number> };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { reason: valueAt(input, issue.path) == null ? 'required' : 'type' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { reason: 'required' };
      return { reason: 'tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return {
        reason: issue.origin === 'string' || issue.origin === 'array' ? 'tooLong' : 'tooBig',
        params: { maximum: Number(issue.maximum) },
      };
    case 'invalid_format':
      return { reason: 'format' };
    case 'invalid_value':
      return { reason: 'choice' };
    case 'unrecognized_keys':
      return { reason: 'unknownField', params: { keys: issue.keys.join(', ') } };
    default:
      return { reason: 'invalid' };
  }
}

/** `input` is what was sent, so a missing field can be told from one of the wrong type. */
export function fromZodError(error: z.ZodError, input: unknown): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const { reason, params } = reasonOf(issue, input);
    const fieldIssue: FieldIssue = { field, reason, message: field ? `${field}: ${issue.message}` : issue.message };
    if (params) fieldIssue.params = params;
    return fieldIssue;
  });
  const first = issues[0] ?? { field: '', reason: 'invalid', message: 'invalid input' };
  const detail: ConstructorParameters<typeof AppError>[2] = { reason: first.reason, issues };
  if (first.field) detail.field = first.field;
  if (first.params) detail.params = first.params;
  return new AppError('validation', first.message, detail);
}
