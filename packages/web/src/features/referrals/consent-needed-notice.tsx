import {} from '@continuum/contracts';
import { Button } from '../../ui/button.tsx';

/** The plain-words explanation when no consent lets this referral be sent, with the way to record one. */
export function ConsentNeededNotice({ organizationName, onCapture }: { organizationName: string; onCapture: () => void }) {
  return (
    <div className="alert alert-warning" role="alert">
      <p className="alert-title">The person’s consent is needed first</p>
      <div className="alert-body">
        <p>
          A referral shares this person’s information with {organizationName}. Federal rules for substance use treatment records (42 CFR
          Part 2) require the person’s written consent naming {organizationName}, for treatment, and covering referrals. No signed, current
          consent does that yet, so nothing has been sent.
        </p>
        <p>Ask the person whether they agree. If they do, record their consent; you come back here to finish the referral.</p>
        <Button variant="primary" onClick={onCapture}>
          Record the person’s consent
        </Button>
      </div>
    </div>
  );
}
