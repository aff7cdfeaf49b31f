/** The Dutch texts of the figures (the overview page, its charts and the CSV): a feature section of nl.ts. */

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** A number as Dutch readers write it: a decimal comma, at most one decimal. */
const number = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ','));
const days = (n: number) => `${number(n)} ${n === 1 ? 'dag' : 'dagen'}`;

export const figures = {
  nav: 'Overzicht',
  title: 'Overzicht',
  heading: 'Overzicht van de adviezen',
  intro: 'Hoeveel advies de adviesraden gaven, hoe snel de gemeente antwoordde en wat zij met de adviezen deed.',
  introCouncil: (council: string) => `Wat de gemeente deed met de adviezen van ${council}, en hoe snel zij antwoordde.`,
  periodReversed: 'De einddatum ligt vóór de begindatum.',

  // The period and council picker.
  filters: 'Periode en adviesraad',
  from: 'Van',
  to: 'Tot en met',
  dateHint: 'Datum van ontvangst (JJJJ-MM-DD). Leeg: geen grens.',
  council: 'Adviesraad',
  anyCouncil: 'Alle adviesraden',
  show: 'Cijfers tonen',
  quick: 'Of kies een jaar',
  year: (year: string, current: boolean) => (current ? `Dit jaar (${year})` : year),
  allYears: 'Alle jaren',
  download: 'Cijfers downloaden (CSV)',
  countedBy: 'Een advies telt mee in de periode waarin de gemeente het ontving.',
  period: (from: string | null, to: string | null, date: (d: string) => string) =>
    from && to ? `${date(from)} tot en met ${date(to)}` : from ? `Vanaf ${date(from)}` : to ? `Tot en met ${date(to)}` : 'Alle jaren',

  // The key figures.
  keyFigures: 'De cijfers',
  received: 'Ontvangen',
  sent: 'Beantwoord en verzonden',
  open: 'Nog niet beantwoord',
  overdue: 'Termijn verstreken',
  overdueNote: 'niet beantwoord, termijn voorbij',
  sentOnTime: 'Op tijd verzonden',
  share: (n: number, of: number) => (of === 0 ? '' : `${number(Math.round((n / of) * 1000) / 10)}% van de verzonden adviezen`),
  median: 'Mediaan doorlooptijd',
  medianNote: 'van ontvangst tot verzending',
  medianNone: 'nog niets verzonden',
  days,
  dossiers: (n: number) => (n === 1 ? '1 advies' : `${n} adviezen`),

  // What became of the advice items.
  items: 'Wat de gemeente met de adviezen deed',
  itemsIntro: 'Per onderdeel van de verzonden brieven.',
  itemsCaption: 'Reacties op de adviezen in de verzonden brieven',
  colReaction: 'Reactie',
  colCount: 'Aantal',
  colShare: 'Aandeel',
  percent: (n: number, of: number) => (of === 0 ? '–' : `${number(Math.round((n / of) * 1000) / 10)}%`),
  questionsAnswered: 'Vragen beantwoord',
  nothingSent: 'In deze periode is nog geen reactie verzonden.',

  // Per council.
  perCouncil: 'Per adviesraad',
  councilChart: 'Reacties per adviesraad, als deel van alle adviezen in de verzonden brieven',
  councilCaption: 'Cijfers per adviesraad',
  colCouncil: 'Adviesraad',
  colReceived: 'Ontvangen',
  colSent: 'Verzonden',
  colOverdue: 'Termijn verstreken',
  noCouncils: 'Geen adviezen in deze periode.',

  // Per month (or per year for long periods).
  perMonth: 'Per maand',
  perYear: 'Per jaar',
  perYearNote: 'Over meer dan twee jaar per jaar; de CSV geeft ook de maanden.',
  monthChart: 'Ontvangen en verzonden adviezen per maand',
  yearChart: 'Ontvangen en verzonden adviezen per jaar',
  monthCaption: 'Ontvangen en verzonden per maand (verzonden: in de maand van verzending)',
  yearCaption: 'Ontvangen en verzonden per jaar (verzonden: in het jaar van verzending)',
  colMonth: 'Maand',
  colYear: 'Jaar',
  month: (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`,
  shortMonth: (ym: string) => SHORT_MONTHS[Number(ym.slice(5, 7)) - 1],

  // Days to answer.
  duration: 'Doorlooptijd',
  durationIntro: (term: number) => `Dagen van ontvangst tot verzending, naast de termijn van ${days(term)}. Valt het einde van de termijn in een weekend of op een feestdag, dan schuift het op naar de volgende werkdag.`,
  durationChart: (term: number) => `Verzonden adviezen naar aantal dagen tot verzending, op tijd en te laat, met de termijn van ${days(term)}`,
  durationCaption: 'Verzonden adviezen naar doorlooptijd',
  colDays: 'Dagen tot verzending',
  colOnTime: 'Op tijd',
  colLate: 'Te laat',
  colTotal: 'Totaal',
  bucket: (lo: number, hi: number | null) => (hi === null ? `${lo} of meer` : `${lo}–${hi}`),
  term: (n: number) => `termijn ${n} d.`,
  axisDays: 'dagen',
  axisCount: 'aantal',

  // The overdue list.
  overdueList: 'Termijn verstreken',
  overdueListIntro: 'Adviezen uit deze periode die nog niet zijn beantwoord terwijl de termijn voorbij is, de oudste termijn eerst.',
  overdueCaption: 'Adviezen met een verstreken termijn',
  overdueNone: 'Geen adviezen met een verstreken termijn in deze periode.',
  overdueMore: (shown: number) => `Hier staan de eerste ${shown}.`,
  overdueAll: 'Alle adviezen met een verstreken termijn in Dossiers',
  colDue: 'Termijn',
  colTitle: 'Advies',
  colReference: 'Ons kenmerk',
  daysLate: (n: number) => `${days(n)} te laat`,

  chartNote: 'De getallen staan in de tabel onder de grafiek.',

  // The CSV: one header row, one row per figure set.
  csv: {
    filename: (from: string | null, to: string | null) => `overzicht-${from ?? 'begin'}-${to ?? 'nu'}.csv`,
    header: [
      'Onderdeel',
      'Adviesraad',
      'Maand',
      'Ontvangen',
      'Verzonden',
      'Nog niet verzonden',
      'Termijn verstreken',
      'Op tijd verzonden',
      'Overgenomen',
      'Deels overgenomen',
      'Niet overgenomen',
      'Al gerealiseerd',
      'Vragen beantwoord',
      'Mediaan dagen tot verzending',
    ],
    total: 'Totaal',
    council: 'Adviesraad',
    month: 'Maand',
  },
} as const;
