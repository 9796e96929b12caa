/**
 * The lab contract in one module: the lab's files (which students write and which are provided),
 * every export of every file with its signature, the model and training configurations, and what
 * each probe of the submission host calls. Stencil and solution are checked against it (lab.test.ts);
 * they do not import it: a submission compiles on its own, with nothing of the grader beside it.
 */
export * from './files';
export * from './configs';
export * from './modules';
export * from './probeCalls';
