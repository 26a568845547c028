import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { grantsToAnnounce, markGrantsAnnounced } from '../identity/index.ts';
import { notify } from './notifications.ts';

/**
 * Tells an organization's privacy officers (and its administrators, who may approve) that an
 * administrator granted themselves person-level access, which waits for a second administrator
 * (docs/privacy.md, "Administrators granting themselves access"). Runs every minute; each grant is
 * announced once.
 */
export const announceAccessGrantsJob = defineJob({
  name: 'notifications.announce-access-grants',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await db.transaction().execute(async (trx) => {
      const grants = await grantsToAnnounce(trx, 200);
      for (const grant of grants) {
        await notify(trx, clock, {
          kind: 'access-grant.pending',
          title: 'An administrator granted themselves person-level access',
          body:
            grant.kind === 'membership'
              ? 'An administrator added a clinical role to their own membership. It takes effect when a second administrator approves it.'
              : 'An administrator issued an API token that reads person-level records. It works when a second administrator approves it.',
          link: '/admin',
          organizations: [{ organizationId: grant.organizationId, roles: ['privacy_officer', 'org_admin'] }],
          dedupeKey: `access-grant:${grant.id}`,
        });
      }
      await markGrantsAnnounced(
        trx,
        grants.map((g) => g.id),
        clock.now(),
      );
    });
  },
});
