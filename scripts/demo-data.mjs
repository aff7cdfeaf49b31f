// Demo data for `npm start`: an invented municipality, its advisory council, one user per role
// and two dossiers in different states. All text is fixture text written for this project.

export const organisation = {
  slug: 'voorbeeld',
  name: 'Gemeente Voorbeeld',
  letterhead: {
    addressLines: ['Stadskantoor, Marktplein 1', 'Postbus 1000', '1234 AB Voorbeeld'],
    phone: '14 0123',
    email: 'info@voorbeeld.example',
    website: 'www.voorbeeld.example',
  },
  signatories: [
    { title: 'de secretaris', name: 'drs. H.M. van Dijk' },
    { title: 'de burgemeester', name: 'mr. E.J. Smit' },
  ],
  signOff: 'burgemeester en wethouders van Voorbeeld',
  contact: { name: 'Sanne Kuipers', email: 's.kuipers@voorbeeld.example', phone: '14 0123' },
  referencePrefix: 'VB',
  responseDays: 42,
};

export const council = {
  name: 'Adviesraad Sociaal Domein Voorbeeld',
  salutation: 'Geachte leden van de adviesraad,',
  recipients: ['secretariaat@adviesraad-voorbeeld.example', 'voorzitter@adviesraad-voorbeeld.example'],
  addressLines: ['Postbus 1001', '1234 AC Voorbeeld'],
};

export const users = [
  { key: 'admin', email: 'beheer@voorbeeld.example', name: 'Bram Beheer', role: 'admin' },
  { key: 'official', email: 'a.jansen@voorbeeld.example', name: 'Anouk Jansen', role: 'official' },
  { key: 'official2', email: 'm.demir@voorbeeld.example', name: 'Mehmet Demir', role: 'official' },
  { key: 'approver', email: 'l.mulder@voorbeeld.example', name: 'Lotte Mulder', role: 'approver' },
  { key: 'council_member', email: 'k.vos@adviesraad-voorbeeld.example', name: 'Karin Vos', role: 'council_member', council: true },
  { key: 'council_secretary', email: 'secretariaat@adviesraad-voorbeeld.example', name: 'Peter Hendriks', role: 'council_secretary', council: true },
];

/** Submitted and waiting for the officials. */
export const dossierSubmitted = {
  title: 'Advies op het uitvoeringsprogramma Samen tegen eenzaamheid 2027-2030',
  policyDocument: 'Uitvoeringsprogramma Samen tegen eenzaamheid 2027-2030',
  kind: 'solicited',
  letterDate: '2026-11-02',
  councilReference: 'ASDV-2026-014',
  intro:
    'De adviesraad heeft het uitvoeringsprogramma besproken in de vergadering van 28 oktober 2026. Wij zijn positief over de brede aanpak en hebben enkele vragen en adviezen.',
  items: [
    { kind: 'question', section: 'Vragen', text: 'Hoe meet de gemeente of de aanpak eenzaamheid daadwerkelijk vermindert?' },
    { kind: 'question', section: 'Vragen', text: 'Welke rol krijgen vrijwilligersorganisaties in de wijken bij de uitvoering?' },
    { kind: 'advice', section: 'Bereik', text: 'Betrek jongeren nadrukkelijker: eenzaamheid komt ook bij hen veel voor.' },
    { kind: 'advice', section: 'Bereik', text: 'Zorg dat informatie ook op papier beschikbaar is voor inwoners zonder internet.' },
    { kind: 'advice', section: 'Uitvoering', text: 'Maak per wijk één herkenbaar aanspreekpunt bekend (op blz. 12 onder "Wijkaanpak").' },
  ],
};

/** Answered in full and waiting for the approver. */
export const dossierInReview = {
  title: 'Ongevraagd advies over de toegankelijkheid van het stadskantoor',
  policyDocument: null,
  kind: 'unsolicited',
  letterDate: '2026-10-12',
  councilReference: 'ASDV-2026-011',
  intro: 'Naar aanleiding van signalen van inwoners met een beperking geeft de adviesraad ongevraagd advies.',
  items: [
    { kind: 'question', section: 'Vragen', text: 'Wanneer is de nieuwe toegangsdeur aan de achterzijde gereed?' },
    { kind: 'advice', section: 'Fysieke toegankelijkheid', text: 'Plaats een tweede invalidenparkeerplaats dicht bij de hoofdingang.' },
    { kind: 'advice', section: 'Fysieke toegankelijkheid', text: 'Breng geleidelijnen aan van de bushalte naar de balie.' },
    { kind: 'advice', section: 'Dienstverlening', text: 'Bied bij elke balie een ringleiding aan voor slechthorenden.' },
  ],
  responses: [
    { text: 'De deur wordt in het eerste kwartaal van 2027 geplaatst. De aannemer is gecontracteerd.', status: 'answered' },
    { text: 'Wij nemen dit advies over. De extra plaats wordt dit voorjaar aangelegd.', status: 'adopted' },
    {
      text: 'Wij nemen dit advies deels over. Vanaf de bushalte tot de hoofdingang komen geleidelijnen.\n\nBinnen het gebouw kiezen wij voor begeleiding door een medewerker, omdat de hal in 2028 opnieuw wordt ingericht.',
      status: 'partly',
    },
    { text: 'Alle balies hebben sinds september 2026 een ringleiding.', status: 'already_done' },
  ],
};

/**
 * An open consultation round: the regional vision put to the council and to the councils of two
 * neighbouring municipalities, with remarks in (some alike) and the first one answered.
 */
