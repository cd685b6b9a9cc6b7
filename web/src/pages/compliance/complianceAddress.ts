/** The Response targets page keeps its month and client in the address, to reload and share it. */

export function complianceAddress(month: string, client: string | null): string {
  const query = new URLSearchParams({ month });
  if (client !== null && client !== '') query.set('client', client);
  return `/helpdesk/compliance?${query.toString()}`;
}

/** The API call for the same month and client. */
export function complianceApiPath(month: string, client: string | null): string {
  const query = new URLSearchParams({ month });
  if (client !== null && client !== '') query.set('client', client);
  return `/api/helpdesk/compliance?${query.toString()}`;
}
