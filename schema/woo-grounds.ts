/**
 * The articles of the Wet open overheid (Woo, chapter 5) on which a decision not to publish can
 * rest. An official who withholds a dossier always writes a reason; the ground optionally names the
 * article. Codes are stable (they are stored and sent through the API); labels are Dutch UI text.
 *
 * Code scheme: `<article>.<paragraph>.<point>` (5.1.2.e = artikel 5.1, tweede lid, onderdeel e).
 */
export const WOO_GROUNDS = [
  { code: '5.1.1.a', label: 'Eenheid van de Kroon (art. 5.1 lid 1 sub a Woo)' },
  { code: '5.1.1.b', label: 'Veiligheid van de Staat (art. 5.1 lid 1 sub b Woo)' },
  { code: '5.1.1.c', label: 'Vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens (art. 5.1 lid 1 sub c Woo)' },
  { code: '5.1.1.d', label: 'Bijzondere persoonsgegevens (art. 5.1 lid 1 sub d Woo)' },
  { code: '5.1.1.e', label: 'Nationale identificatienummers (art. 5.1 lid 1 sub e Woo)' },
  { code: '5.1.2.a', label: 'Betrekkingen met andere staten en internationale organisaties (art. 5.1 lid 2 sub a Woo)' },
  { code: '5.1.2.b', label: 'Economische of financiële belangen van de overheid (art. 5.1 lid 2 sub b Woo)' },
  { code: '5.1.2.c', label: 'Opsporing en vervolging van strafbare feiten (art. 5.1 lid 2 sub c Woo)' },
  { code: '5.1.2.d', label: 'Inspectie, controle en toezicht (art. 5.1 lid 2 sub d Woo)' },
  { code: '5.1.2.e', label: 'Eerbiediging van de persoonlijke levenssfeer (art. 5.1 lid 2 sub e Woo)' },
  { code: '5.1.2.f', label: 'Concurrentiegevoelige bedrijfs- en fabricagegegevens (art. 5.1 lid 2 sub f Woo)' },
  { code: '5.1.2.g', label: 'Bescherming van het milieu (art. 5.1 lid 2 sub g Woo)' },
  { code: '5.1.2.h', label: 'Beveiliging van personen en bedrijven, voorkomen van sabotage (art. 5.1 lid 2 sub h Woo)' },
  { code: '5.1.2.i', label: 'Goed functioneren van de overheid (art. 5.1 lid 2 sub i Woo)' },
  { code: '5.1.5', label: 'Onevenredige benadeling (art. 5.1 lid 5 Woo)' },
  { code: '5.2', label: 'Persoonlijke beleidsopvattingen voor intern beraad (art. 5.2 Woo)' },
] as const;

export type WooGround = (typeof WOO_GROUNDS)[number]['code'];
export const WOO_GROUND_CODES = WOO_GROUNDS.map((g) => g.code) as [WooGround, ...WooGround[]];

export const wooGroundLabel = (code: string | null | undefined) => WOO_GROUNDS.find((g) => g.code === code)?.label ?? null;
