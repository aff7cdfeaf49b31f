/**
 * What the document renderers' benches (scripts/bench-letter.ts, scripts/bench-consultation-list.ts)
 * share: medians, one timed piece of work, and the paired runs of the app's renderer against the
 * library's floor. Both run in Node (tsx) on the Worker's own code.
 */

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall-clock and CPU milliseconds of one synchronous-ish piece of work. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

type Samples = { wall: number[]; cpu: number[] };

/**
 * The app's rendering and the floor alternate, and each app run is compared with the floor run
 * right after it: on a shared machine the load drifts, and a paired ratio cancels most of that
 * drift. CPU time (process.cpuUsage) is what the ratios use; wall time is reported beside it.
 * `floor` is made ready (its definition built) untimed by `prepareFloor`; two warm-up rounds (JIT,
 * font caches) come before anything is counted.
 */
export async function pairedRuns<A, F, D>({ app, prepareFloor, floor, runs }: { app: () => Promise<A>; prepareFloor: () => D; floor: (prepared: D) => Promise<F>; runs: number }) {
  for (let i = 0; i < 2; i++) {
    await app();
    await floor(prepareFloor());
  }
  const appSamples: Samples = { wall: [], cpu: [] };
  const floorSamples: Samples = { wall: [], cpu: [] };
  const paired: number[] = [];
  let last: { app: A; floor: F } | null = null;
  for (let i = 0; i < runs; i++) {
    const a = await timed(app);
    const prepared = prepareFloor();
    const f = await timed(() => floor(prepared));
    appSamples.wall.push(a.wall);
    appSamples.cpu.push(a.cpu);
    floorSamples.wall.push(f.wall);
    floorSamples.cpu.push(f.cpu);
    paired.push(a.cpu / f.cpu);
    last = { app: a.result, floor: f.result };
  }
  return {
    runs,
    last: last!,
    appMs: median(appSamples.wall),
    floorMs: median(floorSamples.wall),
    appCpuMs: median(appSamples.cpu),
    floorCpuMs: median(floorSamples.cpu),
    /** Median of the paired CPU ratios: what the targets judge, unrounded. */
    overFloor: median(paired),
    samples: { app: appSamples, floor: floorSamples, paired },
  };
}
