/** 承诺还款: a promise is kept, partly kept or broken by the payments made between its making and its date. */
export type PromiseStatus = 'open' | 'kept' | 'partly-kept' | 'broken';

export function promiseStatus(
  promise: { amount: number; madeOn: string; dueDate: string },
  payments: ReadonlyArray<{ date: string; amount: number }>,
  today: string,
): { status: PromiseStatus; paid: number } {
  const paid = payments.filter((p) => p.date >= promise.madeOn && p.date <= promise.dueDate).reduce((s, p) => s + p.amount, 0);
  if (paid >= promise.amount) return { status: 'kept', paid };
  if (today <= promise.dueDate) return { status: 'open', paid };
  return { status: paid > 0 ? 'partly-kept' : 'broken', paid };
}
