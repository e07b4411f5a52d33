import { Stack, Switch } from '@mantine/core';
import {
  answersOf,
  assessmentLanguages,
  healthAssessment,
  linkIdOfExpression,
  pruneDisabled,
  type Decision,
} from '@passage/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useResource } from '../common/use-resource';
import { AssessmentActions } from './assessment-actions.component';
import {
  completeAssessment,
  fetchRecommendations,
  newDraft,
  saveDraft,
  type CompletionResult,
} from './assessment.resource';
import { CompletedNotice } from './completed-notice.component';
import { DecisionPanel, type Decisions } from './decision-support/decision-panel.component';
import type { Patient, QuestionnaireItem, QuestionnaireResponse } from './fhir-types';
import { GROWTH_FIELDS, growthResults } from './growth';
import { GrowthHint } from './growth-hint.component';
import { languageName, preferredLanguage } from './person';
import { focusField } from './questionnaire-form/focus-field';
import { IssueSummary } from './questionnaire-form/issue-summary.component';
import { QuestionnaireForm } from './questionnaire-form/questionnaire-form.component';
import { compactResponse, sectionOf } from './questionnaire-form/response-state';
import { summarize } from './questionnaire-form/summary';
import { useQuestionnaireForm } from './questionnaire-form/use-questionnaire-form';
import { useAutosave } from './use-autosave';

interface Props {
  patientId: string;
  patient: Patient;
  /** A new response or a resumed draft, its context section filled from the Patient. */
  initial: QuestionnaireResponse;
  today: string;
  /** The draft was created on the server (the page puts its id in the address). */
  onCreated: (id: string) => void;
}

const base = (language: string) => language.toLowerCase().split('-')[0] ?? language;

/** The assessment being filled in: form, decision support, autosave and completion. */
export function AssessmentEditor({ patientId, patient, initial, today, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  const form = useQuestionnaireForm(healthAssessment, initial, today);
  const [section, setSection] = useState(healthAssessment.item?.[0]?.linkId ?? '');
  const [bilingual, setBilingual] = useState(false);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [completing, setCompleting] = useState(false);
  const [completeError, setCompleteError] = useState<unknown>(null);
  const [showSummary, setShowSummary] = useState(false);
  const [completed, setCompleted] = useState<CompletionResult | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  // --- Drafts ---------------------------------------------------------------------------------
  const draftId = useRef(initial.id);
  const latest = useRef(form.response);
  latest.current = form.response;
  /** What is stored: only answers to questions that apply, and no empty items. */
  const stored = (): QuestionnaireResponse => ({
    ...newDraft(patientId, pruneDisabled(healthAssessment, compactResponse(latest.current)).item),
    ...(draftId.current ? { id: draftId.current } : {}),
  });
  // The last save can finish after the user has left the page: it must not bring them back to it.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const autosave = useAutosave(form.version, async () => {
    const saved = await saveDraft(stored());
    if (!draftId.current && saved.id) {
      draftId.current = saved.id;
      if (mounted.current) onCreated(saved.id);
    }
  });
  const saveQuietly = () => void autosave.saveNow().catch(() => undefined);

  function changeSection(linkId: string) {
    setSection(linkId);
    saveQuietly();
  }

  // --- Decision support -----------------------------------------------------------------------
  const pregnant =
    form.isEnabled('pregnancy/pregnant') &&
    answersOf(form.response.item, 'pregnant')[0]?.valueCoding?.code === 'yes';
  const recommendations = useResource(
    (signal) => fetchRecommendations(patientId, pregnant, signal),
    [patientId, pregnant],
  );
  const dueCount = (recommendations.data ?? []).filter((r) => r.status === 'due').length;
  useEffect(() => {
    // A recommendation no longer due (after the pregnancy answer changed) keeps no decision.
    const due = new Set((recommendations.data ?? []).filter((r) => r.status === 'due').map((r) => r.id));
    setDecisions((all) => Object.fromEntries(Object.entries(all).filter(([id]) => due.has(id))));
  }, [recommendations.data]);

  // --- Growth ---------------------------------------------------------------------------------
  const growth = useMemo(() => growthResults(patient, form.response, today), [patient, form.response, today]);
  const renderExtra = (item: QuestionnaireItem) => {
    const indicators = GROWTH_FIELDS[item.linkId];
    return indicators ? (
      <GrowthHint results={growth.filter((r) => indicators.includes(r.indicator))} />
    ) : null;
  };

  // --- Completion -----------------------------------------------------------------------------
  function goTo(path: string) {
    setSection(sectionOf(path));
    requestAnimationFrame(() => focusField(path));
  }

  function showProblems() {
    setShowSummary(true);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function complete() {
    setCompleteError(null);
    form.setServerIssues([]);
    if (form.validateAll().length > 0) return showProblems();
    setCompleting(true);
    await autosave.pause();
    try {
      const response: QuestionnaireResponse = { ...stored(), status: 'completed' };
      const chosen = Object.entries(decisions).map(([recommendationId, decision]: [string, Decision]) => ({
        recommendationId,
        decision,
      }));
      setCompleted(await completeAssessment(response, chosen));
    } catch (error) {
      autosave.resume();
      if (error instanceof ApiError && error.status === 422 && error.issues.some((i) => i.expression)) {
        form.setServerIssues(
          error.issues.map((i) => ({
            linkId: i.expression ? linkIdOfExpression(i.expression) : undefined,
            message: i.message,
          })),
        );
        showProblems();
      } else {
        setCompleteError(error);
      }
    } finally {
      setCompleting(false);
    }
  }

  if (completed) return <CompletedNotice patientId={patientId} result={completed} />;

  const person = preferredLanguage(patient);
  const offered = person && base(person) !== base(ui);
  const translated = person ? assessmentLanguages().includes(base(person)) : false;
  const entries = showSummary
    ? summarize(t, healthAssessment, form.response, form.visibleIssues, form.serverIssues, ui)
    : [];

  return (
    <Stack gap="md">
      {offered && (
        <Switch
          checked={bilingual && translated}
          disabled={!translated}
          onChange={(e) => setBilingual(e.currentTarget.checked)}
          label={t('assessmentBilingual', { language: languageName(person, ui) })}
          description={translated ? t('assessmentBilingualHint') : t('assessmentBilingualMissing')}
        />
      )}
      <IssueSummary ref={summaryRef} entries={entries} onSelect={goTo} />
      <QuestionnaireForm
        form={form}
        languages={{ ui, person, bilingual: bilingual && translated }}
        today={today}
        section={section}
        onSectionChange={changeSection}
        renderExtra={renderExtra}
        aside={(placement) => (
          <DecisionPanel
            withTitle={placement === 'inline'}
            recommendations={recommendations.data}
            loading={recommendations.loading}
            error={recommendations.error}
            onRetry={recommendations.reload}
            decisions={decisions}
            onDecide={(id, decision) =>
              setDecisions((all) => {
                const { [id]: _previous, ...rest } = all;
                return decision ? { ...rest, [id]: decision } : rest;
              })
            }
          />
        )}
        asideLabel={t('assessmentDecisionSupport')}
        asideCount={dueCount}
      />
      <AssessmentActions
        status={autosave.status}
        pending={autosave.pending}
        hasDraft={!!draftId.current}
        onSave={saveQuietly}
        onComplete={() => void complete()}
        completing={completing}
        completeError={completeError}
      />
    </Stack>
  );
}
