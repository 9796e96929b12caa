/** The variable in which a batch tells each grading process it starts its own PID (see orphanGuard.ts). */
export const PARENT_ENV = 'RNN_LAB_BATCH_PID';
