/** The emitted Slurm script: resources from the config, the optional GPU line, and a script bash accepts with hostile paths. */
import { spawnSync } from 'child_process';
import type { AssignmentConfig } from '../../config/assignmentConfig';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../config/loadConfig';
import { concurrentHosts, shellQuote, slurmScript, slurmTime, taskResources, type SlurmOptions } from './slurmScript';

const config = loadConfig(DEFAULT_CONFIG_PATH).config!;
const noTraining: AssignmentConfig = { ...config, questions: config.questions.filter((q) => q.id !== 'training') };
const OPTS: SlurmOptions = {
  file: '/home/ta/run 1/grade.sbatch',
  node: '/usr/bin/node',
  bin: '/opt/rnn-lab/bin/rnn-lab.js',
  input: "/home/ta/class's subs",
  out: '/home/ta/run 1/out',
  config: '/opt/rnn-lab/grader/config/assignment.json',
  submissions: 45,
  shards: 4,
  jobs: 2,
  gpu: false,
  extraArgs: ['--format', 'json,html', '--seed', '3'],
};

describe('taskResources', () => {
  it('cores: the trainings that run side by side, times the jobs; memory: grader plus hosts at their heap cap; time: every submission at the limit', () => {
    expect(concurrentHosts(config)).toBe(2);
    expect(concurrentHosts(noTraining)).toBe(1);
    // 45 in 4 shards: 12 per task, 6 rounds of 2; (480 + 120) s each, plus 600 s
    expect(taskResources(config, OPTS)).toEqual({ cpus: 4, memMb: 2 * (640 + 2 * (512 + 256)), seconds: 6 * 600 + 600 });
    expect(taskResources(noTraining, { ...OPTS, jobs: 1 })).toEqual({ cpus: 1, memMb: 640 + 768, seconds: 12 * 600 + 600 });
  });

  it('writes times as Slurm reads them', () => {
    expect([59, 3600, 4200.2, 90061].map(slurmTime)).toEqual(['00:00:59', '01:00:00', '01:10:01', '1-01:01:01']);
  });
});

describe('slurmScript', () => {
  const text = slurmScript(config, OPTS);

  it('is a job array of one shard per task with the resources, and a merge after it', () => {
    expect(text.match(/^#SBATCH .*$/gm)).toEqual([
      '#SBATCH --job-name=rnn-lab-grade',
      '#SBATCH --array=1-4',
      '#SBATCH --ntasks=1',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --mem=4352M',
      '#SBATCH --time=01:10:00',
    ]);
    // the log paths go on sbatch's command line, where the shell quotes them
    expect(text).toContain('sbatch --parsable --output=\'/home/ta/run 1/out/slurm/grade-%A_%a.log\' "$self"');
    expect(text).toContain('--shard "$SLURM_ARRAY_TASK_ID/4" --jobs 2 --config "$CONFIG" --format json,html --seed 3');
    expect(text).toContain('merge "$OUT/shards/1" "$OUT/shards/2" "$OUT/shards/3" "$OUT/shards/4" --out "$OUT"');
    expect(text).toContain('--dependency=afterok:"$grade"');
    expect(text).toContain("INPUT='/home/ta/class'\\''s subs'");
  });

  it('asks for a GPU and a partition only when told', () => {
    expect(text).not.toMatch(/gres|partition/);
    const gpu = slurmScript(config, { ...OPTS, gpu: true, partition: 'gpu' });
    expect(gpu).toMatch(/^#SBATCH --gres=gpu:1$/m);
    expect(gpu).toMatch(/^#SBATCH --partition=gpu$/m);
  });

  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shellQuote leaves plain words alone and quotes the rest so that sh reads them back', () => {
    for (const s of ['/a/b.c', "it's", 'a b', '$(rm -rf /)', '"q"']) {
      expect(spawnSync('sh', ['-c', `printf %s ${shellQuote(s)}`], { encoding: 'utf8' }).stdout).toBe(s);
    }
    expect(shellQuote('/a/b-c_d.e')).toBe('/a/b-c_d.e');
  });
});
