/** Words the console uses for the API's client, instance and credential values. */
import type {
  BaseBackupStatus,
  ClientStatus,
  CredentialMode,
  InstanceStatus,
  Plan,
  RestoreMode,
  RestorePhase,
  RestoreStatus,
} from './types';

export const PLANS: readonly Plan[] = ['standard', 'premium'];

export const planLabels: Record<Plan, string> = {
  standard: 'Standard',
  premium: 'Premium',
};

export const clientStatusLabels: Record<ClientStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  deleting: 'Being deleted',
};

export const instanceStatusLabels: Record<InstanceStatus, string> = {
  provisioning: 'Being set up',
  running: 'Running',
  stopped: 'Stopped',
  suspended: 'Suspended',
  failed: 'Failed to start',
  deleting: 'Stopped for deletion',
};

export const CREDENTIAL_MODES: readonly CredentialMode[] = ['read_only', 'read_write'];

export const credentialModeLabels: Record<CredentialMode, string> = {
  read_only: 'Read only',
  read_write: 'Read and write',
};

export const baseBackupStatusLabels: Record<BaseBackupStatus, string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  expired: 'Expired',
};

export const restoreStatusLabels: Record<RestoreStatus, string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

/** What a running restore is doing, in the order it does it. */
export const restorePhaseLabels: Record<RestorePhase, string> = {
  downloading: 'Downloading the base backup',
  replaying: 'Replaying the archived changes',
  switching: 'Switching the database over',
  done: 'Done',
  failed: 'Failed',
};

export const restoreModeLabels: Record<RestoreMode, string> = {
  switch: 'Switch over',
  in_place: 'In place',
};

const eventKindLabels: Partial<Record<string, string>> = {
  provisioned: 'Created',
  started: 'Started',
  crashed: 'Crashed',
  restarted: 'Restarted after a crash',
  start_failed: 'Failed to start',
  suspended: 'Suspended',
  resumed: 'Resumed',
  stopped_for_deletion: 'Stopped for deletion',
  restored: 'Restored from a backup',
};

/** A kind of instance event in words; kinds this console does not know yet are shown as they are. */
export function eventKindLabel(kind: string): string {
  return eventKindLabels[kind] ?? kind;
}
