import { useRouteParam } from '../../router';
import { IncidentDetails } from './IncidentDetails';

/** `/incidents/:id`: one incident. */
export function IncidentPage() {
  const id = useRouteParam('id') ?? '';
  return <IncidentDetails key={id} id={id} />;
}
