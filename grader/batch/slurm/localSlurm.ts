/**
 * A real single-node Slurm for tests, self-contained under one temporary folder: its own munge key
 * and socket, a generated slurm.conf on two free ports (SLURM_CONF points at it), and slurmctld and
 * slurmd started by hand (no systemd), so it runs beside a system Slurm without touching it. No
 * accounting daemon: jobs are polled with squeue, and their final states read from the jobcomp
 * file. Stopped by PID. Needs Debian's slurm-wlm and munge (as .ci/run installs them) and root.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export interface LocalSlurm {
  dir: string;
  /** The environment that talks to this Slurm (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  /** Waits until none of `jobIds` is queued or running; throws after `timeoutMs`. */
  waitForJobs(jobIds: string[], timeoutMs: number): Promise<void>;
  /** Final state of every finished job, by job id ("1", "1_2" for task 2 of array 1): COMPLETED, FAILED... */
  finishedStates(): Map<string, string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function slurmConf(dir: string, ports: [number, number]): string {
  const memMb = Math.floor((os.totalmem() / 2 ** 20) * 0.8);
  return `ClusterName=rnnlabtest
SlurmctldHost=localhost
SlurmUser=root
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
AuthType=auth/munge
AuthInfo=socket=${dir}/munge/socket
CredType=cred/munge
StateSaveLocation=${dir}/state
SlurmdSpoolDir=${dir}/spool
SlurmctldPidFile=${dir}/slurmctld.pid
SlurmdPidFile=${dir}/slurmd.pid
SlurmctldLogFile=${dir}/log/slurmctld.log
SlurmdLogFile=${dir}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${dir}/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MailProg=/bin/true
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
NodeName=localhost CPUs=${os.cpus().length} RealMemory=${memMb} State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`;
}

function daemon(command: string, args: string[], dir: string, name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const log = fs.openSync(path.join(dir, 'log', `${name}.out`), 'w');
  const child = spawn(command, args, { stdio: ['ignore', log, log], env });
  fs.closeSync(log);
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  // up to 10 s (slurmctld takes up to 2), then SIGKILL
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startLocalSlurm(): Promise<LocalSlurm> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-slurm-'));
  for (const sub of ['munge', 'state', 'spool', 'log']) fs.mkdirSync(path.join(dir, sub));
  fs.chmodSync(path.join(dir, 'munge'), 0o700);
  const conf = path.join(dir, 'slurm.conf');
  fs.writeFileSync(conf, slurmConf(dir, [await freePort(), await freePort()]));
  const env = { ...process.env, SLURM_CONF: conf };
  const daemons: ChildProcess[] = [];
  const stop = async () => {
    for (const d of daemons.reverse()) await stopProcess(d);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('mungekey', ['-c', '-k', path.join(dir, 'munge', 'munge.key')], { stdio: 'pipe' });
    const m = path.join(dir, 'munge');
    daemons.push(
      daemon(
        'munged',
        [
          '-F',
          '--force',
          `--socket=${m}/socket`,
          `--key-file=${m}/munge.key`,
          `--log-file=${dir}/log/munged.log`,
          `--pid-file=${m}/munged.pid`,
          `--seed-file=${m}/seed`,
        ],
        dir,
        'munged',
        env,
      ),
    );
    for (let i = 0; i < 50 && !fs.existsSync(path.join(m, 'socket')); i++) await sleep(100);
    daemons.push(daemon('slurmctld', ['-D', '-f', conf], dir, 'slurmctld', env));
    daemons.push(daemon('slurmd', ['-D', '-N', 'localhost', '-f', conf], dir, 'slurmd', env));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = (() => {
        try {
          return execFileSync('sinfo', ['-h', '-N', '-o', '%T'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
        } catch {
          return '';
        }
      })();
      if (state === 'idle') break;
      if (Date.now() > deadline) throw new Error(`the local Slurm node did not become idle in 30 s (state "${state}"); logs in ${dir}/log`);
      await sleep(200);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    dir,
    env,
    async waitForJobs(jobIds, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (execFileSync('squeue', ['-h', '-j', jobIds.join(',')], { env, encoding: 'utf8' }).trim() !== '') {
        if (Date.now() > deadline) throw new Error(`Slurm jobs ${jobIds.join(', ')} still queued or running after ${timeoutMs / 1000} s`);
        await sleep(500);
      }
    },
    finishedStates() {
      const states = new Map<string, string>();
      const file = path.join(dir, 'log', 'jobcomp.txt');
      for (const line of fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : []) {
        const field = (k: string) => new RegExp(`(?:^| )${k}=(\\S*)`).exec(line)?.[1] ?? '';
        if (!field('JobId')) continue;
        const task = field('ArrayTaskId');
        states.set(task ? `${field('ArrayJobId')}_${task}` : field('JobId'), field('JobState'));
      }
      return states;
    },
    stop,
  };
}
