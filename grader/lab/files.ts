/**
 * The lab's files: the modules students write and the helpers the lab provides. A submission is
 * these files (by name, in one folder); the host loads them by module name (`rnn` for rnn.ts).
 */

/** The modules students write, in the order the lab introduces them. */
export const STUDENT_MODULES = ['data', 'ngram', 'rnn', 'kerasRnn', 'loss', 'train', 'generate'] as const;

/** Provided helpers (not tasks): identical in the stencil and the solution; the grader supplies the stencil's copy when a submission lacks one. */
export const PROVIDED_MODULES = ['random', 'init'] as const;

export type StudentModule = (typeof STUDENT_MODULES)[number];
export type ProvidedModule = (typeof PROVIDED_MODULES)[number];
export type LabModuleName = StudentModule | ProvidedModule;

/** Every lab module: the students' first, then the provided ones. */
export const LAB_MODULES: readonly LabModuleName[] = [...STUDENT_MODULES, ...PROVIDED_MODULES];

/** The source file of a lab module: `rnn` -> `rnn.ts`. */
export type LabFileName<M extends LabModuleName = LabModuleName> = `${M}.ts`;

export function fileOf<M extends LabModuleName>(module: M): LabFileName<M> {
  return `${module}.ts`;
}

/** data.ts, ngram.ts, ...: the files students write. */
export const STUDENT_FILES: readonly LabFileName<StudentModule>[] = STUDENT_MODULES.map(fileOf);

/** random.ts and init.ts. */
export const PROVIDED_FILES: readonly LabFileName<ProvidedModule>[] = PROVIDED_MODULES.map(fileOf);

/** Every lab file, the students' first. */
export const LAB_FILES: readonly LabFileName[] = LAB_MODULES.map(fileOf);
