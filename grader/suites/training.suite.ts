/**
 * Hidden suite: training. The submission's own data functions shape the training text, its
 * trainNgram / trainRnn train its models for the configured budget in the host, and the host
 * hands back the trained weights. The trusted side scores them: it builds the held-out examples
 * from held-out ids the host never sees and measures perplexity with the lab's forward pass in
 * grader code (grader/judge/). The losses, step counts, timings and tensor counts the host
 * reports are shown as evidence; they can cost points (a loss that does not fall, a leak), never
 * earn them.
 */
import { graded, type GradedContext } from './support/graded';
import { newSubmissionClient, recordHostInfo, suiteContext, testConfig } from './support/suiteContext';
import { judgeTraining } from '../judge/judgeTraining';
import { SAMPLE_LENGTH, trainingRunArgs, type TrainingPlan } from '../grading/trainingRunArgs';
import type { TrainingBudget } from '../config/assignmentConfig';
import type { TrainRunResult } from '../sandbox/probeApi';
import type { ModelKind } from '../lab';

type Run = { result: TrainRunResult; plan: TrainingPlan; budget: TrainingBudget };
const runs = new Map<ModelKind, Promise<Run>>();

/** The tests that need each model's training run. */
const TESTS_OF: Record<ModelKind, string[]> = { ngram: ['training.ngram'], rnn: ['training.rnn', 'training.noLeak', 'training.generate'] };

/**
 * Trains one model in a host of its own (so its result does not depend on what ran before it:
 * float rounding follows memory layout, and training amplifies it), within the limit of the
 * model's main test.
 */
function startRun(model: ModelKind): Promise<Run> {
  const config = suiteContext().config;
  const client = newSubmissionClient();
  const timeoutMs = testConfig(TESTS_OF[model][0]).timeoutSeconds * 1000;
  return trainingRunArgs(config, model, config.seed)
    .then(async (plan) => ({ result: await client.call('train.run', plan.args, timeoutMs), plan, budget: config.training[model] }))
    .finally(() => {
      recordHostInfo(client);
      client.close();
    });
}

/**
 * The training run of `model`. The first call starts every selected model at once, each in its
 * own host, so the two trainings use both cores; the tests of a model share its run.
 */
function trainOnce(model: ModelKind): Promise<Run> {
  if (runs.size === 0) {
    const selected = suiteContext().testIds;
    for (const m of ['ngram', 'rnn'] as const) {
      if (!TESTS_OF[m].some((id) => selected.includes(id))) continue;
      const run = startRun(m);
      run.catch(() => undefined); // awaited (and reported) by the model's tests
      runs.set(m, run);
    }
  }
  const run = runs.get(model);
  if (!run) throw new Error(`no training run for ${model}: none of its tests was selected`);
  return run;
}

