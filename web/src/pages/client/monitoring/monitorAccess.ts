import { isOperator } from '../../../access';
import type { AccountKind } from '../../../types';

interface Who {
  kind: AccountKind;
  roles: readonly string[];
}

/** Add and remove the endpoints of a client's application: operators and its administrators. */
export const canManageMonitors = (who: Who): boolean => isOperator(who) || who.kind === 'client_admin';
