import { env } from 'cloudflare:workers';
import { fetchWith, probeD1 } from './d1-probe';

type Call = (method: string, path: string, opts?: Parameters<typeof fetchWith>[3]) => ReturnType<typeof fetchWith>;

/** A batch that changes a dossier's state: every transition is one (worker/services/transitions.ts). */
const isTransition = (sql: string[]) => sql.some((s) => /^update "advice" set .*"status" = /i.test(s));

/**
 * Makes a race real: the requests that `run` makes with `call` see the database through a probe
 * that holds every batch changing a dossier's state until `n` of them have arrived, so all of them
 * read the same state before any of them writes. Without it the Worker often finishes one request
 * before the next starts, and a race test would prove nothing. Fails the test if fewer than `n`
 * requests got there (no silent non-race).
 */
export async function race<T>(n: number, run: (call: Call) => Promise<T>): Promise<T> {
  let arrived = 0;
  let timedOut = false;
  let release!: () => void;
  const together = new Promise<void>((resolve) => (release = resolve));
  const probe = probeD1(env.DB, {
    before: async (c) => {
      if (c.kind !== 'batch' || !isTransition(c.sql)) return;
      if (++arrived === n) release();
      // A request that never gets there would leave the others waiting: give up after a while.
      const waited = await Promise.race([together.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
      if (!waited) timedOut = true;
    },
  });
  const result = await run((method, path, opts) => fetchWith(probe.db, method, path, opts));
  if (timedOut || arrived !== n) throw new Error(`no race: ${arrived} of ${n} requests reached their transition`);
  return result;
}