/** The mean of the first and last tenth of the losses. */
function lossTrend(losses: number[]): { first: number; last: number } {
  const k = Math.max(1, Math.floor(losses.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { first: mean(losses.slice(0, k)), last: mean(losses.slice(-k)) };
}

/** Fails unless the reported losses are finite and fall, and the judged perplexity is finite and plausible. */
function checkCurve(t: GradedContext, name: string, result: TrainRunResult, perplexity: number, budget: TrainingBudget): void {
  if (result.losses.length === 0) t.fail(`${name} reported no losses (it must return one mean loss per batch)`);
  if (result.losses.some((l) => !Number.isFinite(l)))
    t.fail(`${name} reported a loss that is not a finite number (NaN or Infinity): check the loss and the learning rate`);
  const { first, last } = lossTrend(result.losses);
  if (!(last < first))
    t.fail(
      `${name} did not lower the loss: mean of the first tenth of the steps ${first.toFixed(3)}, of the last tenth ${last.toFixed(3)}`,
    );
  // The submission shapes its own training examples: a loss this low on them means the labels are in the inputs.
  if (last < Math.log(budget.implausibleBelow)) {
    t.fail(
      `${name} reported a training loss of ${last.toFixed(3)} (a perplexity of ${Math.exp(last).toFixed(1)} on its own examples, below ${budget.implausibleBelow}; held-out: ${perplexity.toFixed(1)}): the labels are leaking into the inputs. Check that the labels are the inputs shifted by one token.`,
    );
  }
  if (!Number.isFinite(perplexity)) t.fail(`after training, the held-out perplexity is ${perplexity}`);
  if (perplexity < budget.implausibleBelow) {
    t.fail(
      `held-out perplexity ${perplexity.toFixed(1)} is implausibly low (below ${budget.implausibleBelow} after ${budget.steps} steps): the labels are leaking into the inputs. Check that the labels are the inputs shifted by one token.`,
    );
  }
}

/** The held-out perplexity of the run's weights, judged here; a model the lab does not define fails. */
async function judged(t: GradedContext, run: Run): Promise<number> {
  const verdict = await judgeTraining(run.plan.heldOut, run.result.weights, suiteContext().backend);
  if (!verdict.ok) t.fail(`after training, ${verdict.problem}`);
  return verdict.perplexity;
}

async function checkTraining(t: GradedContext, model: ModelKind): Promise<string> {
  const run = await trainOnce(model);
  const { result, budget } = run;
  const name = model === 'rnn' ? 'trainRnn' : 'trainNgram';
  t.details.training = {
    losses: result.losses,
    perplexity: NaN,
    threshold: budget.threshold,
    implausibleBelow: budget.implausibleBelow,
    steps: result.losses.length,
    seconds: result.seconds,
  };
  const ppl = await judged(t, run);
  t.details.training.perplexity = ppl;
  checkCurve(t, name, result, ppl, budget);
  if (ppl > budget.threshold) {
    t.fail(
      `after ${result.losses.length} steps, the held-out perplexity is ${ppl.toFixed(1)}, above the bar of ${budget.threshold} (uniform guessing would be ${run.plan.args.cfg.vocabSz}). Check the model, the loss and the optimizer step.`,
    );
  }
  return `held-out perplexity ${ppl.toFixed(1)} (bar ${budget.threshold}) after ${result.losses.length} steps in ${result.seconds.toFixed(1)} s`;
}

graded('training.ngram', (t) => checkTraining(t, 'ngram'));

graded('training.rnn', (t) => checkTraining(t, 'rnn'));

graded('training.noLeak', async (t) => {
  const { result } = await trainOnce('rnn');
  if (result.censusTampered) t.fail(`the tensor count could not be kept: ${result.censusTampered}`);
  // After the first step (which creates the optimizer's slots) the count must stay flat, and
  // nothing made during training may outlive it.
  const counts = result.tensorsPerStep.slice(1);
  if (counts.length < 2) t.fail('too few training steps were reported to check for leaks');
  const last = Math.max(counts[counts.length - 1], result.tensorsAfterTraining);
  const growth = last - counts[0];
  t.details.values = {
    'tensors after step 2': counts[0],
    'tensors after the last step': counts[counts.length - 1],
    'tensors once training returned': result.tensorsAfterTraining,
  };
  if (growth > 0)
    t.fail(
      `trainRnn leaks tensors: ${growth} more tensors exist after step ${counts.length + 1} than after step 2 (about ${(growth / (counts.length - 1)).toFixed(1)} per step). Wrap each step in tf.tidy and dispose what you read.`,
    );
});

graded('training.generate', async (t) => {
  const { plan, result } = await trainOnce('rnn');
  // A probe of its own, with this test's limit: a hang in generate costs this test only.
  const sample = await t.call('train.generate', {
    cfg: plan.args.cfg as never,
    weights: result.weights,
    words: plan.words,
    length: SAMPLE_LENGTH,
    seed: plan.args.seed,
  });
  const words = new Set(plan.words);
  if (sample.length !== SAMPLE_LENGTH)
    t.fail(`generate(model, vocab, [], ${SAMPLE_LENGTH}) returned ${sample.length} tokens, expected ${SAMPLE_LENGTH}`);
  const stranger = sample.find((w) => !words.has(w));
  if (stranger !== undefined) t.fail(`generate returned "${String(stranger).slice(0, 40)}", which is not a vocabulary word`);
  return `sample: ${sample.join(' ')}`;
});

/**
 * The public preview: trainRnn as training.rnn runs it, on the preview's smaller budget, in a host of
 * its own. It shows the loss curve and an indicative perplexity and holds them to no bar: it passes
 * when the loss falls and the perplexity is finite and plausible.
 */
graded('training.preview', async (t) => {
  const config = suiteContext().config;
  const rnn = config.training.rnn;
  const budget = { ...rnn, steps: config.training.preview?.steps ?? rnn.steps };
  const client = newSubmissionClient();
  const plan = await trainingRunArgs({ ...config, training: { ...config.training, rnn: budget } }, 'rnn', config.seed);
  let result: TrainRunResult;
  try {
    result = await client.call('train.run', plan.args, testConfig('training.preview').timeoutSeconds * 1000);
  } finally {
    recordHostInfo(client);
    client.close();
  }
  const steps = result.losses.length;
  t.details.training = {
    losses: result.losses,
    perplexity: NaN,
    threshold: rnn.threshold,
    implausibleBelow: rnn.implausibleBelow,
    steps,
    seconds: result.seconds,
    indicative: { gradedSteps: rnn.steps },
  };
  const ppl = await judged(t, { result, plan, budget });
  t.details.training.perplexity = ppl;
  checkCurve(t, 'trainRnn', result, ppl, budget);
  return `indicative held-out perplexity ${ppl.toFixed(1)} after ${steps} steps in ${result.seconds.toFixed(1)} s. A preview, not the graded bar: the graded test trains ${rnn.steps} steps and needs ${rnn.threshold} or less.`;
});
