// Years of advice dossiers as SQL, for the figures' bench and browser test: dossiers of an existing
// organisation (its councils and a council member made through the API), spread over a period,
// most of them answered and sent, some late, a few still open. Written straight into the local D1
// (`wrangler d1 execute --file`) while the server is stopped: ten thousand dossiers through the API
// would mean ten thousand signed PDFs. Rows look as the advice cycle leaves them: reference, received
// and due dates, the day of sending and the letter's counts (see schema/advice.ts). Deterministic
// for a given seed.

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ms = (date) => Date.parse(`${date}T00:00:00Z`);

/** A small seeded PRNG (mulberry32): the same data for the same seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** receivedOn + days, moved past a weekend (the bench needs no holidays). */
function due(receivedOn, days) {
  let d = ms(receivedOn) + days * DAY;
  while ([0, 6].includes(new Date(d).getUTCDay())) d += DAY;
  return iso(d);
}

const q = (s) => (s === null ? 'NULL' : `'${String(s).replace(/'/g, "''")}'`);

const INTRO =
  'De adviesraad heeft het voorstel besproken met inwoners, maatschappelijke organisaties en ervaringsdeskundigen. ' +
  'Wij zien veel goede punten, maar vragen het college om de uitvoering dichter bij de wijken te organiseren en de ' +
  'resultaten jaarlijks te delen. Hieronder staan onze vragen en adviezen.';

/**
 * SQL statements that add `count` dossiers received between `from` and `to` (inclusive) for the
 * organisation, and raise its reference counters past them. `today` decides what is still open:
 * a dossier due within the last weeks is more often not yet answered.
 */
export function figuresSeedSql({ orgId, councilIds, userId, prefix, from, to, count, today, seed = 1, termDays = 42 }) {
  const rnd = random(seed);
  const span = Math.round((ms(to) - ms(from)) / DAY) + 1;
  const received = Array.from({ length: count }, () => iso(ms(from) + Math.floor(rnd() * span) * DAY)).sort();
  const perYear = new Map();
  const rows = received.map((receivedOn, i) => {
    const year = receivedOn.slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const dueOn = due(receivedOn, termDays);
    // Days to answer: mostly within the term, a tail beyond it.
    const r = rnd();
    const days = r < 0.75 ? 14 + Math.floor(rnd() * (termDays - 10)) : termDays + Math.floor(rnd() * 40);
    const sentMs = ms(receivedOn) + days * DAY;
    const recent = ms(today) - ms(dueOn) < 30 * DAY;
    // Not sent: anything that would be sent after today, some recent ones, and one in two hundred.
    const open = sentMs > ms(today) || (recent && rnd() < 0.4) || rnd() < 0.005;
    const sentOn = open ? null : iso(sentMs);
    const status = open ? ['submitted', 'in_progress', 'in_review', 'signed'][Math.floor(rnd() * 4)] : 'sent';
    const n = () => (open ? 0 : Math.floor(rnd() * 3));
    const id = `seed-${seed}-${String(i).padStart(6, '0')}`;
    const council = councilIds[Math.floor(rnd() * councilIds.length)];
    const created = `${receivedOn}T09:00:00.000Z`;
    return (
      `(${q(id)},${q(orgId)},${q(council)},${q(`Advies ${year}-${number} over het uitvoeringsprogramma`)},'solicited',${q(receivedOn)},${q(INTRO)},` +
      `${q(status)},${q(`${prefix}-${year}-${String(number).padStart(5, '0')}`)},${q(receivedOn)},${q(dueOn)},${q(userId)},${q(created)},${q(created)},` +
      `${q(sentOn && `${sentOn}T10:00:00.000Z`)},${q(sentOn)},${n()},${n()},${n()},${n()},${n()})`
    );
  });
  const statements = [];
  // D1 refuses a statement over 100 kB: 50 rows of about 600 bytes each.
  for (let i = 0; i < rows.length; i += 50) {
    statements.push(
      'INSERT INTO advice (id, org_id, council_id, title, kind, letter_date, intro, status, reference, received_on, due_on, created_by, created_at, updated_at, ' +
        'sent_at, sent_on, sent_adopted, sent_partly, sent_declined, sent_already_done, sent_answered) VALUES\n' +
        rows.slice(i, i + 50).join(',\n') +
        ';',
    );
  }
  for (const [year, last] of perYear) {
    statements.push(
      `INSERT INTO reference_counters (org_id, year, last) VALUES (${q(orgId)}, ${year}, ${last}) ON CONFLICT (org_id, year) DO UPDATE SET last = max(last, excluded.last);`,
    );
  }
  // The figures' monthly summary of these dossiers, as migration 0014 builds it (the app writes it
  // when a dossier is received and sent; these rows skip the app).
  statements.push(
    `DELETE FROM figure_months WHERE org_id = ${q(orgId)};`,
    'INSERT INTO figure_months (org_id, received_month, council_id, sent_month, received, sent, adopted, partly, declined, already_done, answered) ' +
      "SELECT org_id, substr(received_on, 1, 7), council_id, coalesce(substr(sent_on, 1, 7), ''), count(*), count(sent_on), " +
      'sum(sent_adopted), sum(sent_partly), sum(sent_declined), sum(sent_already_done), sum(sent_answered) ' +
      `FROM advice WHERE org_id = ${q(orgId)} AND received_on IS NOT NULL GROUP BY 1, 2, 3, 4;`,
  );
  return statements.join('\n');
}
