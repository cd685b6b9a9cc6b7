import { useId } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../useApi';
import { AttachmentsTable } from './AttachmentsTable';
import type { AttachmentsResponse } from './types';
import { UploadAttachmentForm } from './UploadAttachmentForm';

/** The files of a ticket, and adding one. */
export function AttachmentsSection({ number }: { number: number }) {
  const headingId = useId();
  const attachmentsPath = `/api/tickets/${number}/attachments`;
  const attachments = useApi<AttachmentsResponse>(attachmentsPath);
  const list = attachments.data?.attachments;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Attachments</h2>
      <ErrorAlert error={attachments.error} />
      {list === undefined && attachments.loading && <p role="status">Loading the attachments…</p>}
      {list?.length === 0 && <p>No file attached.</p>}
      {list !== undefined && list.length > 0 && (
        <AttachmentsTable attachments={list} attachmentsPath={attachmentsPath} />
      )}
      <UploadAttachmentForm attachmentsPath={attachmentsPath} onUploaded={attachments.reload} />
    </section>
  );
}
