import { sourceTitle } from '../../src/core/source.js';
import { PLACE_NAMES, type PlaceState, type PlaceView } from '../state/places.js';

const STATE_TEXT: Readonly<Record<PlaceState, string>> = {
  idle: 'Not checked yet',
  waiting: 'Waiting',
  running: 'Checking…',
  pass: 'OK',
  warn: 'Warning',
  fail: 'Problem',
  unknown: 'Could not tell',
};

const STATE_MARK: Readonly<Record<PlaceState, string>> = {
  idle: '○',
  waiting: '○',
  running: '…',
  pass: '✓',
  warn: '!',
  fail: '✗',
  unknown: '?',
};

/**
 * The path from this computer to the VM, drawn as its places (the target's name and address first),
 * each lit with its state and a short reason.
 */
export function PathView({ places }: { readonly places: readonly PlaceView[] }) {
  return (
    <ol className="path" aria-label="The places between your computer and the VM">
      {places.map((place) => (
        <li
          key={place.source}
          className={`place place-${place.state}`}
          data-source={place.source}
          data-state={place.state}
          title={sourceTitle(place.source)}
        >
          <span className="place-mark" aria-hidden="true">
            {STATE_MARK[place.state]}
          </span>
          <span className="place-name">{PLACE_NAMES[place.source]}</span>
          <span className="place-state">{STATE_TEXT[place.state]}</span>
          <span className="place-note">{place.note}</span>
        </li>
      ))}
    </ol>
  );
}
