// cameraMove: the keys that move a network drawing's camera, on sigma's own Camera.
import type { Camera } from 'sigma';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { cameraMove } from './camera-keys';

let CameraClass: typeof Camera;

beforeAll(async () => {
  // sigma reads WebGL constants when it loads; the camera itself needs no WebGL.
  vi.stubGlobal('WebGLRenderingContext', class {});
  vi.stubGlobal('WebGL2RenderingContext', class {});
  CameraClass = (await import('sigma')).Camera;
});

describe('cameraMove(camera, key)', () => {
  it('pans a tenth of the view per arrow, in the direction of the arrow', () => {
    const camera = new CameraClass();
    const start = camera.getState();
    const press = (key: string) => (cameraMove(camera, key) as () => void)();
    press('ArrowRight');
    expect(camera.getState()).toMatchObject({ x: start.x + 0.1, y: start.y });
    press('ArrowUp');
    press('ArrowUp');
    expect(camera.getState().y).toBeCloseTo(start.y + 0.2);
    press('ArrowLeft');
    press('ArrowDown');
    press('ArrowDown');
    expect(camera.getState().x).toBeCloseTo(start.x);
    expect(camera.getState().y).toBeCloseTo(start.y);
  });

  it('pans by less when zoomed in (the step is a tenth of the view at the current zoom)', () => {
    const camera = new CameraClass();
    camera.setState({ ratio: 0.5 });
    const x = camera.getState().x;
    (cameraMove(camera, 'ArrowLeft') as () => void)();
    expect(camera.getState().x).toBeCloseTo(x - 0.05);
  });

  it('zooms with + = and −, resets with 0, and does nothing for other keys', () => {
    const camera = new CameraClass();
    for (const key of ['+', '=', '-', '0']) expect(cameraMove(camera, key)).toBeTypeOf('function');
    for (const key of ['a', 'Enter', ' ', 'toString', 'constructor'])
      expect(cameraMove(camera, key)).toBeNull();
    expect(camera.getState()).toEqual(new CameraClass().getState());
  });
});
