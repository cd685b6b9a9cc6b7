import { DateTime } from '../../components/DateTime';
import { formatFileSize } from './attachmentWords';
import type { Attachment } from './types';

interface AttachmentsTableProps {
  attachments: readonly Attachment[];
  /** `/api/tickets/:key/attachments`: each file downloads from there, by its id. */
  attachmentsPath: string;
}

/** A ticket's files; each name downloads the file. */
export function AttachmentsTable({ attachments, attachmentsPath }: AttachmentsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Attachments</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">Added by</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {attachments.map((attachment) => (
            <tr key={attachment.id}>
              <th scope="row" className="cell-wrap">
                {/* A real download (not a page of the console): an ordinary link. */}
                <a
                  href={`${attachmentsPath}/${encodeURIComponent(attachment.id)}`}
                  download={attachment.filename}
                >
                  {attachment.filename}
                </a>
              </th>
              <td>{formatFileSize(attachment.size)}</td>
              <td>{attachment.uploadedBy}</td>
              <td>
                <DateTime iso={attachment.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
