import { handoutLockfile, reachable, type Lockfile } from './lockfile';

/** A project: a depends on b (nested copy under a) and c; c has an optional d for another platform; dev and optional roots. */
function project(): Lockfile {
  return {
    name: 'rnn-lab',
    version: '0.1.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'rnn-lab',
        version: '0.1.0',
        dependencies: { a: '1.0.0' },
        devDependencies: { tool: '1.0.0' },
        optionalDependencies: { native: '1.0.0' },
      },
      'node_modules/a': { version: '1.0.0', integrity: 'sha512-a', dependencies: { b: '^2', c: '^1' } },
      'node_modules/a/node_modules/b': { version: '2.0.0', integrity: 'sha512-b2' },
      'node_modules/b': { version: '1.0.0', integrity: 'sha512-b1', dev: true },
      'node_modules/c': { version: '1.0.0', integrity: 'sha512-c', optionalDependencies: { fsevents: '^2', missing: '^1' } },
      'node_modules/fsevents': { version: '2.0.0', integrity: 'sha512-f', optional: true, os: ['darwin'] },
      'node_modules/tool': { version: '1.0.0', integrity: 'sha512-t', dev: true, dependencies: { b: '^1' } },
      'node_modules/native': { version: '1.0.0', integrity: 'sha512-n', optional: true },
    },
  };
}

describe('the handout lockfile', () => {
  it('reaches what the dependencies need, nested copies included, and nothing of the dev or optional roots', () => {
    expect([...reachable(project(), ['a'])].sort()).toEqual([
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/c',
      'node_modules/fsevents',
    ]);
  });

  it('fails loudly when a needed package is not in the lockfile', () => {
    const p = project();
    delete p.packages['node_modules/c'];
    expect(() => reachable(p, ['a'])).toThrow('has no c (needed from node_modules/a)');
  });

  it('lists the handout, the grader tarball and those packages, keeping optional marks and dropping dev ones', () => {
    const lock = handoutLockfile(project(), {
      name: 'h',
      version: '1.0.0',
      dependencies: { 'rnn-lab': 'file:vendor/x.tgz' },
      devDependencies: {},
      engines: { node: '>=20' },
      grader: {
        name: 'rnn-lab',
        version: '0.1.0',
        license: 'MIT',
        dependencies: { a: '1.0.0' },
        bin: { 'rnn-lab': 'bin/rnn-lab.js' },
        engines: { node: '>=20' },
        tarball: 'vendor/x.tgz',
        integrity: 'sha512-x',
      },
    });
    expect(Object.keys(lock.packages)).toEqual([
      '',
      'node_modules/rnn-lab',
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/c',
      'node_modules/fsevents',
    ]);
    expect(lock.packages['node_modules/rnn-lab']).toMatchObject({
      resolved: 'file:vendor/x.tgz',
      integrity: 'sha512-x',
      dependencies: { a: '1.0.0' },
    });
    expect(lock.packages['node_modules/fsevents']).toMatchObject({ optional: true, os: ['darwin'] });
    expect(lock.packages['node_modules/a']).toEqual({ version: '1.0.0', integrity: 'sha512-a', dependencies: { b: '^2', c: '^1' } });
  });
});
