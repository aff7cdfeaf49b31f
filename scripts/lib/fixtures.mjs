// Data for the bench and the load run, created through the public API like any integration
// would. All text is invented fixture text.

export function client(base) {
  return async function call(method, path, token, body, headers = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json, text, headers: res.headers };
  };
}

async function must(promise, what) {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.body;
}

/** Runs `fn` over `list` with at most `limit` calls at a time. */
export async function inParallel(list, limit, fn) {
  const results = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        results[i] = await fn(list[i], i);
      }
    }),
  );
  return results;
}

const ZINNEN = [
  'De adviesraad vraagt het college om inwoners eerder te betrekken bij de uitwerking van de plannen in hun eigen wijk.',
  'Wij zien dat mantelzorgers vaak niet weten waar zij terecht kunnen voor respijtzorg en praktische ondersteuning.',
  'Het is van belang dat de toegang tot het wijkteam ook voor mensen zonder computer eenvoudig en laagdrempelig blijft.',
  'De raad adviseert om de resultaten jaarlijks te meten en de uitkomsten openbaar te maken, zodat bijsturing mogelijk is.',
  'Besteed in de communicatie aandacht aan heldere taal, zodat ook laaggeletterde inwoners de regelingen begrijpen.',
  'Het college deelt deze zorg en neemt het voorstel over in de uitvoeringsagenda voor het komende jaar.',
  'Wij onderzoeken samen met de welzijnsorganisaties hoe het bereik in de kleinere kernen kan worden vergroot.',
  'In het tweede kwartaal informeren wij de adviesraad over de voortgang en de eerste ervaringen van inwoners.',
];

/** `n` sentences of fixture text, varied by `seed`. */
export function prose(seed, sentences) {
  return Array.from({ length: sentences }, (_, i) => ZINNEN[(seed * 7 + i * 3) % ZINNEN.length]).join(' ');
}

export const ITEM_STATUS = (kind) => (kind === 'question' ? 'answered' : 'partly');

/**
 * An organisation with one council, `officials` officials, `members` council members, an admin,
 * an approver and a council secretary, each with an API token.
 */
export async function createWorld(call, adminToken, { officials = 4, members = 2, label = 'bench' } = {}) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const slug = `${label}-${suffix}`;
  await must(
    call('POST', '/api/v1/organisations', adminToken, {
      slug,
      name: 'Gemeente Meetstad',
      letterhead: { addressLines: ['Stadhuisplein 1', 'Postbus 50', '9999 AA Meetstad'], phone: '14 0999', email: 'info@meetstad.example' },
      signatories: [
        { title: 'de secretaris', name: 'T. Meijer' },
        { title: 'de burgemeester', name: 'R. van Leeuwen' },
      ],
      signOff: 'burgemeester en wethouders van Meetstad',
      contact: { name: 'F. Bos', email: 'f.bos@meetstad.example' },
      referencePrefix: 'MST',
      responseDays: 42,
    }),
    'organisation',
  );
  const council = await must(call('POST', `/api/v1/organisations/${slug}/councils`, adminToken, { name: 'Adviesraad Meetstad', recipients: ['secretariaat@adviesraad-meetstad.example'] }), 'council');
  const people = [
    { role: 'admin', n: 1 },
    { role: 'approver', n: 1 },
    { role: 'council_secretary', n: 1 },
    { role: 'official', n: officials },
    { role: 'council_member', n: members },
  ].flatMap(({ role, n }) => Array.from({ length: n }, (_, i) => ({ role, name: `${role}${i + 1}` })));
  const users = await inParallel(people, 8, async ({ role, name }) => {
    const user = await must(
      call('POST', `/api/v1/organisations/${slug}/users`, adminToken, {
        email: `${name}@${slug}.example`,
        name: `Meet ${name}`,
        role,
        ...(role.startsWith('council') ? { councilId: council.id } : {}),
      }),
      'user',
    );
    const { token } = await must(call('POST', `/api/v1/organisations/${slug}/users/${user.id}/tokens`, adminToken), 'token');
    return { id: user.id, role, name, token };
  });
  const tokensOf = (role) => users.filter((u) => u.role === role).map((u) => u.token);
  return { slug, councilId: council.id, users, tokensOf };
}

