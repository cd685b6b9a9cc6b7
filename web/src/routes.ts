import type { ComponentType } from 'react';
import { OverviewPage } from './pages/OverviewPage';

export interface AppRoute {
  path: string;
  /** Text of the entry in the left navigation. */
  label: string;
  page: ComponentType;
}

/**
 * Pages of the signed-in console. Each entry is a route and an entry of the left
 * navigation, in this order. Add new console pages here.
 */
export const appRoutes: readonly AppRoute[] = [{ path: '/', label: 'Overview', page: OverviewPage }];
