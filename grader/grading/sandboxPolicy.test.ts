/** Hidden grading without a sandbox between the submission and the grader needs --isolation none. */
import type { IsolationReport } from '../results/types';
import { sandboxRefusal } from './sandboxPolicy';

const base: IsolationReport = {
  processBoundary: true,
  permissionModel: true,
  unprivilegedUser: false,
  noNetwork: false,
  heapLimitMb: 512,
  scrubbedEnv: true,
  notes: ["runs as the grader's user"],
};

describe('sandboxRefusal', () => {
  it("refuses hidden grading in a host that shares the grader's user, and says what to do", () => {
    expect(sandboxRefusal('grade', 'auto', { ...base, separatedFromGrader: false })).toMatch(/install bubblewrap .*--isolation none/);
    expect(sandboxRefusal('grade', 'permission', { ...base, separatedFromGrader: false })).toMatch(/runs as the grader's user/);
  });

  it('lets it run when the staff ask for no isolation, for public checks, and in a separated host', () => {
    expect(sandboxRefusal('grade', 'none', { ...base, separatedFromGrader: false })).toBeUndefined();
    expect(sandboxRefusal('check', 'auto', { ...base, separatedFromGrader: false })).toBeUndefined();
    expect(sandboxRefusal('grade', 'auto', { ...base, separatedFromGrader: true })).toBeUndefined();
  });

  it("lets the project's own fixtures (verify's default set) be graded in a host that shares the grader's user", () => {
    expect(sandboxRefusal('grade', 'auto', { ...base, separatedFromGrader: false }, true)).toBeUndefined();
    expect(sandboxRefusal('grade', 'auto', { ...base, separatedFromGrader: false }, false)).toMatch(/--isolation none/);
  });
});
