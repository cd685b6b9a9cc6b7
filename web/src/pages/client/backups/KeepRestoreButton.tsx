import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { RestoreResponse, RestoreRun } from '../../../types';

/** Whether a restore still waits for a decision: done, with the data it replaced kept. */
export function canKeep(run: RestoreRun): boolean {
  return run.status === 'done' && run.previousDataDir !== null && run.previousRemovedAt === null;
}

interface KeepRestoreButtonProps {
  run: RestoreRun;
  restoresPath: string;
  onKept: (run: RestoreRun) => void;
  /** In a table row: a smaller button whose accessible name says which restore. */
  ariaLabel?: string;
  small?: boolean;
}

/** Confirms a restore: the data it replaced is removed now rather than at the end of its keeping time. */
export function KeepRestoreButton({ run, restoresPath, onKept, ariaLabel, small }: KeepRestoreButtonProps) {
  const [keeping, setKeeping] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function keep() {
    setKeeping(true);
    setError(undefined);
    try {
      const { restore } = await postJson<RestoreResponse>(
        `${restoresPath}/${encodeURIComponent(run.id)}/confirm`,
      );
      onKept(restore);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setKeeping(false);
  }

  return (
    <>
      <ConfirmAction
        label={keeping ? 'Keeping…' : 'Keep this restore'}
        ariaLabel={ariaLabel}
        question="Keep the restored data? The data it replaced is removed now and cannot be brought back."
        confirmLabel="Yes, keep it"
        danger
        small={small}
        disabled={keeping}
        onConfirm={() => void keep()}
      />
      <ErrorAlert error={error} />
    </>
  );
}
