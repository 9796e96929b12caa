/**
 * A count of the tensor buffers the backend holds, kept where the submission cannot rewrite it.
 * Installed by the host before any submission code loads: the backend's data storage gets
 * `set`/`delete` wrappers that cannot be replaced (non-writable, non-configurable), the storage
 * itself cannot be swapped on the backend, and the count lives in this closure, fed only by
 * built-ins captured at install time. Patching tf.memory(), tf.engine().memory or
 * engine.state.numTensors changes nothing here; freeing a buffer is the only way to lower the
 * count, and that is what the leak test asks for. A submission that moves work to another backend
 * is reported, not counted.
 */
import * as tf from '@tensorflow/tfjs';

export interface TensorCensus {
  /** Buffers the backend holds now, or why the count cannot be trusted. */
  read(): { buffers: number } | { tampered: string };
}

const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const weakHas = WeakSet.prototype.has;
const weakAdd = WeakSet.prototype.add;
const weakDelete = WeakSet.prototype.delete;

/** Hooks the current backend's data storage; call once, before the submission is loaded. */
export function installTensorCensus(): TensorCensus {
  const engine = tf.engine();
  const backend = engine.backend;
  const field = Object.keys(backend).find((key) => (backend as unknown as Record<string, unknown>)[key] instanceof tf.DataStorage);
  if (field === undefined) return { read: () => ({ tampered: 'the backend keeps no data storage the host can count' }) };
  const storage = (backend as unknown as Record<string, tf.DataStorage<unknown>>)[field];
  const originalSet = storage.set;
  const originalDelete = storage.delete;
  const live = new WeakSet<object>();
  let buffers = 0;
  const set = function (this: unknown, dataId: object, value: unknown) {
    if (!apply(weakHas, live, [dataId])) {
      apply(weakAdd, live, [dataId]);
      buffers++;
    }
    return apply(originalSet, this, [dataId, value]);
  };
  const remove = function (this: unknown, dataId: object) {
    if (apply(weakDelete, live, [dataId])) buffers--;
    return apply(originalDelete, this, [dataId]);
  };
  defineProperty(storage, 'set', { value: set, writable: false, configurable: false, enumerable: false });
  defineProperty(storage, 'delete', { value: remove, writable: false, configurable: false, enumerable: false });
  defineProperty(backend, field, { value: storage, writable: false, configurable: false, enumerable: true });
  // Writable (tfjs assigns it), but no longer replaceable by an accessor that could lie; nor can an
  // own `backend` getter on the engine send the kernels elsewhere.
  const backendGetter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(engine), 'backend')?.get;
  if (backendGetter)
    defineProperty(engine, 'backend', {
      get: function (this: unknown) {
        return apply(backendGetter, this, []);
      },
      configurable: false,
      enumerable: false,
    });
  defineProperty(engine, 'backendInstance', {
    value: (engine as unknown as { backendInstance: unknown }).backendInstance,
    writable: true,
    configurable: false,
    enumerable: true,
  });
  return {
    read: () =>
      (engine as unknown as { backendInstance: unknown }).backendInstance === backend
        ? { buffers }
        : { tampered: 'the training code switched TensorFlow.js to another backend' },
  };
}
