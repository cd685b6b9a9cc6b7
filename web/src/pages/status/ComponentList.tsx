import type { StatusComponent } from './types';
import { UptimeBars } from './UptimeBars';
import { percentUp, periodUptime, STATE_WORDS, stateTone } from './words';

function ComponentItem({ component }: { component: StatusComponent }) {
  const average = periodUptime(component.days);
  const headingId = `component-${component.id}`;
  return (
    <li className="status-component" aria-labelledby={headingId}>
      <div className="status-component-header">
        <div>
          <h3 id={headingId}>{component.name}</h3>
          <p className="muted">{component.description}</p>
        </div>
        <span className={`badge ${stateTone(component.state)}`}>{STATE_WORDS[component.state]}</span>
      </div>
      <UptimeBars name={component.name} days={component.days} />
      <p className="uptime-legend muted">
        <span>{component.days.length} days ago</span>
        <span>
          {average === null ? 'No data yet' : `${percentUp(average)} up on average over the days with data`}
        </span>
        <span>Today</span>
      </p>
    </li>
  );
}

export function ComponentList({ components }: { components: readonly StatusComponent[] }) {
  return (
    <ul className="status-components">
      {components.map((component) => (
        <ComponentItem key={component.id} component={component} />
      ))}
    </ul>
  );
}