/** A submitted dossier of `items` items (every fourth a question), optionally with every item answered. */
export async function submittedDossier(call, world, { items, answered = false, seed = 0 }) {
  const input = {
    councilId: world.councilId,
    title: `Advies over het uitvoeringsprogramma sociaal domein, deel ${seed + 1}`,
    kind: 'solicited',
    letterDate: '2026-10-01',
    councilReference: `ARM-2026-${String(seed + 1).padStart(3, '0')}`,
    intro: prose(seed, 3),
    items: Array.from({ length: items }, (_, i) => ({
      kind: i % 4 === 0 ? 'question' : 'advice',
      section: `Thema ${Math.floor(i / 10) + 1}`,
      text: prose(seed + i, 3),
    })),
  };
  const [member] = world.tokensOf('council_member');
  const [secretary] = world.tokensOf('council_secretary');
  const created = await must(call('POST', `/api/v1/organisations/${world.slug}/advice`, member, input), 'advice');
  await must(call('POST', `/api/v1/advice/${created.id}/submit`, secretary), 'submit');
  const dossier = { id: created.id, items: created.items.map((i) => ({ id: i.id, kind: i.kind, version: 0 })) };
  if (answered) {
    const [official] = world.tokensOf('official');
    await inParallel(dossier.items, 8, async (item, i) => {
      const body = { text: prose(seed + i + 1, 6), status: ITEM_STATUS(item.kind), version: 0 };
      item.version = (await must(call('PUT', `/api/v1/advice/${dossier.id}/items/${item.id}/response`, official, body), 'response')).version;
    });
  }
  return dossier;
}

/**
 * A web session for `email`, obtained as a person gets one: the sign-in form, the link in the mail
 * (read from the local mailbox, /api/v1/dev/outbox), and the confirmation that spends it. Returns
 * the Cookie header value.
 */
