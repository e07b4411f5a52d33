/** The Provenance of a merge or an unmerge: who, on behalf of which site, when, and what it touched. */
import type { Provenance } from '@medplum/fhirtypes';
import { roleHas } from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { newId } from '../fhir/store/write.ts';

/** ISO 21089 record lifecycle events (the activity codes FHIR R5 uses; v3 DataOperation has no merge). */
export const LIFECYCLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle';

export function lifecycleProvenance(input: {
  ctx: AccessContext;
  activity: 'merge' | 'unmerge';
  /** The surviving Patient first: a Provenance belongs to the person its first target names. */
  targets: readonly string[];
  site: string | undefined;
  now: Date;
  reason: string;
}): Provenance & { id: string; resourceType: 'Provenance' } {
  const { ctx, activity } = input;
  const role = ctx.assignments.find((a) => roleHas(a.role, 'clinical.write'))?.role ?? 'system';
  return {
    resourceType: 'Provenance',
    id: newId(),
    target: input.targets.map((reference) => ({ reference })),
    recorded: input.now.toISOString(),
    activity: {
      coding: [
        {
          system: LIFECYCLE_SYSTEM,
          code: activity,
          display: activity === 'merge' ? 'Merge Record Lifecycle Event' : 'Unmerge Record Lifecycle Event',
        },
      ],
      text: activity.toUpperCase(),
    },
    reason: [{ text: input.reason }],
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'performer',
            },
          ],
        },
        who: { display: `${ctx.displayName ?? ctx.username} (${role})`, identifier: { value: ctx.userId } },
        ...(input.site ? { onBehalfOf: { reference: `Organization/${input.site}` } } : {}),
      },
    ],
  };
}
