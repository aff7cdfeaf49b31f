// Bulk data for the publication bench: thousands of sent, published dossiers written straight into
// a local D1 as SQL (through the API each would render a PDF at signing: hours for 10,000). The
// rows are what the app writes for a sent dossier: the advice row with its frozen snapshot, its
// items and responses, and its row in public_advice; the search index is then rebuilt from them by
// scripts/rebuild-search-index.ts, the operator's own script. All text is invented fixture text.

/** Topics of the advice: each is the subject of 1 in TOPICS.length dossiers (title and some items). */
export const TOPICS = [
  ['eenzaamheid onder ouderen', 'eenzaamheid'],
  ['het mantelzorgbeleid', 'mantelzorgers'],
  ['de armoedeaanpak', 'armoede'],
  ['jeugdzorg in de wijk', 'jeugdzorg'],
  ['schuldhulpverlening', 'schuldhulp'],
  ['laaggeletterdheid', 'laaggeletterdheid'],
  ['de Wmo-verordening', 'huishoudelijke'],
  ['het sportakkoord', 'sportverenigingen'],
  ['toegankelijkheid van openbare gebouwen', 'rolstoelgebruikers'],
  ['dakloosheid', 'maatschappelijke opvang'],
  ['inburgering', 'statushouders'],
  ['de participatiewet', 'bijstand'],
  ['dementievriendelijke gemeente', 'dementie'],
  ['het gezondheidsbeleid', 'preventieakkoord'],
  ['vrijwilligerswerk', 'vrijwilligers'],
  ['wonen met zorg', 'levensloopbestendige'],
  ['het jongerenwerk', 'jongerenwerkers'],
  ['de regiovisie huiselijk geweld', 'huiselijk geweld'],
  ['digitale inclusie', 'digitale vaardigheden'],
  ['het minimabeleid', 'minimaregelingen'],
  ['respijtzorg', 'respijtzorg'],
  ['het welzijnswerk', 'welzijnsorganisaties'],
  ['de energietoeslag', 'energiearmoede'],
  ['cultuurparticipatie', 'cultuurcoach'],
  ['buurtbemiddeling', 'burenruzies'],
  ['de sociale basis', 'buurtinitiatieven'],
  ['vervoer op maat', 'doelgroepenvervoer'],
  ['mentale gezondheid van jongeren', 'mentale gezondheid'],
  ['de inclusieagenda', 'inclusieagenda'],
  ['het onderwijsachterstandenbeleid', 'voorschoolse educatie'],
  ['statushouders en werk', 'taalcoaches'],
  ['de kinderopvangtoeslag', 'kinderopvang'],
  ['het gehandicaptenbeleid', 'beperking'],
  ['de seniorenagenda', 'senioren'],
  ['het speelruimtebeleid', 'speelplekken'],
  ['zorg voor dak- en thuislozen', 'nachtopvang'],
  ['armoede onder kinderen', 'kindpakket'],
  ['de huisvesting van arbeidsmigranten', 'arbeidsmigranten'],
  ['het lokaal preventieakkoord', 'alcoholgebruik'],
  ['de GGZ-inloop', 'inloophuis'],
];

/** General sentences of advice and answers: words most dossiers share. */
const SENTENCES = [
  'De adviesraad vraagt het college om inwoners eerder te betrekken bij de uitwerking van de plannen in hun eigen wijk.',
  'Het is van belang dat de toegang tot het wijkteam ook voor mensen zonder computer eenvoudig en laagdrempelig blijft.',
  'De raad adviseert om de resultaten jaarlijks te meten en de uitkomsten openbaar te maken, zodat bijsturing mogelijk is.',
  'Besteed in de communicatie aandacht aan heldere taal, zodat alle inwoners de regelingen begrijpen.',
  'Wij vragen u de samenwerking met huisartsen, scholen en verenigingen in de kernen te versterken.',
  'Zorg voor voldoende budget in de meerjarenbegroting, zodat de plannen niet na een jaar stoppen.',
  'Hoe zorgt het college ervoor dat de ervaringen van inwoners meewegen bij de evaluatie?',
  'Welke rol krijgen de welzijnsorganisaties bij de uitvoering van het programma?',
  'Het college deelt deze zorg en neemt het voorstel over in de uitvoeringsagenda voor het komende jaar.',
  'Wij onderzoeken samen met de partners hoe het bereik in de kleinere kernen kan worden vergroot.',
  'In het tweede kwartaal informeren wij de adviesraad over de voortgang en de eerste ervaringen.',
  'Dit advies nemen wij niet over, omdat de middelen daarvoor in deze periode ontbreken.',
  'De gemeente heeft dit al geregeld in de nieuwe subsidieafspraken met de uitvoerende organisaties.',
  'Wij betrekken de adviesraad bij de verdere uitwerking en vragen u om mee te lezen met de concepten.',
];

