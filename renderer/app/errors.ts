import type { TFunction } from 'i18next';
import type { AppErrorPayload, FieldIssue } from '../../shared/contract/errors';
import { ApiError } from '../api/client';

/** The user's-language text for an error reason, falling back to its code, then to the raw message. */
export function reasonText(
  t: TFunction,
  issue: { reason?: string | undefined; params?: FieldIssue['params']; code?: string; message?: string },
): string {
  const params = issue.params ?? {};
  if (issue.reason && t(`errors.${issue.reason}`, { ...params, defaultValue: '' })) {
    return t(`errors.${issue.reason}`, params);
  }
  if (issue.code && t(`errors.codes.${issue.code}`, { defaultValue: '' })) return t(`errors.codes.${issue.code}`);
  return issue.message ?? String(issue.reason);
}

export function errorPayload(error: unknown): AppErrorPayload {
  if (error instanceof ApiError) return error.payload;
  return { code: 'internal', message: (error as Error)?.message ?? String(error) };
}

/** One line for a toast: "证件号码：校验位不正确…" */
export function errorText(t: TFunction, error: unknown, fieldLabel?: (field: string) => string): string {
  const payload = errorPayload(error);
  const text = reasonText(t, payload);
  return payload.field && fieldLabel ? `${fieldLabel(payload.field)}${t('app.separator')}${text}` : text;
}
