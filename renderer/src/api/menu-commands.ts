import { useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../../../core/contract/preload-api';

/**
 * Act on the desktop menu (New, Import…, Export…) and on scenario files opened from the OS. In
 * the browser there is no menu and the handler is never called. Preload holds commands sent
 * before the first subscriber, so mounting late loses nothing.
 */
export function useMenuCommands(handler: (command: MenuCommand) => void): void {
  // Always the handler of the latest render, without resubscribing when it changes.
  const onCommand = useEffectEvent(handler);
  useEffect(() => window.rakeplan?.onMenuCommand((command) => onCommand(command)), []);
}