const q = (s) => (s === null ? 'NULL' : `'${String(s).replace(/'/g, "''")}'`);

/**
 * SQL that adds dossiers `from`..`to - 1` (sent and public) to the organisation `org` (its id, its
 * two councils, an official and an approver): 7 or 8 items each, every item answered, spread over
 * ten years of sending. Written as a few set-based statements over a numbers table.
 */
export function seedSql({ orgId, councilIds, officialId, approverId, prefix, from, to }) {
  // One row a statement: D1 allows only a few terms in a compound SELECT (a multi-row VALUES is one).
  const topics = TOPICS.map(([title, word], n) => `INSERT INTO bench_topics VALUES (${n}, ${q(title)}, ${q(word)});`).join('\n');
  const sentences = SENTENCES.map((s, n) => `INSERT INTO bench_sentences VALUES (${n}, ${q(s)});`).join('\n');
  const T = TOPICS.length;
  const S = SENTENCES.length;
  // Day number i spread over ten years from 2016; letters 40 days before sending.
  const sentDay = `date('2016-01-04', '+' || (n.i * 3650 / 10000) || ' days')`;
  return `
CREATE TABLE IF NOT EXISTS bench_topics (n INTEGER PRIMARY KEY, title TEXT, word TEXT);
DELETE FROM bench_topics;
${topics}
CREATE TABLE IF NOT EXISTS bench_sentences (n INTEGER PRIMARY KEY, s TEXT);
DELETE FROM bench_sentences;
${sentences}
CREATE TABLE IF NOT EXISTS bench_numbers (i INTEGER PRIMARY KEY);
DELETE FROM bench_numbers;
CREATE TABLE IF NOT EXISTS bench_positions (p INTEGER PRIMARY KEY);
DELETE FROM bench_positions;
INSERT INTO bench_positions (p) WITH RECURSIVE c(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM c WHERE p < 7) SELECT p FROM c;
INSERT INTO bench_numbers (i) WITH RECURSIVE c(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${to}) SELECT i FROM c;

INSERT INTO advice (id, org_id, council_id, title, kind, letter_date, council_reference, intro, status, reference, received_on, due_on,
  created_by, submitted_by, approval_requested_by, signed_by, signed_at, letter_sha256, letter_pages, sent_at, created_at, updated_at)
SELECT 'bench-' || printf('%06d', n.i), ${q(orgId)}, CASE n.i % 3 WHEN 0 THEN ${q(councilIds[1])} ELSE ${q(councilIds[0])} END,
  'Advies over ' || t.title || ' (' || n.i || ')', CASE n.i % 2 WHEN 0 THEN 'solicited' ELSE 'unsolicited' END,
  date(${sentDay}, '-40 days'), 'ASD-' || n.i, (SELECT s FROM bench_sentences WHERE n = n.i % ${S}),
  'sent', ${q(prefix)} || '-' || substr(${sentDay}, 1, 4) || '-' || printf('%05d', n.i), date(${sentDay}, '-38 days'), date(${sentDay}, '+4 days'),
  ${q(officialId)}, ${q(officialId)}, ${q(officialId)}, ${q(approverId)}, ${sentDay} || 'T09:00:00.000Z', printf('%064x', n.i), 3,
  ${sentDay} || 'T10:00:00.000Z', ${sentDay} || 'T08:00:00.000Z', ${sentDay} || 'T10:00:00.000Z'
FROM bench_numbers n JOIN bench_topics t ON t.n = n.i % ${T};

INSERT INTO advice_items (id, advice_id, position, kind, number, section, text)
SELECT 'bench-' || printf('%06d', n.i) || '-' || p.p, 'bench-' || printf('%06d', n.i), p.p,
  CASE WHEN p.p % 4 = 0 THEN 'question' ELSE 'advice' END,
  CASE WHEN p.p % 4 = 0 THEN p.p / 4 + 1 ELSE p.p - p.p / 4 END,
  'Thema ' || (p.p / 4 + 1),
  (SELECT s FROM bench_sentences WHERE n = (n.i * 7 + p.p * 3) % ${S}) || CASE WHEN p.p % 3 = 0 THEN ' Dit raakt ook ' || t.word || ' in onze gemeente.' ELSE '' END
FROM bench_numbers n JOIN bench_topics t ON t.n = n.i % ${T}
JOIN bench_positions p ON p.p < 7 + n.i % 2;

INSERT INTO responses (item_id, advice_id, text, status, version, updated_at, updated_by, write_id)
SELECT i.id, i.advice_id, (SELECT s FROM bench_sentences WHERE n = (8 + (CAST(substr(i.advice_id, 7) AS INTEGER) + i.position * 5) % 6)) ,
  CASE WHEN i.kind = 'question' THEN 'answered' ELSE CASE (CAST(substr(i.advice_id, 7) AS INTEGER) + i.position) % 4 WHEN 0 THEN 'adopted' WHEN 1 THEN 'partly' WHEN 2 THEN 'declined' ELSE 'already_done' END END,
  1, a.signed_at, ${q(officialId)}, i.id
FROM advice_items i JOIN advice a ON a.id = i.advice_id
WHERE i.advice_id IN (SELECT 'bench-' || printf('%06d', i) FROM bench_numbers);

UPDATE advice SET snapshot = json_object(
  'dossier', json_object('id', advice.id, 'status', 'in_review', 'title', advice.title, 'policyDocument', NULL, 'kind', advice.kind,
    'letterDate', advice.letter_date, 'councilReference', advice.council_reference, 'intro', advice.intro, 'reference', advice.reference,
    'receivedOn', advice.received_on, 'dueOn', advice.due_on, 'returnComment', NULL,
    'council', json_object('id', advice.council_id, 'name', (SELECT name FROM councils WHERE id = advice.council_id)),
    'items', (SELECT json_group_array(json(x)) FROM (
      SELECT json_object('id', i.id, 'kind', i.kind, 'number', i.number, 'section', i.section, 'text', i.text,
        'response', json_object('text', r.text, 'status', r.status, 'version', 1, 'updatedAt', r.updated_at, 'updatedBy', json_object('id', r.updated_by, 'name', 'Meet official1'))) AS x
      FROM advice_items i JOIN responses r ON r.item_id = i.id WHERE i.advice_id = advice.id ORDER BY i.position)),
    'letter', NULL),
  'organisation', (SELECT json_object('id', o.id, 'slug', o.slug, 'name', o.name, 'letterhead', json(o.letterhead), 'signatories', json(o.signatories),
    'signOff', o.sign_off, 'contact', json(o.contact)) FROM organisations o WHERE o.id = advice.org_id),
  'council', (SELECT json_object('id', c.id, 'name', c.name, 'salutation', c.salutation, 'recipients', json(c.recipients), 'addressLines', json(c.address_lines)) FROM councils c WHERE c.id = advice.council_id),
  'signedAt', advice.signed_at, 'signedBy', json_object('id', advice.signed_by, 'name', 'Meet approver1'))
WHERE advice.id IN (SELECT 'bench-' || printf('%06d', i) FROM bench_numbers);

INSERT INTO public_advice (advice_id, org_id, council_id, title, reference, letter_date, sent_at, sent_on, published_at)
SELECT id, org_id, council_id, title, reference, letter_date, sent_at, substr(sent_at, 1, 10), sent_at
FROM advice WHERE id IN (SELECT 'bench-' || printf('%06d', i) FROM bench_numbers);

DROP TABLE bench_numbers;
DROP TABLE bench_positions;
DROP TABLE bench_sentences;
DROP TABLE bench_topics;
`;
}
