import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { api } from '../../../api/client';
import { useStatus } from '../../../app/useStatus';
import { ForcedPasswordChange, SetupScreen, SignInScreen } from './AuthScreens';

/** Signs the user out after `minutes` without keyboard or mouse activity (the main process also expires idle sessions). */
function useIdleLock(minutes: number | undefined, active: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!active || !minutes) return;
    let timer: ReturnType<typeof setTimeout>;
    const lock = () => {
      void api('session.signOut', {})
        .catch(() => undefined)
        .then(() => client.invalidateQueries());
    };
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    const events = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;
    events.forEach((name) => window.addEventListener(name, reset, { passive: true }));
    reset();
    return () => {
      clearTimeout(timer);
      events.forEach((name) => window.removeEventListener(name, reset));
    };
  }, [minutes, active, client]);
}

export function AuthGate({ children }: { children: ReactNode }) {
  const status = useStatus();
  const data = status.data;
  useIdleLock(data?.idleLockMinutes, Boolean(data?.user));
  if (!data) return <Spin fullscreen />;
  if (data.setupRequired) return <SetupScreen />;
  if (!data.user) return <SignInScreen />;
  if (data.user.mustChangePassword) return <ForcedPasswordChange />;
  return <>{children}</>;
}
