import { useEffect, type ReactNode } from 'react';

interface PageHeadingProps {
  title: string;
  description?: ReactNode;
  /** Buttons or links shown beside the title, such as "New organization". */
  actions?: ReactNode;
  /** Small text above the title, such as the section name. */
  eyebrow?: ReactNode;
}

/** The page's one h1; also sets the document title so tabs and history entries are distinguishable. */
export function PageHeading({ title, description, actions, eyebrow }: PageHeadingProps) {
  useEffect(() => {
    document.title = `${title} · Continuum`;
  }, [title]);
  return (
    <div className="page-heading">
      <div className="page-heading-text">
        {eyebrow ? <p className="page-eyebrow">{eyebrow}</p> : null}
        <h1>{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
