import { Fragment, type ReactNode } from 'react';
import { t, type MessageKey } from './index';

/**
 * A catalogue message whose placeholders hold elements (a version in monospace, say): the whole
 * sentence stays one message, so a language can put the element where its word order wants it.
 */
export function tx(key: MessageKey, params: Record<string, ReactNode>): ReactNode {
  return t(key)
    .split(/\{(\w+)\}/)
    .map((part, i) =>
      i % 2 === 1 ? <Fragment key={i}>{part in params ? params[part] : `{${part}}`}</Fragment> : part,
    );
}
