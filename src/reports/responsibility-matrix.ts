/*
 * The agreement's "shared responsibility" diagram as data: who answers for each layer, when Oxygis
 * hosts the platform (SaaS on a PaaS infrastructure) and when the client runs it on its own
 * infrastructure (self-hosting). The diagram's colours were lost from the agreement's text, so the
 * cells are our reading of it: the usual SaaS / PaaS / on-premises split, held to what the
 * agreement says in words (Oxygis answers for the end points, the data its applications need and
 * the accounts of its employees and of the clients' administrators; the client for keeping its
 * logins secret and for the rights it grants its users).
 */

export const PARTIES = ['cloud_provider', 'oxygis', 'customer'] as const;
export type Party = (typeof PARTIES)[number];

export const DEPLOYMENT_MODELS = ['hosted', 'self_hosted'] as const;
export type DeploymentModel = (typeof DEPLOYMENT_MODELS)[number];

export interface PartyInfo {
  id: Party;
  name: string;
  description: string;
}

export interface ModelInfo {
  id: DeploymentModel;
  name: string;
  /** The diagram's footnote mark on this column, if any. */
  mark?: string;
  description: string;
}

export interface Responsibility {
  /** Who answers for the layer, in the order of PARTIES; more than one means shared. */
  parties: readonly Party[];
  /** Who does what; always given when the layer is shared. */
  detail?: string;
}

export interface MatrixRow {
  /** The layer, as the agreement words it. */
  area: string;
  /** The diagram's footnote mark on this row, if any. */
  mark?: string;
  note?: string;
  responsibility: Readonly<Record<DeploymentModel, Responsibility>>;
}

export interface Footnote {
  mark: string;
  text: string;
}

export interface ResponsibilityMatrix {
  title: string;
  /** Where the cells come from: our reading, not the agreement's own colours. */
  reading: string;
  parties: readonly PartyInfo[];
  models: readonly ModelInfo[];
  rows: readonly MatrixRow[];
  footnotes: readonly Footnote[];
}

const OWN_OR_OXYGIS = "Split between the Customer's own and Oxygis's own (see *).";
const cloud = (): Responsibility => ({ parties: ['cloud_provider'] });
const customer = (detail?: string): Responsibility =>
  detail === undefined ? { parties: ['customer'] } : { parties: ['customer'], detail };

