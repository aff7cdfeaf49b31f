import { nl } from '../../schema/i18n/nl';
import { Layout, PageTitle, type Chrome } from '../components/layout';

export function ErrorPage({ chrome, title, message, back }: { chrome: Chrome; title: string; message: string; back?: { href: string; label: string } }) {
  return (
    <Layout chrome={chrome} title={title}>
      <div className="ww-narrow">
        <PageTitle>{title}</PageTitle>
        <div className="ww-panel">
          <p className="utrecht-paragraph">{message}</p>
          <p className="utrecht-paragraph">
            <a className="utrecht-link utrecht-link--html-a" href={back?.href ?? '/'}>
              {back?.label ?? nl.web.errors.backHome}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
