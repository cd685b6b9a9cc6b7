import { describe, expect, it } from 'vitest';
import {
  DEPLOYMENT_MODELS,
  PARTIES,
  RESPONSIBILITY_MATRIX,
  matrixAsRows,
  type DeploymentModel,
  type Party,
} from './responsibility-matrix.js';

/** The rows of the agreement's diagram, in its order. */
const AGREEMENT_AREAS = [
  'Information and data',
  'Terminals (Mobile and Personal Computers)',
  'Accounts and identities',
  'Identity and directory infrastructure',
  'Applications',
  'Network control',
  'Operating system',
  'Physical hosts',
  'Physical network',
  'Physical data centre',
];

const PHYSICAL = ['Physical hosts', 'Physical network', 'Physical data centre'];
const { rows } = RESPONSIBILITY_MATRIX;
const partiesOf = (area: string, model: DeploymentModel): readonly Party[] =>
  rows.find((row) => row.area === area)?.responsibility[model].parties ?? [];

describe('the shared responsibility matrix', () => {
  it("has every area of the agreement's diagram, in its order, and nothing else", () => {
    expect(rows.map((row) => row.area)).toEqual(AGREEMENT_AREAS);
  });

  it('names at least one known party per row and model, each once, in the order of the parties', () => {
    for (const row of rows) {
      for (const model of DEPLOYMENT_MODELS) {
        const { parties } = row.responsibility[model];
        expect(parties.length, `${row.area} (${model})`).toBeGreaterThan(0);
        expect(new Set(parties).size, `${row.area} (${model})`).toBe(parties.length);
        const order = parties.map((party) => PARTIES.indexOf(party));
        expect(order.every((index) => index >= 0)).toBe(true);
        expect(order, `${row.area} (${model})`).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it('says who does what wherever a layer is shared', () => {
    for (const row of rows) {
      for (const model of DEPLOYMENT_MODELS) {
        const cell = row.responsibility[model];
        if (cell.parties.length > 1) expect(cell.detail, `${row.area} (${model})`).toBeTruthy();
      }
    }
  });

  it('gives the physical layers to the cloud provider alone when Oxygis hosts', () => {
    for (const area of PHYSICAL) expect(partiesOf(area, 'hosted')).toEqual(['cloud_provider']);
  });

  it('gives the physical layers, the operating system and the network to the customer alone when self-hosted', () => {
    for (const area of [...PHYSICAL, 'Operating system', 'Network control']) {
      expect(partiesOf(area, 'self_hosted')).toEqual(['customer']);
    }
  });

  it('leaves the cloud provider out of the self-hosted model', () => {
    for (const row of rows) expect(row.responsibility.self_hosted.parties).not.toContain('cloud_provider');
  });

  it("keeps the agreement's words: the customer shares data and accounts when Oxygis hosts, Oxygis the end points", () => {
    expect(partiesOf('Information and data', 'hosted')).toEqual(['oxygis', 'customer']);
    expect(partiesOf('Accounts and identities', 'hosted')).toEqual(['oxygis', 'customer']);
    expect(partiesOf('Network control', 'hosted')).toContain('oxygis');
  });

  it('has a text for every footnote mark it uses, and names itself a reading', () => {
    const marks = new Set(RESPONSIBILITY_MATRIX.footnotes.map((footnote) => footnote.mark));
    const used = [...rows.map((row) => row.mark), ...RESPONSIBILITY_MATRIX.models.map((m) => m.mark)];
    for (const mark of used) if (mark !== undefined) expect(marks).toContain(mark);
    expect(RESPONSIBILITY_MATRIX.reading).toMatch(/our reading of the agreement's diagram/i);
  });
});

describe('matrixAsRows', () => {
  it('lists the rows of one model in order, with the names of the parties', () => {
    const table = matrixAsRows('hosted');
    expect(table.map((row) => row.area)).toEqual(AGREEMENT_AREAS);
    expect(table.at(-1)).toEqual({
      area: 'Physical data centre',
      mark: null,
      note: null,
      parties: ['cloud_provider'],
      partyNames: ['Cloud provider'],
      shared: false,
      detail: null,
    });
  });

  it('marks shared rows and keeps their detail', () => {
    const accounts = matrixAsRows('hosted').find((row) => row.area === 'Accounts and identities');
    expect(accounts?.shared).toBe(true);
    expect(accounts?.partyNames).toEqual(['Oxygis', 'Customer']);
    expect(accounts?.detail).toMatch(/administrator accounts/);
    const os = matrixAsRows('self_hosted').find((row) => row.area === 'Operating system');
    expect(os).toMatchObject({ shared: false, partyNames: ['Customer'] });
  });

  it('does not let a caller change the matrix through the rows it returns', () => {
    const table = matrixAsRows('self_hosted');
    table[0]?.parties.push('cloud_provider');
    expect(partiesOf('Information and data', 'self_hosted')).toEqual(['oxygis', 'customer']);
  });
});
