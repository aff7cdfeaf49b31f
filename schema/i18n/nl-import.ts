/**
 * Dutch texts of importing and registering an advice letter (issue 14): the warnings of a proposed
 * split, the API's problems, and the pages. Part of nl.ts (`nl.imports`).
 */
const quote = (s: string, max = 70) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return `‘${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}’`;
};
const kindPlural = (kind: 'question' | 'advice') => (kind === 'question' ? 'vragen' : 'adviezen');
const kindLabel = (kind: 'question' | 'advice', n: number | null) => `${kind === 'question' ? 'Vraag' : 'Advies'}${n === null ? '' : ` ${n}`}`;

export const importTexts = {
  warnings: {
    noItems: 'Er zijn geen vragen of adviezen herkend. Verdeel de tekst zelf in onderdelen.',
    noText: 'Deze PDF bevat geen tekst: waarschijnlijk is het een scan. Er zijn geen onderdelen voorgesteld. Vraag de adviesraad om een Word-bestand of een PDF met tekst, of plak de tekst van de brief.',
    pagesWithoutText: (pages: number[]) =>
      pages.length === 1
        ? `Pagina ${pages[0]} bevat geen tekst (een scan?). Wat daarop staat, ontbreekt in het voorstel.`
        : `De pagina’s ${pages.join(', ')} bevatten geen tekst (scans?). Wat daarop staat, ontbreekt in het voorstel.`,
    numberingSkips: (kind: 'question' | 'advice', after: number, next: number) =>
      `De nummering van de ${kindPlural(kind)} in de brief loopt niet door: na ${after} volgt ${next}. Controleer of er een onderdeel ontbreekt.`,
    numberingRepeats: (kind: 'question' | 'advice', n: number) =>
      `In de brief staat nummer ${n} twee keer bij de ${kindPlural(kind)}. Controleer of de onderdelen goed zijn gesplitst.`,
    outside: (text: string) => `Tekst buiten de onderdelen is niet overgenomen: ${quote(text)}. Hoort die bij een onderdeel of bij de inleiding?`,
    kindGuessed: (n: number) =>
      n === 1
        ? 'Bij 1 onderdeel staat niet of het een vraag of een advies is; de soort is afgeleid uit het vraagteken. Controleer de soort.'
        : `Bij ${n} onderdelen staat niet of het een vraag of een advies is; de soort is afgeleid uit het vraagteken. Controleer de soort.`,
    emptyItem: (kind: 'question' | 'advice', n: number | null) => `${kindLabel(kind, n)} in de brief heeft geen tekst en is weggelaten.`,
    annexIgnored: (heading: string) => `De bijlage (${quote(heading, 50)}) is niet in de onderdelen opgenomen.`,
    itemsInAnnex: 'De vragen en adviezen staan in de bijlage van de brief; daar zijn ze gevonden.',
    noDate: 'De datum van de brief is niet gevonden. Vul die zelf in.',
    tooMany: (max: number) => `De brief heeft meer dan ${max} onderdelen; alleen de eerste ${max} zijn voorgesteld.`,
    tooLong: (label: string, max: number) => `${label} is langer dan ${max} tekens en is ingekort. Controleer de tekst.`,
    tableRows: (n: number) => `Een tabel met ${n} ${n === 1 ? 'rij' : 'rijen'} is als onderdelen gelezen. Controleer de soort en de kopjes.`,
  },
  fields: {
    importId: 'Geef het id van het ingelezen document.',
    receivedOn: 'Vul de dag van ontvangst in (JJJJ-MM-DD).',
  },
  problems: {
    tooLarge: 'Het bestand is groter dan 10 MiB.',
    unsupportedType:
      'Dit soort bestand kan niet worden ingelezen. Stuur een Word-bestand (.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document), een PDF (application/pdf) of platte tekst (text/plain, UTF-8).',
    notUtf8: 'Stuur platte tekst als UTF-8.',
    empty: 'Het bestand is leeg.',
    brokenDocx: 'Dit bestand kan niet worden gelezen als Word-document (.docx): het is beschadigd of het is geen .docx.',
    encryptedDocx: 'Dit Word-bestand is met een wachtwoord beveiligd of is een ouder Word-formaat (.doc). Sla het op als .docx zonder wachtwoord.',
    brokenPdf: 'Dit bestand kan niet worden gelezen als PDF: het is beschadigd of het is geen PDF.',
    encryptedPdf: 'Deze PDF is met een wachtwoord beveiligd en kan niet worden gelezen. Vraag om een PDF zonder wachtwoord.',
    badText: 'Deze tekst is geen geldige UTF-8.',
    unknownImport: 'Dit document bestaat niet of u heeft er geen toegang toe.',
    importUsed: (reference: string | null) =>
      reference ? `Dit document hoort al bij een advies (kenmerk ${reference}).` : 'Dit document hoort al bij een advies.',
    receivedInFuture: 'De datum van ontvangst kan niet in de toekomst liggen.',
    registerOfficialsOnly: 'Alleen ambtenaren registreren een ontvangen advies.',
    uploadRoles: 'Alleen ambtenaren, fiatteurs en leden of secretarissen van een adviesraad kunnen een document inlezen.',
  },
  /** The pages: registering a received advice (officials), writing advice from one's own document (council). */
  web: {
    nav: 'Advies registreren',
    registerButton: 'Ontvangen advies registreren',
    uploadTitle: 'Ontvangen advies registreren',
    uploadIntro:
      'Is een advies per post of e-mail binnengekomen? Lees de brief in: u krijgt een voorstel voor de vragen en adviezen, naast de tekst van de brief. U controleert en verbetert het voorstel; pas als u op Registreren drukt, wordt het advies vastgelegd.',
    file: 'Brief van de adviesraad',
    fileHint: 'Een Word-bestand (.docx), een PDF of een tekstbestand, tot 10 MiB.',
    text: 'Of plak de tekst van de brief',
    textHint: 'Bijvoorbeeld de tekst uit een e-mail. Laat dit leeg als u een bestand kiest.',
    read: 'Brief inlezen',
    nothingChosen: 'Kies een bestand of plak de tekst van de brief.',
    checkTitle: 'Advies registreren: voorstel controleren',
    checkIntro:
      'Links staat de tekst zoals die in de brief staat, rechts het voorstel. Controleer elk onderdeel: de soort (vraag of advies), het kopje en de tekst. Niets is vastgelegd tot u op Registreren drukt.',
    warningsTitle: 'Controleer dit in het bijzonder',
    originalTitle: 'De tekst van de brief',
    originalRegion: 'Tekst van de ingelezen brief',
    originalDownload: (name: string) => `Origineel downloaden: ${name}`,
    originalNone: 'De brief bevat geen tekst die kon worden gelezen.',
    aside: { header: 'kop- of voettekst', footer: 'kop- of voettekst', textbox: 'tekstvak' } as Record<string, string>,
    page: (n: number) => `Pagina ${n}`,
    proposalTitle: 'Voorstel',
    received: 'Registratie',
    council: 'Adviesraad',
    councilChoose: 'Kies de adviesraad',
    receivedOn: 'Ontvangen op',
    receivedOnHint: 'De dag waarop de brief binnenkwam. De termijn voor de reactie telt vanaf deze dag.',
    letter: 'Gegevens van de brief',
    itemsTitle: 'Vragen en adviezen',
    itemsHint: 'Vragen en adviezen worden elk apart genummerd, in de volgorde hieronder.',
    noItems: 'Er zijn nog geen onderdelen. Voeg ze toe met de knoppen hieronder en neem de tekst over uit de brief.',
    splitHint:
      'Splitsen: zet de cursor in de tekst waar het nieuwe onderdeel moet beginnen en kies Splitsen. Zonder JavaScript: typ daar een lege regel; er wordt gesplitst bij de eerste lege regel.',
    merge: 'Samenvoegen met volgende',
    split: 'Splitsen bij de cursor',
    toIntro: 'Naar de inleiding',
    toHeading: 'Maak er een kopje van',
    remove: 'Verwijderen',
    register: 'Registreren',
    cancel: 'Annuleren',
    notices: {
      merge: (n: number) => `Onderdeel ${n} en het volgende zijn samengevoegd.`,
      split: (n: number) => `Onderdeel ${n} is gesplitst: het tweede deel is onderdeel ${n + 1}.`,
      intro: (n: number) => `De tekst van onderdeel ${n} staat nu aan het eind van de inleiding.`,
      heading: (n: number) => `De tekst van onderdeel ${n} is het kopje van de onderdelen erna geworden.`,
      remove: (n: number) => `Onderdeel ${n} is verwijderd.`,
      last: 'Het laatste onderdeel heeft geen volgende om mee samen te voegen.',
      nowhere: 'Niet gesplitst: zet de cursor op de plek waar het nieuwe onderdeel begint, of typ daar een lege regel.',
    },
    registered: (reference: string, due: string) => `Het advies is geregistreerd onder kenmerk ${reference}. De reactie is uiterlijk ${due} nodig.`,
    alreadyRegistered: 'Deze brief was al geregistreerd. U ziet nu dat dossier.',
    source: 'Originele brief',
    sourceLink: (name: string) => `${name} downloaden`,
    sourceDetails: (type: string, size: string) => `${type}, ${size}`,
    types: { 'application/pdf': 'PDF', 'text/plain': 'tekst', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word' } as Record<string, string>,
    councilStartTitle: 'Begin met uw eigen document',
    councilStartIntro:
      'Heeft u het advies al in Word, als PDF of in een e-mail geschreven? Lees het in: het formulier wordt voor u ingevuld. U controleert elk onderdeel voordat u het concept opslaat.',
    councilFromDocument: (name: string) => `Het formulier is ingevuld uit ${name}. Controleer de soort, het kopje en de tekst van elk onderdeel voordat u opslaat.`,
    pastedText: 'de geplakte tekst',
  },
};
