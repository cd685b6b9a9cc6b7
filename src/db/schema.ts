import type { ColumnType, Generated } from 'kysely';

/** Control-plane tables as Kysely sees them. Migrations in ./migrations are the source of truth. */

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface AccountTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  kind: 'staff' | 'client_admin' | 'client_user';
  roles: ColumnType<string[], string[] | undefined, string[]>;
  client_id: string | null;
  password_hash: string | null;
  status: 'invited' | 'active' | 'disabled';
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
}

export type AccountRight = 'tickets' | 'backups' | 'reports' | 'database_credentials';

export interface ClientTable {
  id: Generated<string>;
  name: string;
  slug: string;
  require_mfa: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  plan: ColumnType<string, string | undefined, string>;
  contacts: ColumnType<ClientContact[], string | undefined, string>;
  status: ColumnType<'active' | 'suspended' | 'deleting', 'active' | 'suspended' | 'deleting' | undefined>;
  delete_after: Date | null;
}

export interface ClientContact {
  name: string;
  email: string;
  phone?: string;
}

export type InstanceStatus = 'provisioning' | 'running' | 'stopped' | 'suspended' | 'failed' | 'deleting';

export interface InstanceTable {
  client_id: string;
  host: ColumnType<string, string | undefined, string>;
  port: number;
  data_dir: string;
  db_name: string;
  owner_role: string;
  sealed_admin_password: string;
  status: InstanceStatus;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InstanceEventTable {
  id: Generated<string>;
  client_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface DbCredentialTable {
  id: Generated<string>;
  client_id: string;
  account_id: string;
  role_name: string;
  mode: 'read_only' | 'read_write';
  created_at: CreatedAt;
  rotated_at: Date | null;
}

export interface AccountRightTable {
  account_id: string;
  right: AccountRight;
  granted_by: string | null;
  granted_at: CreatedAt;
}

export interface RecoveryCodeTable {
  account_id: string;
  code_hash: Buffer;
  used_at: Date | null;
}

export interface OneTimeLinkTable {
  token_hash: Buffer;
  account_id: string;
  purpose: 'invitation' | 'password_reset';
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: Date;
  blocked_until: Date | null;
}

export interface SessionTable {
  id_hash: Buffer;
  account_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

export interface ApiTokenTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  token_hash: Buffer;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SetupTokenTable {
  token_hash: Buffer;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_account_id: string | null;
  actor_email: string | null;
  client_id: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, never>;
}

export interface WalSegmentTable {
  client_id: string;
  name: string;
  archived_at: ColumnType<Date, Date | undefined, Date>;
  plain_bytes: ColumnType<string, number, number>;
  stored_bytes: ColumnType<string, number, number>;
  plain_sha256: string;
  stored_sha256: string;
  targets: ColumnType<string[], string[], string[]>;
  missing: ColumnType<string[], string[] | undefined, string[]>;
  complete_at: Date | null;
}

export interface BaseBackupTable {
  id: Generated<string>;
  client_id: string;
  status: 'running' | 'done' | 'failed' | 'expired';
  started_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
  expired_at: Date | null;
  verified_at: Date | null;
  verified_ok: boolean | null;
  start_lsn: string | null;
  stop_lsn: string | null;
  files: number | null;
  plain_bytes: ColumnType<string | null, number | undefined, number>;
  stored_bytes: ColumnType<string | null, number | undefined, number>;
  stored_sha256: string | null;
  targets: ColumnType<string[], string[] | undefined, string[]>;
  missing: ColumnType<string[], string[] | undefined, string[]>;
  error: string | null;
}

export interface RestoreDrillTable {
  id: Generated<string>;
  client_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  ok: boolean;
  base_backup_id: string | null;
  duration_ms: number | null;
  recovered_up_to: Date | null;
  tables: number | null;
  error: string | null;
  data_loss_window_seconds: number | null;
}

export interface RestoreRunTable {
  id: Generated<string>;
  client_id: string;
  requested_by: string | null;
  mode: 'switch' | 'in_place';
  target_time: Date | null;
  base_backup_id: string | null;
  status: 'running' | 'done' | 'failed';
  phase: string;
  bytes_done: ColumnType<string, number | undefined, number>;
  bytes_total: ColumnType<string | null, number | undefined, number>;
  started_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
  duration_ms: number | null;
  recovered_up_to: Date | null;
  previous_data_dir: string | null;
  previous_kept_until: Date | null;
  previous_removed_at: Date | null;
  error: string | null;
}

export interface BackupPolicyTable {
  client_id: string;
  base_backup_every_hours: number;
  weekly_backups_kept: number;
  pitr_days: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AlertTable {
  id: Generated<string>;
  kind: string;
  client_id: string | null;
  message: string;
  opened_at: ColumnType<Date, Date | undefined, never>;
  resolved_at: Date | null;
}

export type MonitorState = 'up' | 'down' | 'degraded' | 'no_data';

export interface MonitorTable {
  id: Generated<string>;
  client_id: string;
  name: string;
  kind: 'http' | 'tcp' | 'postgres';
  role: 'application' | 'database';
  target: string;
  interval_seconds: number;
  timeout_ms: number;
  expected_status: number | null;
  keyword: string | null;
  degraded_after_ms: number | null;
  failure_threshold: number;
  recovery_threshold: number;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MonitorStatusTable {
  monitor_id: string;
  state: MonitorState;
  since: Date;
  last_check_at: Date | null;
  last_latency_ms: number | null;
  last_error: string | null;
  certificate_expires_at: Date | null;
}

export interface StateIntervalTable {
  id: Generated<string>;
  monitor_id: string;
  client_id: string;
  state: MonitorState;
  started_at: Date;
  ended_at: Date | null;
}

export interface CheckResultTable {
  monitor_id: string;
  at: Date;
  ok: boolean;
  degraded: boolean;
  latency_ms: number;
  error: string | null;
}

export interface CheckMinuteTable {
  monitor_id: string;
  minute: Date;
  checks: number;
  failures: number;
  degraded: number;
  latency_avg_ms: number;
  latency_max_ms: number;
}

export interface ProberHeartbeatTable {
  id: number;
  beat_at: Date;
}

export interface MaintenanceWindowTable {
  id: Generated<string>;
  scope: 'platform' | 'client' | 'monitor';
  client_id: string | null;
  monitor_id: string | null;
  kind: 'one_off' | 'recurring';
  starts_at: Date | null;
  ends_at: Date | null;
  rrule: string | null;
  first_date: string | null;
  local_start: string | null;
  duration_minutes: number | null;
  time_zone: string;
  reason: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  cancelled_at: Date | null;
}

export interface ForceMajeureTable {
  id: Generated<string>;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  declared_by: string;
  declared_at: ColumnType<Date, Date | undefined, never>;
  withdrawn_at: Date | null;
}

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentTable {
  id: Generated<string>;
  client_id: string;
  monitor_id: string | null;
  title: string;
  status: IncidentStatus;
  opened_at: Date;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  postmortem: string | null;
}

export interface IncidentUpdateTable {
  id: Generated<string>;
  incident_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  status: IncidentStatus;
  message: string;
  author: string | null;
}

export interface SlaMonthTable {
  client_id: string;
  month: string;
  version: number;
  figures: ColumnType<Record<string, unknown>, string, never>;
  frozen_at: ColumnType<Date, Date | undefined, never>;
  reason: string | null;
  author: string | null;
}

export interface StatusSubscriberTable {
  id: Generated<string>;
  email: string;
  confirm_token_hash: Buffer | null;
  confirm_expires_at: Date | null;
  confirmed_at: Date | null;
  mailed_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CalendarVersionTable {
  id: Generated<string>;
  effective_from: Date;
  definition: ColumnType<Record<string, unknown>, string, never>;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Criticality = 'critical' | 'major' | 'minor';
export type TicketStatus = 'open' | 'waiting' | 'resolved' | 'closed';
export type TicketChannel = 'portal' | 'email' | 'phone';

export interface TicketTable {
  id: Generated<string>;
  number: Generated<number>;
  client_id: string;
  requester_account_id: string | null;
  requester_email: string;
  subject: string;
  criticality: Criticality;
  status: TicketStatus;
  channel: TicketChannel;
  assignee_account_id: string | null;
  received_at: Date;
  response_due_at: Date;
  responded_at: Date | null;
  token: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string;
}

export interface TicketMessageTable {
  id: Generated<string>;
  ticket_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  author_account_id: string | null;
  author_email: string;
  from_staff: boolean;
  visibility: 'public' | 'internal';
  channel: TicketChannel;
  body: string;
  message_id: string | null;
}

export interface TicketClockEventTable {
  id: Generated<string>;
  ticket_id: string;
  at: Date;
  kind: 'started' | 'retargeted' | 'warning' | 'responded' | 'breached';
  criticality: Criticality;
  due_at: Date;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface DutyAssignmentTable {
  /** `YYYY-MM-DD`, the day in the business calendar's zone. */
  duty_date: string;
  slot: 1 | 2;
  account_id: string;
  assigned_by: string;
  assigned_at: ColumnType<Date, Date | undefined, never>;
}

export interface DutyDayTable {
  duty_date: string;
  changed_at: Date;
  changed_by: string;
}

export interface DutyAbsenceTable {
  id: Generated<string>;
  account_id: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type EscalationTrigger =
  'new_ticket' | 'warning_50' | 'warning_75' | 'warning_90' | 'breach' | 'no_duty' | 'alert';

export interface EscalationStepTable {
  position: number;
  name: string;
  kind: 'duty_pair' | 'team';
  members: string[];
  triggers: EscalationTrigger[];
}

export interface EscalationRecordTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  trigger: EscalationTrigger;
  step_position: number;
  step_name: string;
  outcome: 'notified' | 'passed_on';
  recipients: string[];
  ticket_id: string | null;
  duty_date: string | null;
  subject: string;
}

export interface TicketAttachmentTable {
  id: Generated<string>;
  ticket_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  from_staff: boolean;
}

export interface ArchiveLagMinuteTable {
  client_id: string;
  minute: Date;
  lag_seconds: number;
}

export interface SlaReportTable {
  client_id: string;
  month: string;
  version: number;
  report: ColumnType<Record<string, unknown>, string, never>;
  html: string;
  reason: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ServiceOptionTable {
  code: string;
  name: string;
  description: string;
  unit: string;
  unit_price: ColumnType<string, number, number>;
  currency: ColumnType<string, string | undefined, string>;
  effect: ColumnType<Record<string, unknown>, string, string>;
  updated_by: ColumnType<string, string | undefined, string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ClientOptionTable {
  id: Generated<string>;
  client_id: string;
  option_code: string;
  status: 'requested' | 'active' | 'rejected' | 'deactivated';
  unit_price: ColumnType<string, number, number>;
  currency: string;
  unit: string;
  requested_by: string;
  requested_at: ColumnType<Date, Date | undefined, never>;
  decided_by: string | null;
  activated_at: Date | null;
  deactivated_at: Date | null;
  previous: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  note: string | null;
  /** Why an operator refused it. */
  decision_note: string | null;
}

export type StandbyStatus = 'creating' | 'running' | 'promoting' | 'failed';
export type StandbyState = 'streaming' | 'catching_up' | 'down';

export interface StandbyTable {
  client_id: string;
  zone: string;
  data_dir: string;
  port: number | null;
  status: StandbyStatus;
  state: StandbyState | null;
  lag_bytes: ColumnType<string | null, number | null | undefined, number | null>;
  lag_seconds: number | null;
  replayed_at: Date | null;
  checked_at: Date | null;
  streaming_since: Date | null;
  base_backup_id: string | null;
  error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  account: AccountTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  setup_token: SetupTokenTable;
  audit_event: AuditEventTable;
  client: ClientTable;
  account_right: AccountRightTable;
  recovery_code: RecoveryCodeTable;
  one_time_link: OneTimeLinkTable;
  login_throttle: LoginThrottleTable;
  instance: InstanceTable;
  instance_event: InstanceEventTable;
  db_credential: DbCredentialTable;
  wal_segment: WalSegmentTable;
  base_backup: BaseBackupTable;
  restore_drill: RestoreDrillTable;
  restore_run: RestoreRunTable;
  backup_policy: BackupPolicyTable;
  alert: AlertTable;
  monitor: MonitorTable;
  monitor_status: MonitorStatusTable;
  state_interval: StateIntervalTable;
  check_result: CheckResultTable;
  check_minute: CheckMinuteTable;
  prober_heartbeat: ProberHeartbeatTable;
  maintenance_window: MaintenanceWindowTable;
  force_majeure: ForceMajeureTable;
  incident: IncidentTable;
  incident_update: IncidentUpdateTable;
  sla_month: SlaMonthTable;
  calendar_version: CalendarVersionTable;
  ticket: TicketTable;
  ticket_message: TicketMessageTable;
  ticket_clock_event: TicketClockEventTable;
  status_subscriber: StatusSubscriberTable;
  duty_assignment: DutyAssignmentTable;
  duty_absence: DutyAbsenceTable;
  duty_day: DutyDayTable;
  escalation_step: EscalationStepTable;
  escalation_record: EscalationRecordTable;
  ticket_attachment: TicketAttachmentTable;
  archive_lag_minute: ArchiveLagMinuteTable;
  sla_report: SlaReportTable;
  service_option: ServiceOptionTable;
  client_option: ClientOptionTable;
  standby: StandbyTable;
}