export const RESPONSIBILITY_MATRIX: ResponsibilityMatrix = {
  title: 'Shared responsibility',
  reading:
    "Our reading of the agreement's diagram: its colours were lost from the text, so each cell follows the " +
    'usual split for software as a service on a managed (PaaS) infrastructure, and for software the ' +
    'customer runs itself, held to what the agreement says in words.',
  parties: [
    {
      id: 'cloud_provider',
      name: 'Cloud provider',
      description: 'Microsoft Azure in the agreement: the managed infrastructure Oxygis Cloud runs on',
    },
    { id: 'oxygis', name: 'Oxygis', description: 'the host: it develops the platform and, hosted, runs it' },
    { id: 'customer', name: 'Customer', description: 'the client and its users' },
  ],
  models: [
    {
      id: 'hosted',
      name: 'Oxygis Cloud infrastructure – SaaS hosted on a PaaS infrastructure',
      description: "Oxygis runs the platform for the client on the cloud provider's managed services.",
    },
    {
      id: 'self_hosted',
      name: "Self-hosting: customer's infrastructure",
      mark: '**',
      description:
        "The client runs the platform on its own machines; a cloud it rents for them is the client's own contract.",
    },
  ],
  rows: [
    {
      area: 'Information and data',
      note: OWN_OR_OXYGIS,
      responsibility: {
        hosted: {
          parties: ['oxygis', 'customer'],
          detail:
            'The Customer: the veracity and quality of the data it enters. Oxygis: the data its applications need to run.',
        },
        self_hosted: {
          parties: ['oxygis', 'customer'],
          detail:
            'The Customer: all data on its infrastructure, including the backups and where they are kept. ' +
            'Oxygis: the data it ships inside its applications.',
        },
      },
    },
    {
      area: 'Terminals (Mobile and Personal Computers)',
      mark: '*',
      note: OWN_OR_OXYGIS,
      responsibility: {
        hosted: {
          parties: ['oxygis', 'customer'],
          detail: "The Customer: its users' computers and phones. Oxygis: its employees' ones.",
        },
        self_hosted: {
          parties: ['oxygis', 'customer'],
          detail:
            "The Customer: its users' and operators' computers and phones. Oxygis: its employees' ones, " +
            "when they work on the Customer's platform.",
        },
      },
    },
    {
      area: 'Accounts and identities',
      note: OWN_OR_OXYGIS,
      responsibility: {
        hosted: {
          parties: ['oxygis', 'customer'],
          detail:
            "Oxygis: access and accounts of its employees and the Customer's administrator accounts. " +
            'The Customer: keeping its logins and passwords secret, and the rights it grants its users.',
        },
        self_hosted: customer(
          'The Customer creates the first operator account and manages every account, including any it gives Oxygis.',
        ),
      },
    },
    {
      area: 'Identity and directory infrastructure',
      responsibility: {
        hosted: {
          parties: ['cloud_provider', 'oxygis'],
          detail:
            "Oxygis: the platform's identity system (password hashes, sessions, second factor). " +
            'The cloud provider: the identity services of the managed infrastructure.',
        },
        self_hosted: customer(),
      },
    },
    {
      area: 'Applications',
      responsibility: {
        hosted: {
          parties: ['cloud_provider', 'oxygis'],
          detail:
            'Oxygis: its applications, their end points, deployment and updates. ' +
            'The cloud provider: the managed services they run on.',
        },
        self_hosted: {
          parties: ['oxygis', 'customer'],
          detail:
            'Oxygis: the software it publishes. The Customer: installing, configuring, running and upgrading it, ' +
            'and its end points.',
        },
      },
    },
    {
      area: 'Network control',
      responsibility: {
        hosted: {
          parties: ['cloud_provider', 'oxygis'],
          detail:
            'Oxygis: the end points and the network rules of its services. ' +
            'The cloud provider: the network controls of the managed services.',
        },
        self_hosted: customer(),
      },
    },
    { area: 'Operating system', responsibility: { hosted: cloud(), self_hosted: customer() } },
    { area: 'Physical hosts', responsibility: { hosted: cloud(), self_hosted: customer() } },
    { area: 'Physical network', responsibility: { hosted: cloud(), self_hosted: customer() } },
    { area: 'Physical data centre', responsibility: { hosted: cloud(), self_hosted: customer() } },
  ],
  footnotes: [
    {
      mark: '*',
      text:
        'A distinction is made here between information, data, terminals and accounts/identities belonging to ' +
        'the Client or to Oxygis. The Client remains responsible for the veracity and quality of the ' +
        'information and data it encodes in Oxygis; Oxygis for the information and data it integrates into ' +
        'its applications.',
    },
    { mark: '**', text: 'Applicable only if the Client decides to use Oxygis on its own infrastructure.' },
  ],
};

/** One line of a model's table: the layer and who answers for it, names spelled out. */
export interface MatrixTableRow {
  area: string;
  mark: string | null;
  note: string | null;
  parties: Party[];
  partyNames: string[];
  shared: boolean;
  detail: string | null;
}

/** The matrix seen from one deployment model, row by row in the agreement's order. */
export function matrixAsRows(
  model: DeploymentModel,
  matrix: ResponsibilityMatrix = RESPONSIBILITY_MATRIX,
): MatrixTableRow[] {
  const nameOf = new Map(matrix.parties.map((party) => [party.id, party.name]));
  return matrix.rows.map((row) => {
    const cell = row.responsibility[model];
    return {
      area: row.area,
      mark: row.mark ?? null,
      note: row.note ?? null,
      parties: [...cell.parties],
      partyNames: cell.parties.map((party) => nameOf.get(party) ?? party),
      shared: cell.parties.length > 1,
      detail: cell.detail ?? null,
    };
  });
}