export async function signInByMail(base, email) {
  const form = (fields) => ({
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'sec-fetch-site': 'same-origin', accept: 'text/html' },
    body: new URLSearchParams(fields),
  });
  const call = client(base);
  const signInMails = async () => (await must(call('GET', '/api/v1/dev/outbox'), 'outbox')).items.filter((m) => m.kind === 'sign_in' && m.to.includes(email));
  const before = new Set((await signInMails()).map((m) => m.id));
  const asked = await fetch(`${base}/inloggen`, form({ email }));
  if (asked.status !== 200) throw new Error(`sign-in request for ${email}: ${asked.status}`);
  // The mail is queued right after the answer (so that known and unknown addresses take as long): wait for it.
  let mail;
  for (let i = 0; i < 100 && !mail; i++) {
    mail = (await signInMails()).find((m) => !before.has(m.id));
    if (!mail) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!mail) throw new Error(`no sign-in mail for ${email}`);
  const full = await must(call('GET', `/api/v1/dev/outbox/${mail.id}`), 'sign-in mail');
  const token = decodeURIComponent(full.text.match(/\/inloggen\/link\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
  if (!token) throw new Error(`no sign-in link in the mail to ${email}`);
  const spent = await fetch(`${base}/inloggen/link`, form({ token }));
  const cookie = spent.headers.get('set-cookie')?.match(/__Host-session=[^;]+/)?.[0];
  if (spent.status !== 303 || !cookie) throw new Error(`sign-in link for ${email}: ${spent.status}`);
  return cookie;
}

/**
 * Versioned writes that stay valid: each request takes a target (an item, a remark) nobody else is
 * writing, sends the version it last saw and, on 200, records the new version and gives the target
 * back. `refresh` re-reads the versions from the server between rounds (requests cut off at the end
 * of a round may have landed); `request(target, n)` gives the path and body of the n-th write.
 */
export function versionedWrites({ name, tokens, targets, refresh, request }) {
  let free = [];
  let n = 0;
  return async () => {
    await refresh();
    free = [...targets];
    return {
      requests: [
        {
          method: 'PUT',
          setupRequest: (req, context) => {
            const target = free.shift();
            if (!target) throw new Error(`${name}: no free target left`);
            context.target = target;
            n += 1;
            const { path, body } = request(target, n);
            return { ...req, path, headers: { authorization: `Bearer ${tokens[n % tokens.length]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
          },
          onResponse: (status, body, context) => {
            if (status !== 200) return; // its version is unknown now: the target leaves the pool
            context.target.version = JSON.parse(body).version;
            free.push(context.target);
          },
        },
      ],
    };
  };
}

/** Response writes on advice items, by the world's officials, over `writeDossiers`. */
export function responseWrites({ world, writeDossiers, call }) {
  const officials = world.tokensOf('official');
  return versionedWrites({
    name: 'response-write',
    tokens: officials,
    targets: writeDossiers.flatMap((d) => d.items.map((item) => Object.assign(item, { dossierId: d.id }))),
    refresh: async () => {
      for (const d of writeDossiers) {
        const fresh = await call('GET', `/api/v1/advice/${d.id}`, officials[0]);
        for (const item of fresh.body.items) d.items.find((i) => i.id === item.id).version = item.response?.version ?? 0;
      }
    },
    request: (item, n) => ({ path: `/api/v1/advice/${item.dossierId}/items/${item.id}/response`, body: { text: prose(n, 5), status: ITEM_STATUS(item.kind), version: item.version } }),
  });
}

/** The codes of a consultation's legend: a numbered programme and two general codes. */
export const CONSULTATION_LEGEND = [
  { code: '1', label: 'Wijkteams versterken, zodat zij signalen eerder herkennen.' },
  { code: '2', label: 'Eén route voor signaleren en melden, met huisartsen, scholen en kinderopvang.' },
  { code: '3', label: 'Snel passende hulp, ook na de crisis.' },
  { code: '4', label: 'Voldoende opvangplekken in de regio.' },
  { code: '5', label: 'Resultaten volgen en jaarlijks delen met de raden.' },
  { code: 'Algemeen', label: 'In het algemeen aandacht voor.' },
  { code: 'Lokaal', label: 'Door elke gemeente zelf opgepakt.' },
];
const codesFor = (i) => [CONSULTATION_LEGEND[i % 5].code, ...(i % 3 === 0 ? [CONSULTATION_LEGEND[5 + (i % 2)].code] : [])];

/**
 * An open consultation of the world's official: the world's council and `participants - 1` outside
 * bodies, `remarks` remarks dealt out to them in turn (every third about a section of the
 * document). With `answered`, every remark has a response: every sixth by reference to an earlier
 * remark answered with text, the others with text of their own.
 */
export async function openConsultation(call, world, { remarks, participants = 8, answered = false, seed = 0 }) {
  const [official] = world.tokensOf('official');
  const outside = Array.from({ length: participants - 1 }, (_, i) => ({
    name: `Gemeenteraad Regiodorp ${i + 1}`,
    recipients: [`griffie@regiodorp-${i + 1}.example`],
    addressLines: [`Postbus ${100 + i}`, `99${10 + i} AB Regiodorp ${i + 1}`],
  }));
  const created = await must(
    call('POST', `/api/v1/organisations/${world.slug}/consultations`, official, {
      title: `Integrale lijst reacties op de regiovisie, ronde ${seed + 1}`,
      document: 'Regiovisie huiselijk geweld en kindermishandeling 2027-2030',
      legend: CONSULTATION_LEGEND,
      participants: [{ councilId: world.councilId }, ...outside],
    }),
    'consultation',
  );
  const made = await inParallel(Array.from({ length: remarks }, (_, i) => i), 8, async (i) => {
    const body = { participantId: created.participants[i % participants].id, text: prose(seed + i, 3), ...(i % 3 === 0 ? { section: `Hoofdstuk ${(i % 4) + 1}` } : {}) };
    return { ...(await must(call('POST', `/api/v1/consultations/${created.id}/remarks`, official, body), 'remark')), version: 0 };
  });
  const consultation = { id: created.id, remarks: made };
  if (answered) {
    const byReference = (r, i) => i % 6 === 5;
    const own = made.filter((r, i) => !byReference(r, i));
    const answer = (r, i, body) => must(call('PUT', `/api/v1/consultations/${created.id}/remarks/${r.id}/response`, official, { ...body, processing: codesFor(i), version: 0 }), 'response');
    await inParallel(made, 8, async (r, i) => {
      if (!byReference(r, i)) r.version = (await answer(r, i, { text: prose(seed + i + 1, 6) })).version;
    });
    await inParallel(made, 8, async (r, i) => {
      if (byReference(r, i)) r.version = (await answer(r, i, { sameAs: own[(i * 7) % own.length].id })).version;
    });
  }
  return consultation;
}

/** Response writes on the remarks of `consultation`, by the world's officials (text of their own, as most responses are). */
export function remarkResponseWrites({ world, consultation, call }) {
  const officials = world.tokensOf('official');
  return versionedWrites({
    name: 'consultation-response-write',
    tokens: officials,
    targets: consultation.remarks,
    refresh: async () => {
      const fresh = await call('GET', `/api/v1/consultations/${consultation.id}`, officials[0]);
      const versions = new Map(fresh.body.participants.flatMap((p) => p.remarks.map((r) => [r.id, r.response?.version ?? 0])));
      for (const r of consultation.remarks) r.version = versions.get(r.id) ?? 0;
    },
    request: (remark, n) => ({ path: `/api/v1/consultations/${consultation.id}/remarks/${remark.id}/response`, body: { text: prose(n, 5), processing: codesFor(n), version: remark.version } }),
  });
}
