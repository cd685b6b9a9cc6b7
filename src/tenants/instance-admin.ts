import pg from 'pg';
import { ADMIN_ROLE, CLIENTS_GROUP, TEMPLATE_DATABASE, TEMPLATE_OWNER } from './template.js';

export interface AdminConnection {
  port: number;
  password: string;
  database: string;
  ca: string;
}

/** A superuser session on an instance, over TLS on loopback, verified against the platform CA. */
export async function withAdmin<T>(
  connection: AdminConnection,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: connection.port,
    user: ADMIN_ROLE,
    password: connection.password,
    database: connection.database,
    ssl: { ca: connection.ca, servername: 'localhost' },
    connectionTimeoutMillis: 10_000,
  });
  // A server that goes away mid-session rejects the running query; without a listener the
  // client's 'error' event would also bring the whole platform down.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const literal = (client: pg.Client, value: string) => client.escapeLiteral(value);
const ident = (client: pg.Client, value: string) => client.escapeIdentifier(value);

/**
 * Makes a fresh copy of the template this client's own: a new superuser secret, the owner role
 * and the database renamed to the client's names, with a new owner password.
 */
export async function personalise(
  connection: AdminConnection,
  names: { dbName: string; ownerRole: string },
  secrets: { adminPassword: string; ownerPassword: string },
): Promise<void> {
  await withAdmin({ ...connection, database: 'template1' }, async (client) => {
    await client.query(`alter role ${ADMIN_ROLE} password ${literal(client, secrets.adminPassword)}`);
    await client.query(`alter role ${TEMPLATE_OWNER} rename to ${ident(client, names.ownerRole)}`);
    await client.query(
      `alter role ${ident(client, names.ownerRole)} password ${literal(client, secrets.ownerPassword)}`,
    );
    await client.query(`alter database ${TEMPLATE_DATABASE} rename to ${ident(client, names.dbName)}`);
  });
}

export async function setRolePassword(
  connection: AdminConnection,
  role: string,
  password: string,
): Promise<void> {
  await withAdmin(connection, async (client) => {
    await client.query(`alter role ${ident(client, role)} password ${literal(client, password)}`);
  });
}

/** A personal login role: read_only reads all data, read_write also writes it; never DDL. */
export async function createPersonalRole(
  connection: AdminConnection,
  role: string,
  password: string,
  mode: 'read_only' | 'read_write',
): Promise<void> {
  const grants = mode === 'read_only' ? 'pg_read_all_data' : 'pg_read_all_data, pg_write_all_data';
  await withAdmin(connection, async (client) => {
    await client.query(
      `create role ${ident(client, role)} login password ${literal(client, password)} in role ${CLIENTS_GROUP}, ${grants}`,
    );
  });
}

/** Drops a personal role after ending its sessions; what it owned goes to the client's owner. */
export async function dropPersonalRole(
  connection: AdminConnection,
  role: string,
  ownerRole: string,
): Promise<void> {
  await withAdmin(connection, async (client) => {
    await client.query(`alter role ${ident(client, role)} nologin`);
    await client.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [role]);
    await client.query(`reassign owned by ${ident(client, role)} to ${ident(client, ownerRole)}`);
    await client.query(`drop owned by ${ident(client, role)}`);
    await client.query(`drop role ${ident(client, role)}`);
  });
}
