/** GET /api/clients/:key/standby */
export interface StandbyResponse {
  client: string;
  primaryZone: string | null;
  standby: Standby | null;
}

export interface Standby {
  zone: string;
  status: 'creating' | 'running' | 'promoting' | 'failed';
  state: 'streaming' | 'catching_up' | 'down' | null;
  port: number | null;
  lagBytes: number | null;
  lagSeconds: number | null;
  replayedAt: string | null;
  checkedAt: string | null;
  streamingSince: string | null;
  baseBackupId: string | null;
  error: string | null;
  createdAt: string;
}
