import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { runBatch } from '../db';
import type { Principal } from '../context';
import { organisations } from '../../schema/organisations';
import { invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { sha256Hex } from '../lib/crypto';
import { auditStatement } from './audit';
import { getOrganisationBySlug } from './organisations';

export const MAX_LOGO_BYTES = 200 * 1024;

/** Only raster images that we can recognise by their first bytes: nothing that a browser would run. */
function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Stores a new logo in R2 under its content hash and points the organisation's theme at it. */
export async function setOrganisationLogo(db: Db, documents: R2Bucket, actor: Principal, slug: string, bytes: Uint8Array) {
  const type = imageType(bytes);
  if (!type || bytes.length > MAX_LOGO_BYTES) throw invalid([{ path: 'logo', message: nl.web.admin.logoInvalid }]);
  const org = await getOrganisationBySlug(db, slug);
  const key = `logos/${org.id}/${await sha256Hex(bytes)}.${type === 'image/png' ? 'png' : 'jpg'}`;
  await documents.put(key, bytes, { httpMetadata: { contentType: type } });
  await runBatch(db, [
    db.update(organisations).set({ theme: { ...org.theme, logoKey: key } }).where(eq(organisations.id, org.id)),
    auditStatement(db, { orgId: org.id, actor, action: 'organisation.logo', entity: 'organisation', entityId: org.id, detail: { key } }),
  ]);
  return key;
}

export async function getOrganisationLogo(db: Db, documents: R2Bucket, slug: string) {
  const org = await getOrganisationBySlug(db, slug);
  if (!org.theme.logoKey) return null;
  return documents.get(org.theme.logoKey);
}
