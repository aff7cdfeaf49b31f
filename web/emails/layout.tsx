import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { nl } from '../../schema/i18n/nl';

/** Shared frame of every mail: sober, readable in any client, with the sender named at the top. */

const body = { backgroundColor: '#f4f4f4', fontFamily: 'Arial, Helvetica, sans-serif', color: '#1a1a1a', margin: 0, padding: '24px 0' };
const container = { backgroundColor: '#ffffff', maxWidth: '600px', padding: '24px 32px', border: '1px solid #dddddd' };
const sender = { fontSize: '14px', fontWeight: 'bold' as const, color: '#154273', margin: '0 0 16px' };
const footer = { fontSize: '12px', color: '#555555', lineHeight: '18px', margin: '4px 0' };

export function MailLayout(props: { preview: string; sender: string; appName: string; footerNote?: string; children: ReactNode }) {
  return (
    <Html lang="nl" dir="ltr">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={sender}>{props.sender}</Text>
          {props.children}
          <Hr style={{ borderColor: '#dddddd', margin: '24px 0 12px' }} />
          {props.footerNote ? <Text style={footer}>{props.footerNote}</Text> : null}
          <Text style={footer}>{nl.mail.common.automatic(props.appName)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

const paragraph = { fontSize: '15px', lineHeight: '23px', margin: '0 0 14px' };

export function P(props: { children: ReactNode }) {
  return <Text style={paragraph}>{props.children}</Text>;
}

export function Heading2(props: { children: ReactNode }) {
  return <Text style={{ ...paragraph, fontSize: '17px', fontWeight: 'bold', margin: '20px 0 8px' }}>{props.children}</Text>;
}

/** Label–value lines (ons kenmerk, termijn …): one line each, so the plain text reads the same. */
export function Facts(props: { rows: [string, string | null | undefined][] }) {
  const rows = props.rows.filter((r): r is [string, string] => Boolean(r[1]));
  return (
    <Section style={{ backgroundColor: '#f0f4f8', padding: '12px 16px', margin: '0 0 16px' }}>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ fontSize: '14px', lineHeight: '20px', margin: '2px 0' }}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}

export function ActionLink(props: { href: string | null; children: ReactNode }) {
  if (!props.href) return null;
  return (
    <Text style={paragraph}>
      <Link href={props.href} style={{ color: '#154273', fontWeight: 'bold', textDecoration: 'underline' }}>
        {props.children}
      </Link>
    </Text>
  );
}

export function Quote(props: { children: ReactNode }) {
  return (
    <Text style={{ ...paragraph, borderLeft: '4px solid #8fa9c6', paddingLeft: '12px', whiteSpace: 'pre-wrap' as const }}>{props.children}</Text>
  );
}
