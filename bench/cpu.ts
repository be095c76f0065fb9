import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: children that already exited and were reaped. */
  reaped: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    return { pid, ppid: n(1), comm, own: n(11) + n(12), reaped: n(13) + n(14) };
  } catch {
    return undefined; // exited while we looked
  }
}

/** Names a direct child of the bench (and its whole subtree) by what it runs. */
const NAMES: Record<string, string> = { postgres: 'postgres', java: 'kafka', node: 'platform' };

export type CpuSample = Map<string, number>;

/** CPU ticks so far of this process and of each child subtree (PostgreSQL, Kafka, the platform). */
export function sampleCpu(): CpuSample {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== undefined);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const sample: CpuSample = new Map();
  for (const stat of stats) {
    // Walk up to the bench process; the ancestor just below it names the subtree.
    let top: ProcStat | undefined = stat;
    while (top && top.ppid !== process.pid && top.pid !== process.pid) top = byPid.get(top.ppid);
    if (!top) continue;
    // The bench's own reaped children are not counted: they were measured while alive.
    const name = top.pid === process.pid ? 'bench' : (NAMES[top.comm] ?? top.comm);
    const ticks = stat.pid === process.pid ? stat.own : stat.own + stat.reaped;
    sample.set(name, (sample.get(name) ?? 0) + ticks);
  }
  sample.set(MACHINE, machineBusyTicks());
  return sample;
}

const MACHINE = 'machine';

/** Busy ticks of all CPUs (/proc/stat: user nice system . . irq softirq steal). */
function machineBusyTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (fields[i] ?? 0), 0);
}

/** Average cores each process group used between two samples (1.0 = one core busy). */
export function coresUsed(before: CpuSample, after: CpuSample, elapsedMs: number): Record<string, number> {
  const seconds = elapsedMs / 1000;
  const used = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / TICKS_PER_SECOND / seconds;
  const out: Record<string, number> = {};
  let ours = 0;
  for (const name of after.keys()) {
    if (name === MACHINE) continue;
    ours += used(name);
    if (used(name) >= 0.01) out[name] = round2(used(name));
  }
  // Anything else on the machine (other test runs, builds) competes for the same cores.
  out.otherProcesses = round2(Math.max(0, used(MACHINE) - ours));
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Runs a section and reports the cores each process group spent on it on average. */
export async function measureCpu<T>(run: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = sampleCpu();
  const started = performance.now();
  const result = await run();
  return { result, cpu: coresUsed(before, sampleCpu(), performance.now() - started) };
}
