import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../../ui/page-heading.tsx';
import { OrganizationForm } from './organization-form.tsx';

export function OrganizationCreatePage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeading
        eyebrow="Administration"
        title="New organization"
        description="Add a partner to the care network. You can add its locations, people and API tokens next."
      />
      <section className="card form-card">
        <OrganizationForm
          onSaved={(organization) =>
            void navigate(`/admin/organizations/${organization.id}`, { state: { notice: 'Organization created.' } })
          }
          onCancel={() => void navigate('/admin/organizations')}
        />
      </section>
    </>
  );
}
