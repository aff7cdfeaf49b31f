/**
 * The Dutch texts of consultations and the integral list (nl.consultations). Kept beside nl.ts as
 * a feature section of it; nothing here imports nl.ts.
 */

const remarkList = (numbers: number[]) => (numbers.length === 1 ? `opmerking ${numbers[0]}` : `opmerkingen ${numbers.slice(0, -1).join(', ')} en ${numbers.at(-1)}`);

export const nlConsultations = {
  fields: {
    singleLine: 'Gebruik één regel, zonder regeleinden.',
    document: 'Vul het beleidsstuk in waarover de consultatie gaat.',
    legend: 'Geef ten minste één code in de legenda op.',
    legendCode: 'Vul de code in (bijvoorbeeld 1 of Algemeen).',
    legendLabel: 'Vul de omschrijving van deze code in.',
    legendCodeTwice: 'Deze code staat al in de legenda.',
    participants: 'Kies ten minste één deelnemer: een adviesraad of een andere organisatie.',
    participantTwice: 'Deze deelnemer staat al in de lijst.',
    participantName: 'Vul de naam van de organisatie in.',
    councilHasOwn: 'Een adviesraad van de gemeente heeft al een eigen naam, aanhef, adres en ontvangers: laat dit veld weg.',
    councilUnknown: 'Deze adviesraad bestaat niet in deze gemeente.',
    participantId: 'Kies de deelnemer van wie de opmerking is.',
    participantUnknown: 'Deze deelnemer hoort niet bij deze consultatie.',
    ownCouncilOnly: 'U kunt alleen opmerkingen namens uw eigen adviesraad invoeren.',
    remarkText: 'Vul de tekst van de opmerking in.',
    remarks: 'Voeg ten minste één opmerking toe.',
    processing: 'Kies ten minste één verwerking uit de legenda.',
    processingCode: 'Een verwerkingscode mag niet leeg zijn.',
    processingTwice: 'Deze code is al gekozen.',
    processingUnknown: (codes: string[], legend: string[]) =>
      `Onbekende verwerkingscode${codes.length === 1 ? '' : 's'}: ${codes.join(', ')}. Kies uit de legenda: ${legend.join(', ')}.`,
    textWithSameAs: 'Geef een eigen reactie óf verwijs naar de reactie op een andere opmerking, niet allebei.',
    responseText: 'Vul de reactie in, of verwijs naar de reactie op een andere opmerking.',
    sameAsUnknown: 'Deze opmerking bestaat niet in deze consultatie.',
    sameAsSelf: 'Een opmerking kan niet naar haar eigen reactie verwijzen.',
    sameAsNoText: (n: number) => `Opmerking ${n} heeft nog geen eigen reactie om naar te verwijzen.`,
    sameAsReferred: (numbers: number[]) =>
      `Naar de reactie op deze opmerking verwijst ook ${remarkList(numbers)}: zij houdt daarom een eigen tekst.`,
    unanswered: (n: number) => `Opmerking ${n} heeft nog geen reactie.`,
  },
  states: {
    notOpen: 'De consultatie is gesloten: er kunnen geen opmerkingen meer bij.',
    notOpenToClose: 'Alleen een open consultatie kan worden gesloten.',
    notAnswerable: 'In deze status kunnen de reacties niet meer worden gewijzigd.',
    inReview: 'De lijst ligt ter goedkeuring. Laat haar eerst terugsturen om reacties te wijzigen.',
    notClosed: 'Goedkeuring kan pas worden gevraagd als de consultatie gesloten is (er kunnen dan geen opmerkingen meer bij).',
    unanswered: (numbers: number[]) => `Nog niet alle opmerkingen hebben een reactie: ${remarkList(numbers)}.`,
    notInReview: 'Deze lijst ligt niet ter goedkeuring.',
    fourEyes: 'U heeft zelf om goedkeuring gevraagd en mag deze lijst daarom niet ondertekenen.',
    notSigned: 'Alleen een ondertekende lijst kan worden verzonden.',
    alreadySent: 'Deze lijst is al verzonden; er is niets opnieuw verstuurd.',
  },
  status: {
    open: 'Open voor opmerkingen',
    closed: 'Gesloten, in behandeling',
    in_review: 'Ter goedkeuring',
    signed: 'Ondertekend',
    sent: 'Verzonden',
  },
  /** The integral list (model, HTML and PDF share these). */
  list: {
    heading: 'Integrale lijst',
    documentLabel: 'Beleidsstuk',
    dateLabel: 'Datum',
    pageLabel: 'Pagina',
    intro: (participants: number, remarks: number) =>
      `Deze lijst bevat ${remarks === 1 ? '1 opmerking' : `${remarks} opmerkingen`} van ${participants === 1 ? '1 deelnemer' : `${participants} deelnemers`}, per deelnemer met onze reactie en waar de opmerking wordt verwerkt. De legenda van de verwerking staat aan het eind.`,
    columns: { remark: 'Opmerking', response: 'Reactie', processing: 'Verwerking' },
    sameAs: (n: number, participant: string) => `Zie de reactie op opmerking ${n} (${participant})`,
    noResponseYet: 'Hier komt nog een reactie.',
    noRemarks: 'Van deze deelnemer zijn geen opmerkingen ontvangen.',
    legendHeading: 'Legenda',
    legendEntry: (code: string, label: string) => (/^\d+$/.test(code) ? `${code}) ${label}` : `${code}: ${label}`),
    adopted: (signOff: string, date: string) => `Vastgesteld namens ${signOff} op ${date}.`,
    concept: 'CONCEPT',
    conceptTitle: (title: string) => `CONCEPT – ${title}`,
    conceptNotice: 'Concept: deze lijst is nog niet vastgesteld en kan nog veranderen.',
    verifyNote: (url: string) => `U kunt op ${url} nagaan of deze lijst echt van ons komt: vul daar de titel van de lijst in en kies het pdf-bestand.`,
    filename: (concept: boolean, ext: 'pdf' | 'html') => `${concept ? 'concept-' : ''}integrale-lijst.${ext}`,
    storedMissing: 'De ondertekende lijst is niet gevonden in de opslag. Neem contact op met de beheerder.',
  },
  mail: {
    subjects: {
      list: (title: string) => `Integrale lijst: "${title}"`,
      approvalRequested: (title: string) => `Graag uw goedkeuring: integrale lijst "${title}"`,
      returned: (title: string) => `Teruggestuurd met opmerkingen: integrale lijst "${title}"`,
      signed: (title: string) => `Ondertekend en klaar om te verzenden: integrale lijst "${title}"`,
    },
    preview: (document: string) => `De reacties op de opmerkingen over ${document}, als ondertekende PDF.`,
    intro: (signOff: string, document: string) =>
      `Namens ${signOff} ontvangt u hierbij de integrale lijst: onze reacties op de opmerkingen die wij over ${document} hebben ontvangen, en waar ze worden verwerkt.`,
    yourRemarks: (n: number) =>
      n === 0
        ? 'Van uw organisatie hebben wij geen opmerkingen ontvangen; u ontvangt de lijst ter informatie.'
        : n === 1
          ? 'U vindt in de lijst onze reactie op uw opmerking.'
          : `U vindt in de lijst onze reacties op uw ${n} opmerkingen.`,
    attached: (filename: string) => `De ondertekende lijst zit als PDF in de bijlage (${filename}).`,
    labels: { title: 'Titel', document: 'Beleidsstuk', remarks: 'Uw opmerkingen', signedOn: 'Vastgesteld op', attachment: 'Bijlage' },
    verifyText: 'Wilt u nagaan of de bijgevoegde PDF precies de ondertekende lijst is? Vul dan de titel en de vingerafdruk hieronder in op de controlepagina, of gebruik de link.',
    verifyHeading: 'Is deze lijst echt?',
    verifyLink: 'Lijst controleren',
    approvalRequested: (name: string, title: string) =>
      `${name} heeft de reacties in de integrale lijst "${title}" afgerond en vraagt u de lijst te beoordelen. Onderteken haar, of stuur haar terug met een opmerking.`,
    returned: (name: string, title: string) => `${name} heeft de integrale lijst "${title}" teruggestuurd. Pas de reacties aan en vraag daarna opnieuw om goedkeuring.`,
    signed: (name: string, title: string, signedOn: string) => `${name} heeft de integrale lijst "${title}" op ${signedOn} ondertekend. U kunt haar nu verzenden aan de deelnemers.`,
    open: 'Consultatie openen',
  },
} as const;
