/**
 * The handout's README, in the lecture's order (the order of the config's questions): per question
 * the files and TODO tasks, its points, and the public checks by name; then the commands. Built
 * from the full config (points) and the stencil (tasks); it names no hidden test. Pure.
 */
import type { AssignmentConfig } from '../config/assignmentConfig';
import { formatPoints } from '../reporters/shared/format';
import { isPublicTest } from './publicParts';
import { CHECK_OUT } from './handoutFiles';

/** The stencil files each question of the lab is about. */
export const QUESTION_FILES: Record<string, readonly string[]> = {
  data: ['data.ts'],
  ngram: ['ngram.ts'],
  rnn: ['rnn.ts'],
  keras: ['kerasRnn.ts'],
  loss: ['loss.ts'],
  training: ['train.ts', 'generate.ts'],
};

export interface Todo {
  task: string;
  hint: string;
}

/** The `TODO(task): hint` messages of a stencil file, in file order. */
export function stencilTodos(source: string): Todo[] {
  return [...source.matchAll(/TODO\(([^)]+)\):\s*([^'"`\n]*)/g)].map((m) => ({ task: m[1], hint: m[2].trim() }));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Markdown would take `<unk>` for an HTML tag: show such tokens as code. */
function tokens(s: string): string {
  return s.replace(/<(\w+)>/g, '`<$1>`');
}

export function handoutReadme(config: AssignmentConfig, stencil: Record<string, string>, failUnder: number): string {
  const total = sum(config.questions.flatMap((q) => q.tests.map((t) => t.points)));
  const lines: string[] = [
    `# ${config.name}`,
    '',
    'You implement feed-forward N-gram language models and a recurrent network in TypeScript on',
    'TensorFlow.js, in the files of `src/`: every `TODO(task)` in them is yours. The public tests in',
    '`test/` and the public checks below show how far you are before you submit; the hidden tests',
    `grade the rest after you submit. ${formatPoints(total)} points in all.`,
    '',
    '## Getting started',
    '',
    'Node.js 20, 22 or 24. Everything runs on the embedded WebAssembly backend of TensorFlow.js, as',
    'grading does: nothing native to install, no GPU needed.',
    '',
    '```sh',
    'npm ci              # installs TensorFlow.js, Jest, TypeScript and the grader (from vendor/)',
    'npm test            # the public tests in test/ against your src/',
    'npm run check       # the public checks, through the same pipeline as grading',
    'npm run typecheck   # strict TypeScript, as the grader compiles your files',
    '```',
    '',
    'On the untouched stencil every public test fails with the `TODO(task)` it reached, and `npm run',
    'check` prints `0/N public checks passed`: that is where you start.',
    '',
    "## The tasks, in the lecture's order",
  ];
  config.questions.forEach((q, qi) => {
    const points = sum(q.tests.map((t) => t.points));
    const pub = q.tests.filter(isPublicTest);
    const pubPoints = sum(pub.map((t) => t.points));
    lines.push('', `### ${qi + 1}. ${q.title} (${formatPoints(points)} points)`, '');
    for (const file of QUESTION_FILES[q.id] ?? []) {
      const todos = stencilTodos(stencil[file] ?? '');
      lines.push(`\`src/${file}\`${todos.length > 0 ? ':' : ''}`, '');
      for (const t of todos) lines.push(`- \`${t.task}\`: ${tokens(t.hint)}`);
      lines.push('');
    }
    if (pub.length > 0) {
      const share =
        pubPoints === points
          ? `all ${formatPoints(points)} points`
          : `${formatPoints(pubPoints)} of the ${formatPoints(points)} points; hidden tests grade the rest`;
      lines.push(`Public checks (${share}):`, '');
      for (const t of pub) lines.push(`- ${tokens(t.name)} (${formatPoints(t.points)} ${t.points === 1 ? 'point' : 'points'})`);
    } else {
      lines.push(`No public check: the ${formatPoints(points)} points are hidden tests.`);
    }
  });
  lines.push(
    '',
    '## The commands',
    '',
    '- `npm test` runs the public tests (Jest, `test/*.test.ts`) against your `src/`. They are unit',
    '  tests you can read and run one by one (`npx jest test/rnn.test.ts`).',
    '- `npm run check` stages your `src/` as the grader does, compiles it file by file, runs it in',
    "  the grader's submission host and runs the public checks of the grading suites against it. It",
    '  prints a summary (a "fix this first" list at the top: the first check of each question that',
    `  does not pass yet) and writes \`${CHECK_OUT}/report.html\` (open it in a browser),`,
    `  \`${CHECK_OUT}/report.md\` and \`${CHECK_OUT}/results.json\`. A check whose TODO you have not`,
    '  started reads "not started", with the task\'s hint.',
    '- The training preview trains your RNN for a short budget and shows its loss curve and an',
    '  indicative held-out perplexity. It is worth no points and is not the graded bar: the graded',
    '  training tests train longer, after you submit.',
    `- \`npm run check -- --fail-under ${formatPoints(failUnder)}\` exits with 1 while the public checks score less (CI turns red).`,
    '',
    '## Submitting',
    '',
    'Submit the `.ts` files of `src/` (the folder or a zip of it). Only those files are graded; the',
    'provided `random.ts` and `init.ts` are used as handed out if you leave them out.',
    '',
    '## GitHub Classroom',
    '',
    '`.github/workflows/check.yml` runs `npm ci` and `npm run check` on every push, writes the',
    'Markdown report to the job summary, and fails while a public check does not pass.',
    '',
  );
  return lines.join('\n');
}
