/** Dutch texts of publishing consultations' integral lists under the Woo: the staff's panel, the public pages, the feed. */
export const nlPublicationLists = {
  /** The staff's panel on the consultation page: the advice's panel (nl-publication.ts `panel`) with these words. */
  panel: {
    intro: 'Een integrale lijst wordt na verzending openbaar gemaakt op grond van de Wet open overheid, tenzij u besluit dat niet te doen.',
    statusPublic: 'Openbaar: deze lijst staat in het openbare archief.',
    statusWillPublish: 'Wordt openbaar zodra de lijst is verzonden.',
    reasonHint: 'Verplicht als u de lijst niet openbaar maakt. Deze reden is alleen voor medewerkers zichtbaar.',
  },
  /** The two parts of the public archive, as tabs (plain links). */
  tabs: {
    label: 'Onderdelen van het archief',
    advice: 'Adviezen',
    lists: 'Consultaties',
  },
  /** /openbaar/{slug}/consultaties */
  archive: {
    title: (org: string) => `Consultaties van ${org}`,
    intro: (org: string) =>
      `Hier vindt u de integrale lijsten van consultaties van ${org}: de opmerkingen van adviesraden en andere organisaties op een beleidsstuk, de reactie van de gemeente op elke opmerking en waar die is verwerkt. De gemeente publiceert ze op grond van de Wet open overheid.`,
    newest: 'Nieuwste eerst',
    listLabel: 'Gepubliceerde integrale lijsten',
    document: 'Over',
    sentOn: 'Verzonden op',
    none: 'Er zijn (nog) geen integrale lijsten gepubliceerd.',
  },
  /** /openbaar/{slug}/consultaties/{id} */
  list: {
    back: (org: string) => `← Alle consultaties van ${org}`,
    pdfHeading: 'De ondertekende lijst',
    pdfIntro: (date: string) => `De gemeente stuurde deze lijst op ${date} aan alle deelnemers, ondertekend namens het college van burgemeester en wethouders.`,
    pdfDownload: (pages: number) => `Download de lijst (PDF, ${pages === 1 ? '1 pagina' : `${pages} pagina’s`})`,
    signedBy: 'Ondertekend door',
    verifyHeading: 'Echtheid controleren',
    verifyText: 'Heeft u de lijst ergens anders gekregen? Controleer of het dezelfde ondertekende lijst is. De vingerafdruk (SHA-256) van deze lijst is:',
    verifyLink: 'Controleer deze lijst',
  },
  feed: {
    category: 'Consultatie',
    summary: (document: string, sentOn: string) => `Integrale lijst van de consultatie over ${document}; verzonden op ${sentOn}.`,
  },
  /** The official title of a list whose own title XML cannot carry. */
  diwooTitle: (date: string) => `Integrale lijst van ${date}`,
};
