import { describe, expect, it } from 'vitest';
import { ADMIN, api, createWorld, dossierIn, expectProblem } from './support';

/**
 * What the platform operator's token does (API.md, and docs/passkeys.md for why each addition is
 * needed): create organisations, their councils, users and tokens; read organisations, their
 * councils and users (to find whom to issue a token for); revoke the tokens it can issue; remove a
 * lost passkey; add non-working days. Nothing else: not an organisation's own settings, and no
 * dossier, letter or page.
 */
describe('the platform token', () => {
  it('does what API.md says, with the additions the product needs, and nothing else', async () => {
    const w = await createWorld('PLT');
    const d = await dossierIn(w, 'sent');
    const allowed: [string, string, unknown?][] = [
      ['GET', '/api/v1/organisations'],
      ['GET', `/api/v1/organisations/${w.slug}`],
      ['GET', `/api/v1/organisations/${w.slug}/councils`],
      ['POST', `/api/v1/organisations/${w.slug}/councils`, { name: 'Jongerenraad', recipients: ['j@x.example'] }],
      ['GET', `/api/v1/organisations/${w.slug}/users`],
      ['POST', `/api/v1/organisations/${w.slug}/users`, { email: `n-${w.slug}@x.example`, name: 'Nieuw', role: 'approver' }],
      ['POST', `/api/v1/organisations/${w.slug}/users/${w.ids.approver2}/tokens`],
      ['DELETE', `/api/v1/organisations/${w.slug}/users/${w.ids.approver2}/passkeys`],
      ['POST', '/api/v1/holidays', { date: '1999-06-03', name: 'Sluitingsdag', orgSlug: w.slug }],
    ];
    for (const [method, path, body] of allowed) expect((await api(method, path, { token: ADMIN, body })).status, `${method} ${path}`).toBeLessThan(300);

    const before = (await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body;
    const refused: [string, string, unknown?][] = [
      // The organisation's own settings are its admin's (the letterhead and signatories sign letters).
      ['PATCH', `/api/v1/organisations/${w.slug}`, { signatories: [{ title: 'de burgemeester', name: 'Z. Onbekend' }] }],
      ['GET', `/api/v1/organisations/${w.slug}/advice`],
      ['GET', `/api/v1/advice/${d.id}`],
      ['GET', `/api/v1/advice/${d.id}/letter.pdf`],
      ['POST', `/api/v1/organisations/${w.slug}/advice`, {}],
    ];
    for (const [method, path, body] of refused) expectProblem(await api(method, path, { token: ADMIN, body }), 403);
    expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body).toEqual(before);
  });
});
