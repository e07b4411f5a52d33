/**
 * FHIR types as @passage/core uses them, named here so that the web package needs no FHIR type
 * package of its own: each is read off a core function's signature.
 */
import type { contextItems, translateCoding, validateResponse, walkResponse } from '@passage/core';

export type Questionnaire = Parameters<typeof walkResponse>[0];
export type QuestionnaireItem = NonNullable<Questionnaire['item']>[number];
export type QuestionnaireResponse = Parameters<typeof validateResponse>[1];
export type QuestionnaireResponseItem = NonNullable<QuestionnaireResponse['item']>[number];
export type Answer = NonNullable<QuestionnaireResponseItem['answer']>[number];
export type Coding = Parameters<typeof translateCoding>[0];
export type Patient = Parameters<typeof contextItems>[0];