export const consultationOpen = {
  title: 'Integrale lijst reacties op de Regiovisie Samen Sterker 2027-2030',
  document: 'Regiovisie Samen Sterker 2027-2030: wonen, zorg en welzijn in de regio',
  legend: [
    { code: '1', label: 'We versterken de wijkteams, zodat inwoners dichtbij huis hulp vinden.' },
    { code: '2', label: 'We werken met huisartsen, scholen en de bibliotheek aan één route voor signalen.' },
    { code: '3', label: 'We zorgen voor genoeg woningen met zorg in elke kern.' },
    { code: 'Algemeen', label: 'In het algemeen aandacht voor, zonder één bepaalde activiteit.' },
    { code: 'Lokaal', label: 'Door elke gemeente zelf opgepakt in het eigen plan.' },
  ],
  /** The organisation's council (by the council member) and two outside bodies (entered by an official). */
  outsideBodies: [
    { name: 'Gemeenteraad Buurdorp', recipients: ['griffie@buurdorp.example'], addressLines: ['Postbus 20', '1235 AA Buurdorp'] },
    { name: 'Gemeenteraad Overwater', recipients: ['griffie@overwater.example'], salutation: 'Geachte raadsleden,' },
  ],
  remarks: [
    { participant: 0, section: 'Hoofdstuk 2, Wijkteams', text: 'Betrek de huisartsen bij het signaleren: zij zien inwoners vaak als eersten.' },
    { participant: 0, text: 'Zorg dat informatie ook op papier verkrijgbaar blijft, voor inwoners zonder internet.' },
    { participant: 1, section: 'Hoofdstuk 2, Wijkteams', text: 'Ook in Buurdorp missen wij de huisartsen bij het signaleren.' },
    { participant: 1, section: 'Hoofdstuk 4, Wonen', text: 'Hoeveel woningen met zorg komen er in de kleine kernen?' },
    { participant: 2, text: 'Houd de gemeenteraden twee keer per jaar op de hoogte van de voortgang.' },
  ],
  /** The first remark answered; the rest wait for the officials. */
  firstResponse: { text: 'Huisartsen nemen deel aan de werkgroep signalering die dit voorjaar start.', processing: ['2'] },
};

/** Answered, signed and sent: it is public in the archive (/openbaar/voorbeeld) and counts in the figures. */
export const dossierSent = {
  title: 'Advies over de Woonvisie 2026-2030',
  policyDocument: 'Woonvisie 2026-2030: betaalbaar wonen in elke kern',
  kind: 'solicited',
  letterDate: '2026-09-14',
  councilReference: 'ASDV-2026-009',
  intro: 'De adviesraad heeft de concept-Woonvisie besproken met inwoners en woningcorporaties. Wij adviseren als volgt.',
  items: [
    { kind: 'question', section: 'Vragen', text: 'Hoeveel levensloopbestendige woningen komen er tot 2030 bij?' },
    { kind: 'advice', section: 'Betaalbaarheid', text: 'Leg het aandeel sociale huur per nieuwbouwproject vast op ten minste dertig procent.' },
    { kind: 'advice', section: 'Ouderen', text: 'Maak het voor ouderen eenvoudiger om kleiner te gaan wonen in hun eigen kern.' },
    { kind: 'advice', section: 'Ouderen', text: 'Richt een woonloket op waar inwoners terecht kunnen met vragen over aanpassingen.' },
  ],
  responses: [
    { text: 'Tot 2030 komen er ongeveer 240 levensloopbestendige woningen bij, waarvan 90 in de kleine kernen.', status: 'answered' },
    { text: 'Wij nemen dit advies over. Het percentage wordt opgenomen in de Woonvisie en in de prestatieafspraken.', status: 'adopted' },
    { text: 'Wij nemen dit advies deels over: met de corporaties maken wij afspraken over voorrang bij verhuizing binnen de kern.', status: 'partly' },
    { text: 'Het Woonloket bestaat sinds 2025 in het stadskantoor en in de bibliotheek.', status: 'already_done' },
  ],
};

/** A consultation answered, signed and sent: its integral list is public beside the advice. */
export const consultationSent = {
  title: 'Integrale lijst reacties op het Preventieakkoord 2026',
  document: 'Lokaal Preventieakkoord 2026: gezond opgroeien en gezond ouder worden',
  legend: [
    { code: 'A', label: 'Gezond opgroeien: sport, voeding en school.' },
    { code: 'B', label: 'Gezond ouder worden: bewegen en ontmoeten.' },
    { code: 'Algemeen', label: 'In het algemeen aandacht voor.' },
  ],
  outsideBodies: [{ name: 'GGD Voorbeeldregio', recipients: ['preventie@ggd-voorbeeldregio.example'], salutation: 'Geachte heer, mevrouw,' }],
  remarks: [
    { participant: 0, section: 'Gezond opgroeien', text: 'Betrek de sportverenigingen bij de schoolsport in de kleine kernen.' },
    { participant: 0, text: 'Zorg voor ontmoetingsplekken voor ouderen die niet meer zelf kunnen reizen.' },
    { participant: 1, text: 'Koppel de cijfers van de jeugdmonitor aan de doelen van het akkoord.' },
  ],
  responses: [
    { text: 'De sportverenigingen zijn partner in het akkoord; de schoolsport loopt via de buurtsportcoaches.', processing: ['A'] },
    { text: 'Wij breiden de vervoersdienst naar de ontmoetingscentra uit.', processing: ['B'] },
    { text: 'De jeugdmonitor wordt de meetlat voor het onderdeel gezond opgroeien.', processing: ['A', 'Algemeen'] },
  ],
};
