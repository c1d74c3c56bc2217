/** Shared by the bulk loaders (borrowers, loan book, guarantee book, contact log): errors name the entry they came from. */
import { AppError } from '../../../shared/contract/errors';

/** Runs `work` for entry `index` of `list`; an AppError's field and message gain `list[index].`. */
export function withinEntry<T>(list: string, index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppError) {
      const field = error.field ? `${list}[${index}].${error.field}` : `${list}[${index}]`;
      const detail = { field, ...(error.reason ? { reason: error.reason } : {}), ...(error.params ? { params: error.params } : {}), ...(error.issues ? { issues: error.issues } : {}) };
      throw new AppError(error.code, `${list}[${index}].${error.message}`, detail);
    }
    throw error;
  }
}
