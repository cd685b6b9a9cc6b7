import { useMemo } from 'react';
import type { ApiError } from '../../api';
import type { SelectOption } from '../../components/SelectField';
import type { AccountsResponse } from '../../types';
import { useApi } from '../../useApi';

export interface ActiveStaff {
  /** The hosting team's active accounts, as options of a select (the value is the e-mail). */
  options: SelectOption[];
  error: ApiError | undefined;
}

/** Who can be put on duty or recorded absent: active staff accounts, by name. */
export function useActiveStaff(): ActiveStaff {
  const accounts = useApi<AccountsResponse>('/api/accounts');
  const list = accounts.data?.accounts;
  const options = useMemo(
    () =>
      (list ?? [])
        .filter((account) => account.kind === 'staff' && account.status === 'active')
        .map((account) => ({
          value: account.email,
          label:
            account.displayName === account.email
              ? account.email
              : `${account.displayName} (${account.email})`,
        }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [list],
  );
  return { options, error: accounts.error };
}
