/**
 * The typed API client: the preload bridge inside Electron, HTTP to the browser host otherwise.
 * Screens call `api(channel, input)` and never know which transport carried it.
 */
import type { ChannelInput, ChannelName, ChannelOutput, Result } from '../../shared/contract';
import type { AppErrorPayload } from '../../shared/contract/errors';

type Bridge = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

declare global {
  interface Window {
    loanbridge?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
  }
}

async function overHttp<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    return { ok: false, error: { code: 'internal', reason: 'network', message: (error as Error).message } };
  }
  return (await response.json()) as Result<ChannelOutput<C>>;
}

export async function api<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const bridge = window.loanbridge;
  const result = bridge ? await bridge[channel](input) : await overHttp(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
