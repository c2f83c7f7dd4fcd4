// The legend of a network drawing: what the colours of nodes (clusters) and links (signals) mean.
import type { Signals } from '../hooks/useSignals';
import { clusterColour, NO_CLUSTER, NO_SIGNAL } from './colours';
import type { ColourBy } from './Network';

/** Swatches for the clusters drawn and, coloured by signal, the signals of the links drawn. */
export function NetworkLegend(props: {
  clusters: readonly number[];
  /** Whether some accounts drawn are outside every cluster. */
  outside: boolean;
  signals: readonly string[];
  colourBy: ColourBy;
  /** The registry's colours and descriptions. */
  registry: Signals;
}) {
  return (
    <div className="legend" data-testid="legend">
      <p className="legend-title">Accounts (node size: membership score)</p>
      <ul>
        {props.clusters.map((c) => (
          <li key={c}>
            <span className="swatch" style={{ background: clusterColour(c) }} aria-hidden="true" />
            cluster #{c}
          </li>
        ))}
        {props.outside && (
          <li>
            <span className="swatch" style={{ background: NO_CLUSTER }} aria-hidden="true" />
            in no cluster
          </li>
        )}
      </ul>
      <p className="legend-title">
        Links{' '}
        {props.colourBy === 'signal'
          ? '(colour: strongest signal; width: strength)'
          : '(width: strength)'}
      </p>
      {props.colourBy === 'signal' ? (
        <ul>
          {props.signals.map((s) => (
            <li key={s} title={props.registry.description(s)}>
              <span
                className="line"
                style={{ background: props.registry.colour(s) }}
                aria-hidden="true"
              />
              {s}
            </li>
          ))}
        </ul>
      ) : (
        <ul>
          <li>
            <span className="line" style={{ background: NO_SIGNAL }} aria-hidden="true" />
            significant link (colour by signal to tell them apart)
          </li>
        </ul>
      )}
    </div>
  );
}
