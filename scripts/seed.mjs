// Seeds the demo through the public API, only if the organisation does not exist yet.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as demo from './demo-data.mjs';

export async function seedDemo(base, adminToken, tokensFile) {
  const call = async (method, path, token, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok && res.status !== 404) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return { status: res.status, body: json };
  };

  const existing = await call('GET', `/api/v1/organisations/${demo.organisation.slug}`, adminToken);
  if (existing.status === 200) {
    const tokens = existsSync(tokensFile) ? JSON.parse(readFileSync(tokensFile, 'utf8')) : {};
    return { slug: demo.organisation.slug, tokens, seeded: false };
  }

  const slug = (await call('POST', '/api/v1/organisations', adminToken, demo.organisation)).body.slug;
  const council = (await call('POST', `/api/v1/organisations/${slug}/councils`, adminToken, demo.council)).body;
  const tokens = {};
  for (const u of demo.users) {
    const { key, council: inCouncil, ...body } = u;
    const user = (await call('POST', `/api/v1/organisations/${slug}/users`, adminToken, { ...body, ...(inCouncil ? { councilId: council.id } : {}) })).body;
    tokens[key] = (await call('POST', `/api/v1/organisations/${slug}/users/${user.id}/tokens`, adminToken)).body.token;
  }

  const createAndSubmit = async (dossier) => {
    const { responses: _r, ...input } = dossier;
    const created = (await call('POST', `/api/v1/organisations/${slug}/advice`, tokens.council_member, { councilId: council.id, ...input, policyDocument: input.policyDocument ?? undefined })).body;
    await call('POST', `/api/v1/advice/${created.id}/submit`, tokens.council_secretary);
    return created;
  };

  await createAndSubmit(demo.dossierSubmitted);
  const inReview = await createAndSubmit(demo.dossierInReview);
  for (const [i, item] of inReview.items.entries()) {
    const response = demo.dossierInReview.responses[i];
    await call('PUT', `/api/v1/advice/${inReview.id}/items/${item.id}/response`, i % 2 ? tokens.official2 : tokens.official, { ...response, version: 0 });
  }
  await call('POST', `/api/v1/advice/${inReview.id}/request-approval`, tokens.official);

  // Answered, signed by the approver (through the API, as an approver's platform-issued token may) and sent.
  const sent = await createAndSubmit(demo.dossierSent);
  for (const [i, item] of sent.items.entries()) {
    await call('PUT', `/api/v1/advice/${sent.id}/items/${item.id}/response`, tokens.official, { ...demo.dossierSent.responses[i], version: 0 });
  }
  await call('POST', `/api/v1/advice/${sent.id}/request-approval`, tokens.official);
  await call('POST', `/api/v1/advice/${sent.id}/approve`, tokens.approver);
  await call('POST', `/api/v1/advice/${sent.id}/send`, tokens.official);

  // An open consultation with remarks from the council and from two outside bodies.
  const { outsideBodies, remarks, firstResponse, ...consultation } = demo.consultationOpen;
  const round = (
    await call('POST', `/api/v1/organisations/${slug}/consultations`, tokens.official, { ...consultation, participants: [{ councilId: council.id }, ...outsideBodies] })
  ).body;
  const remarkIds = [];
  for (const { participant, ...remark } of remarks) {
    const token = participant === 0 ? tokens.council_member : tokens.official;
    remarkIds.push((await call('POST', `/api/v1/consultations/${round.id}/remarks`, token, { participantId: round.participants[participant].id, ...remark })).body.id);
  }
  await call('PUT', `/api/v1/consultations/${round.id}/remarks/${remarkIds[0]}/response`, tokens.official, { ...firstResponse, version: 0 });

  // A consultation taken to the end: answered, signed, sent (its list is public).
  {
    const { outsideBodies: bodies, remarks: sentRemarks, responses, ...rest } = demo.consultationSent;
    const done = (await call('POST', `/api/v1/organisations/${slug}/consultations`, tokens.official, { ...rest, participants: [{ councilId: council.id }, ...bodies] })).body;
    for (const [i, { participant, ...remark }] of sentRemarks.entries()) {
      const token = participant === 0 ? tokens.council_member : tokens.official;
      const added = (await call('POST', `/api/v1/consultations/${done.id}/remarks`, token, { participantId: done.participants[participant].id, ...remark })).body;
      await call('PUT', `/api/v1/consultations/${done.id}/remarks/${added.id}/response`, tokens.official, { ...responses[i], version: 0 });
    }
    for (const [step, token] of [['close', tokens.official], ['request-approval', tokens.official], ['approve', tokens.approver], ['send', tokens.official]]) {
      await call('POST', `/api/v1/consultations/${done.id}/${step}`, token);
    }
  }

  mkdirSync(dirname(tokensFile), { recursive: true });
  writeFileSync(tokensFile, JSON.stringify(tokens, null, 2));
  console.log(`Seeded the demo organisation "${slug}".`);
  return { slug, tokens, seeded: true };
}
