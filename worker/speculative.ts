/**
 * Speculative reads: the dossier a request is about, read in the same D1 batch as the caller's
 * credential (API token or session), so that a dossier read costs one round trip instead of two.
 *
 * What is read is judged from the method and path alone, before anyone is known. Nothing read
 * here is trusted or shown by itself: the route takes it (`takeDossier`, `takeAdviceRow`) exactly
 * where it would otherwise have read it, and applies the same policy checks to it (tenant,
 * council, role, state). A request whose credential fails never reaches a route, and what was
 * read for it is dropped with the request. Each read is taken at most once, so a route that
 * reads again after writing gets fresh data.
 */
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { d1Of, rowOf } from './db';
import { advice } from '../schema/advice';
import { dossierQuery, type AdviceRow, type DossierRead } from './services/advice';

type Wanted = { adviceId: string; whole: boolean };
/** A whole dossier is made a DossierRead only when a route takes it (after authentication). */
type Read = { adviceId: string; row: AdviceRow | null; dossier?: () => DossierRead | null };

const reads = new WeakMap<Request, Read>();

const API_DOSSIER = /^\/api\/v1\/advice\/([^/]+)(\/.*)?$/;
const WEB_DOSSIER = /^\/adviezen\/([^/]+)(\/.*)?$/;
/** Ids are UUIDs (newId); anything else (`/adviezen/nieuw`) is not worth a read. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The API's dossier routes load the advice row (adviceScope); `GET /api/v1/advice/{id}` reads the
 * whole dossier; every web page on a dossier reads the whole dossier (dossierFor).
 */
function wanted(method: string, pathname: string): Wanted | null {
  const api = API_DOSSIER.exec(pathname);
  if (api) return ID.test(api[1]) ? { adviceId: api[1], whole: method === 'GET' && !api[2] } : null;
  const web = WEB_DOSSIER.exec(pathname);
  if (web) return ID.test(web[1]) ? { adviceId: web[1], whole: true } : null;
  return null;
}

/**
 * Runs the credential lookup `first`, and in the same batch the reads this request is going to
 * need. Returns `first`'s result.
 */
export async function withSpeculativeReads(c: Context<AppEnv>, first: D1PreparedStatement): Promise<D1Result> {
  const want = wanted(c.req.method, c.req.path);
  if (!want) return first.all();
  const d1 = d1Of(c.var.db);
  if (want.whole) {
    const query = dossierQuery(d1, want.adviceId);
    const [result, head, items] = await d1.batch([first, ...query.statements]);
    reads.set(c.req.raw, { adviceId: want.adviceId, row: null, dossier: () => query.read(head, items) });
    return result;
  }
  const [result, rows] = await d1.batch([first, d1.prepare('SELECT * FROM advice WHERE id = ?1').bind(want.adviceId)]);
  const raw = rows.results[0] as Record<string, unknown> | undefined;
  reads.set(c.req.raw, { adviceId: want.adviceId, row: raw ? rowOf(advice, raw) : null });
  return result;
}

/** The whole dossier `id` if it was read with the credential (null: it does not exist); undefined: not read. */
export function takeDossier(c: Context<AppEnv>, id: string): DossierRead | null | undefined {
  const read = reads.get(c.req.raw);
  if (!read || read.adviceId !== id || read.dossier === undefined) return undefined;
  reads.delete(c.req.raw);
  return read.dossier();
}

/** The advice row `id` if it was read with the credential (null: it does not exist); undefined: not read. */
export function takeAdviceRow(c: Context<AppEnv>, id: string): AdviceRow | null | undefined {
  const read = reads.get(c.req.raw);
  if (!read || read.adviceId !== id) return undefined;
  reads.delete(c.req.raw);
  return read.dossier ? (read.dossier()?.row ?? null) : read.row;
}
