/**
 * The calibration init schemes import `./random` as the lab's init.ts does; staged into a lab they
 * get the lab's own random.ts, and here (for the type checker) the reference's.
 */
export * from '../../../solution/src/random';
