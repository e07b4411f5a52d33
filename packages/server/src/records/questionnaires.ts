/**
 * The Questionnaires Passage extracts from are part of the release: installed (or brought up to the
 * shipped version) when the app starts, so `GET /fhir/Questionnaire/{id}` serves what the server
 * validates against, with every translation attached.
 */
import type { Questionnaire } from '@medplum/fhirtypes';
import { healthAssessment, withTranslationExtensions } from '@passage/core';
import { systemContext } from '../access/access-context.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';

export function shippedQuestionnaires(): (Questionnaire & { id: string })[] {
  return [withTranslationExtensions(healthAssessment) as Questionnaire & { id: string }];
}

export async function installQuestionnaires(repo: FhirRepository): Promise<void> {
  const ctx = systemContext();
  for (const questionnaire of shippedQuestionnaires()) {
    const stored = await repo.db
      .selectFrom('fhir_resource')
      .select('content')
      .where('type', '=', 'Questionnaire')
      .where('id', '=', questionnaire.id)
      .where('deleted', '=', false)
      .executeTakeFirst();
    const current = stored?.content as Questionnaire | undefined;
    const { meta: _meta, ...currentBody } = current ?? {};
    if (current && JSON.stringify(currentBody) === JSON.stringify(questionnaire)) continue;
    await repo.writeAll(ctx, [{ method: 'PUT', resource: questionnaire }]);
  }
}
