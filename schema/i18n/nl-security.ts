/** Dutch texts of the security rules (issue 12): configuration, hosts, single-line fields, tokens, signing method. */
export const nlSecurity = {
  misconfigured: 'Wederwoord is nog niet goed ingesteld en daarom tijdelijk niet beschikbaar. De beheerder van het platform is gewaarschuwd.',
  wrongHost: 'Dit adres hoort niet bij deze Wederwoord-omgeving.',
  singleLine: 'Dit veld is één regel: gebruik geen regeleinden, tabs of andere stuurtekens.',
} as const;
