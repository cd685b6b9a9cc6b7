import type { ReactNode } from 'react';

interface DescriptionItemProps {
  term: string;
  children: ReactNode;
}

/** One term/definition pair of a <dl> (HTML allows wrapping each pair in a <div>). */
export function DescriptionItem({ term, children }: DescriptionItemProps) {
  return (
    <div className="description-item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
