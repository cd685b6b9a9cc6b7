import type { Monitor } from './types';

/** What a monitor watches, in words. */
export function watchedBy(monitor: Monitor): string {
  switch (monitor.kind) {
    case 'postgres':
      return 'The client’s database: the platform signs in and runs a query';
    case 'http':
      return monitor.keyword === null
        ? `HTTP endpoint ${monitor.target}`
        : `HTTP endpoint ${monitor.target}, answering with “${monitor.keyword}”`;
    case 'tcp':
      return `TCP endpoint ${monitor.target}`;
  }
}
