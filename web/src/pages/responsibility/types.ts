/** What `GET /api/responsibility-matrix` answers (src/reports/responsibility.routes.ts). */
export type Party = 'cloud_provider' | 'oxygis' | 'customer';
export type DeploymentModel = 'hosted' | 'self_hosted';

export interface PartyInfo {
  id: Party;
  name: string;
  description: string;
}

export interface ModelInfo {
  id: DeploymentModel;
  name: string;
  mark?: string;
  description: string;
}

export interface Footnote {
  mark: string;
  text: string;
}

/** One layer as seen from one deployment model. */
export interface MatrixTableRow {
  area: string;
  mark: string | null;
  note: string | null;
  parties: Party[];
  partyNames: string[];
  shared: boolean;
  detail: string | null;
}

export interface ResponsibilityMatrixResponse {
  title: string;
  reading: string;
  parties: PartyInfo[];
  models: ModelInfo[];
  footnotes: Footnote[];
  tables: Record<DeploymentModel, MatrixTableRow[]>;
}
