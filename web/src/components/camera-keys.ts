// The keys that move a network drawing's camera: + and − zoom, the arrow keys pan, 0 resets.
import type { Camera } from 'sigma';

/** How long a keyed zoom or reset animates, in milliseconds. */
const ZOOM_MS = 150;

/**
 * What `key` does to `camera`, as a function to call; null for a key that does nothing. An arrow
 * pans a tenth of the view (at the camera's zoom when the key is pressed).
 */
export function cameraMove(camera: Camera, key: string): (() => void) | null {
  const step = 0.1 * camera.ratio;
  const s = camera.getState();
  const moves: Record<string, () => void> = {
    '+': () => void camera.animatedZoom({ duration: ZOOM_MS }),
    '=': () => void camera.animatedZoom({ duration: ZOOM_MS }),
    '-': () => void camera.animatedUnzoom({ duration: ZOOM_MS }),
    '0': () => void camera.animatedReset({ duration: ZOOM_MS }),
    ArrowLeft: () => camera.setState({ ...s, x: s.x - step }),
    ArrowRight: () => camera.setState({ ...s, x: s.x + step }),
    ArrowUp: () => camera.setState({ ...s, y: s.y + step }),
    ArrowDown: () => camera.setState({ ...s, y: s.y - step }),
  };
  return Object.hasOwn(moves, key) ? (moves[key] as () => void) : null;
}
