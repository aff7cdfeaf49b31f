import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from '@react-email/components';
import { render } from '@react-email/components';
import { nl } from '../../schema/i18n/nl';
import type { Role } from '../../schema/users';

export type SignInLinkView = { url: string; orgName: string; role: Role };

const t = nl.web.signIn;

const styles = {
  body: { backgroundColor: '#f5f8fc', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: '#001a40' },
  container: { backgroundColor: '#ffffff', borderTop: '6px solid #1a4f85', padding: '24px 32px', maxWidth: '560px' },
  button: { backgroundColor: '#1a4f85', color: '#ffffff', padding: '12px 20px', borderRadius: '4px', fontWeight: 700, textDecoration: 'none' },
  small: { fontSize: '14px', color: '#3d5374' },
};

export function SignInEmail({ links }: { links: SignInLinkView[] }) {
  return (
    <Html lang="nl">
      <Head />
      <Preview>{t.mailPreview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1">{t.mailSubject}</Heading>
          <Text>{t.mailGreeting}</Text>
          <Text>{t.mailIntro}</Text>
          {links.length > 1 && <Text>{t.mailChoose}</Text>}
          {links.map((link) => (
            <Section key={link.url} style={{ margin: '16px 0' }}>
              <Button href={link.url} style={styles.button}>
                {t.mailButton(link.orgName, nl.roles[link.role])}
              </Button>
            </Section>
          ))}
          <Text>{t.mailValidity}</Text>
          <Text style={styles.small}>{t.mailIgnore}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export async function renderSignInEmail(links: SignInLinkView[]) {
  const element = <SignInEmail links={links} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: t.mailSubject, html, text };
}
