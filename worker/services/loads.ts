/**
 * What a route on one record may declare it loads (schema/loads.ts, worker/routing.ts): a
 * dossier's row or the whole dossier, a consultation's row (with its participating councils) or
 * the whole consultation. The authentication middleware runs these statements in the same D1 batch as the
 * caller's credential, limited to the credential's organisation (`Scope`): one round trip for
 * both, and a caller whose credential fails reads nothing of the record.
 */
import type { Db, Statements } from '../db';
import type { Load, Loaded } from '../../schema/loads';
import { dossierOf, dossierQuery, rowQuery, type Scope } from './dossier-read';
import { consultationOf, consultationQuery, scopeOf, scopeQuery } from './consultations';

/** The statement that reads what `load` names, and how to read its result. */
export function loadQueries(db: Db, load: Load, id: string, scope: Scope): { statements: Statements; read: (results: unknown[]) => Loaded } {
  switch (load) {
    case 'advice': {
      const q = rowQuery(db, id, scope);
      return { statements: [q], read: ([rows]) => ({ row: (rows as Awaited<typeof q>)[0] ?? null }) };
    }
    case 'dossier': {
      const q = dossierQuery(db, id, scope);
      return {
        statements: [q],
        read: ([head]) => {
          const found = dossierOf(head as Awaited<typeof q>);
          return { row: found?.row ?? null, dossier: found?.dossier ?? null };
        },
      };
    }
    case 'consultationRow': {
      const q = scopeQuery(db, id, scope);
      return { statements: [q], read: ([head]) => ({ consultation: scopeOf(head as Awaited<typeof q>) }) };
    }
    case 'consultation': {
      const q = consultationQuery(db, id, scope);
      return {
        statements: [q],
        read: ([head]) => {
          const read = consultationOf(head as Awaited<typeof q>);
          return { consultation: read?.scope ?? null, consultationRead: read };
        },
      };
    }
  }
}
