import type { enPages } from './en-pages';

/** Hindi messages of the Forecasts, Models and Monitor pages and the shared components. */
export const hiPages: Record<keyof typeof enPages, string> = {};
