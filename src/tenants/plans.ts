/**
 * Per-plan guardrails of a client's dedicated PostgreSQL instance. Idle memory matters with
 * hundreds of instances per host: small shared buffers, few connections, no parallel workers.
 */
export interface Plan {
  name: string;
  maxConnections: number;
  sharedBuffers: string;
  workMem: string;
  maintenanceWorkMem: string;
  /** The availability target of the agreement for this plan. */
  availabilityTarget: number;
  /** Whether a degraded (slow but answering) service counts as down in the figures. */
  degradedCountsAsDown: boolean;
}

export const PLANS: Record<string, Plan> = {
  standard: {
    name: 'standard',
    maxConnections: 20,
    sharedBuffers: '16MB',
    workMem: '4MB',
    maintenanceWorkMem: '32MB',
    availabilityTarget: 0.999,
    degradedCountsAsDown: false,
  },
  premium: {
    name: 'premium',
    maxConnections: 60,
    sharedBuffers: '128MB',
    workMem: '8MB',
    maintenanceWorkMem: '128MB',
    availabilityTarget: 0.999,
    degradedCountsAsDown: false,
  },
};

export const PLAN_NAMES = Object.keys(PLANS) as [string, ...string[]];

export function planNamed(name: string): Plan | undefined {
  return PLANS[name];
}
