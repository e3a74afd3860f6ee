import type { ReactElement } from 'react';

/**
 * Every screen of the console. Screens live under src/pages/<area>/; add a line here for each.
 * `public` screens need no sign-in (the publicity page); every other one sends a visitor to sign in first.
 */
export interface ScreenRoute {
  readonly path: string;
  readonly element: ReactElement;
  readonly public?: boolean;
}

export const SCREENS: readonly ScreenRoute[] = [];
