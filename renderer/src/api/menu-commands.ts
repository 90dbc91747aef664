import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../core/contract/preload-api';

/**
 * Act on the desktop menu (New, Import…, Export…) and on scenario files opened from the OS. In
 * the browser there is no menu and the handler is never called. Preload holds commands sent
 * before the first subscriber, so mounting late loses nothing.
 */
export function useMenuCommands(handler: (command: MenuCommand) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => window.rakeplan?.onMenuCommand((command) => latest.current(command)), []);
}
