import pg from 'pg';

/** What a person needs to log in to a client's database (as the console shows it once). */
export interface DatabaseLogin {
  port: number;
  database: string;
  user: string;
  password: string;
}

/**
 * Connects as a client's application would: to the instance's port on loopback, over TLS that
 * verifies the server against the platform's CA (its certificate names `localhost`).
 */
export async function connectTo(login: DatabaseLogin, ca: string): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: login.port,
    database: login.database,
    user: login.user,
    password: login.password,
    ssl: { ca, servername: 'localhost' },
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** 'connected' when the login works (the connection is closed again), else why it did not. */
export async function loginOutcome(login: DatabaseLogin, ca: string): Promise<string> {
  try {
    const client = await connectTo(login, ca);
    await client.end();
    return 'connected';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Runs one statement on a fresh connection; 'ok', or the error's message. */
export async function statementOutcome(login: DatabaseLogin, ca: string, sql: string): Promise<string> {
  const client = await connectTo(login, ca);
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end();
  }
}
