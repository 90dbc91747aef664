/** English messages of the Forecasts, Models and Monitor pages and the shared components. */
export const enPages = {} as const;
