/**
 * The adversarial harness (issue 10): every fixture of the adversarial set is graded with the real
 * command line, as root and as an unprivileged user it creates, on each isolation layer asked
 * for, and must: finish, write results.json, earn exactly its honest parts (the per-test outcomes
 * of its fixture.json), say in plain words what was blocked, change nothing in the project or the
 * output folder but the grader's own reports, leave no process running and reach no loopback port.
 *
 * RNN_LAB_ADVERSARIAL_ISOLATION  comma-separated --isolation values (default: the grader's choice)
 * RNN_LAB_ADVERSARIAL_USERS      comma-separated: self (the harness's user), unprivileged
 *                                (default: both as root, else self)
 * RNN_LAB_ADVERSARIAL_ONLY       comma-separated fixture names (default: the whole set)
 * RNN_LAB_ADVERSARIAL_CONFIG     an assignment config to grade with (default: the project's), e.g.
 *                                one with longer time limits on a loaded machine
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFixtures } from './fixtureSubmission';
import { projectRoot } from '../projectRoot';
import { ensureCorpus } from '../corpus';
import { gradeHostile } from '../testing/adversary/gradeHostile';
import { judgeRefusal, judgeRun } from '../testing/adversary/judgeRun';
import { openAncestors, selfUser, unprivilegedUser, type GradingUser } from '../testing/adversary/gradingUser';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isRoot = process.getuid?.() === 0;
const isolations: (string | undefined)[] =
  list(process.env.RNN_LAB_ADVERSARIAL_ISOLATION).length > 0 ? list(process.env.RNN_LAB_ADVERSARIAL_ISOLATION) : [undefined];
const userKinds =
  list(process.env.RNN_LAB_ADVERSARIAL_USERS).length > 0
    ? list(process.env.RNN_LAB_ADVERSARIAL_USERS)
    : isRoot
      ? ['self', 'unprivileged']
      : ['self'];
const only = list(process.env.RNN_LAB_ADVERSARIAL_ONLY);
const fixtures = listFixtures(undefined, 'adversarial').filter((f) => only.length === 0 || only.includes(f.name));
/** A grading of the solution takes ~35 s here; a hang in generate costs its time limit on top. */
const GRADE_TIMEOUT_MS = 40 * 60_000;

describe('adversarial fixtures', () => {
  let work: string;
  let restoreModes: () => void = () => undefined;
  const users = new Map<string, GradingUser>();

  beforeAll(async () => {
    // Built here, as the harness's own user: an unprivileged grading may read the corpus but not write it.
    await ensureCorpus();
    if (userKinds.includes('unprivileged') && !isRoot)
      throw new Error('grading as an unprivileged user needs the harness to run as root (it creates the user)');
    for (const kind of userKinds) users.set(kind, kind === 'unprivileged' ? unprivilegedUser() : selfUser());
    if (users.has('unprivileged')) restoreModes = openAncestors(projectRoot());
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-adversarial-'));
    fs.chmodSync(work, 0o755);
  });
  afterAll(() => {
    restoreModes();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('has fixtures to grade', () => {
    expect(fixtures.length).toBeGreaterThan(only.length > 0 ? only.length - 1 : 20);
  });

  const cases = userKinds.flatMap((kind) => isolations.flatMap((isolation) => fixtures.map((fixture) => ({ kind, isolation, fixture }))));
  it.each(cases.map((c) => [`${c.fixture.name} as ${c.kind}, isolation ${c.isolation ?? 'chosen by the grader'}`, c] as const))(
    '%s',
    async (_name, { kind, isolation, fixture }) => {
      const runDir = fs.mkdtempSync(path.join(work, `${fixture.name}-`));
      fs.chmodSync(runDir, 0o755);
      // Without bubblewrap an ordinary user's host could signal the grader, so hidden grading must refuse.
      const user = users.get(kind)!;
      const refused = isolation === 'permission' && (user.uid ?? process.getuid?.()) !== 0;
      const run = await gradeHostile({
        fixture,
        user,
        isolation,
        config: process.env.RNN_LAB_ADVERSARIAL_CONFIG,
        work: runDir,
        timeoutMs: GRADE_TIMEOUT_MS,
      });
      const problems = refused ? judgeRefusal(run) : judgeRun(fixture, run);
      const score = run.results
        ? `${run.results.score}/${run.results.tests.reduce((s, t) => s + (t.max_score ?? 0), 0)}`
        : 'no results.json';
      console.log(
        `${problems.length === 0 ? (refused ? 'refused' : 'held') : 'BROKEN'}  ${fixture.name} as ${kind}, isolation ${isolation ?? 'auto'}: ${score} in ${run.seconds.toFixed(0)} s${problems.map((p) => `\n    ${p}`).join('')}`,
      );
      expect({
        fixture: fixture.name,
        attack: fixture.spec.attack?.what,
        problems,
        grader: problems.length ? run.stdout.slice(-1500) : '',
      }).toEqual({ fixture: fixture.name, attack: fixture.spec.attack?.what, problems: [], grader: '' });
    },
  );
});
