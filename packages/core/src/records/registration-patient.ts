/**
 * A registration form as a FHIR R4 Patient and back, with Passage's conventions (fhir-conventions.ts):
 * names, birth date, languages, identity documents, telecom, address, emergency contact and photo here,
 * the extensions in registration-extensions.ts.
 */
import type {
  Attachment,
  Extension,
  HumanName,
  Identifier,
  Patient,
  PatientCommunication,
  PatientContact,
} from '@medplum/fhirtypes';
import {
  BCP47_SYSTEM,
  BIRTH_DATE_ESTIMATION_EXT,
  BIRTH_DATE_PRECISION_EXT,
  LANGUAGE_EXT,
  LITERACY_EXT,
  ROLE_CODE_SYSTEM,
} from './fhir-conventions.ts';
import {
  CONTACT_RELATIONSHIPS,
  CONTACT_ROLE_SYSTEM,
  GENDERS,
  IDENTIFIER_TYPE_KEYS,
  IDENTIFIER_TYPES,
  LITERACY_LEVELS,
  OTHER_NAME_USES,
  TELECOM_SYSTEMS,
  oneOf,
} from './registration-codes.ts';
import { formExtensions, patientExtensions } from './registration-extensions.ts';
import {
  PARTS_OF_PRECISION,
  dateParts,
  estimatedBirthYear,
  localToday,
  squeeze,
  words,
  type Registration,
  type RegistrationName,
} from './registration-form.ts';

// --- form → Patient ------------------------------------------------------------------------------

/** A Patient with the FHIR primitive extension on birthDate (JSON property `_birthDate`). */
export type RegisteredPatient = Patient & { _birthDate?: { extension: Extension[] } };

function humanName(name: RegistrationName, use: HumanName['use']): HumanName | undefined {
  const given = words(name.given);
  const family = squeeze(name.family);
  if (!given.length && !family) return undefined;
  return {
    use,
    text: [...given, family].filter(Boolean).join(' '),
    ...(family ? { family } : {}),
    ...(given.length ? { given } : {}),
    ...(name.language ? { extension: [{ url: LANGUAGE_EXT, valueCode: name.language }] } : {}),
  };
}

function birthDate(form: Registration): { date?: string; extension: Extension[] } {
  const { precision, date, age, statedOn, how } = form.birth;
  const extension: Extension[] = [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: precision }];
  if (precision !== 'estimated') {
    return dateParts(date) === PARTS_OF_PRECISION[precision] ? { date, extension } : { extension: [] };
  }
  const note = squeeze(how);
  if (age === null || dateParts(statedOn) !== 'day') {
    return dateParts(date) ? { date, extension } : { extension: [] };
  }
  const text = `stated age ${age} on ${statedOn}${note ? `: ${note}` : ''}`;
  extension.push({ url: BIRTH_DATE_ESTIMATION_EXT, valueString: text });
  return { date: String(estimatedBirthYear(age, statedOn)).padStart(4, '0'), extension };
}

function communication(form: Registration): PatientCommunication[] {
  return form.languages
    .filter((l) => l.code)
    .map((l) => ({
      language: { coding: [{ system: BCP47_SYSTEM, code: l.code }] },
      ...(l.preferred ? { preferred: true } : {}),
      ...(l.literacy ? { extension: [{ url: LITERACY_EXT, valueCode: l.literacy }] } : {}),
    }));
}

function identifiers(form: Registration): Identifier[] {
  return form.identifiers.flatMap((id): Identifier[] => {
    const value = id.value.trim();
    if (!id.type || !value) return [];
    const { system, code, display } = IDENTIFIER_TYPES[id.type];
    const organization = squeeze(id.organization);
    return [
      {
        use: 'official',
        type: { coding: [{ system, code, display }], text: display },
        system: id.country
          ? `urn:passage:id:${id.country.toLowerCase()}:${id.type}`
          : `urn:passage:id:${id.type}`,
        value,
        ...(organization ? { assigner: { display: organization } } : {}),
      },
    ];
  });
}

function emergencyContact(form: Registration): PatientContact[] {
  const { name, relationship, phone } = form.emergencyContact;
  if (!name.trim() && !phone.trim()) return [];
  return [
    {
      relationship: [
        { coding: [{ system: CONTACT_ROLE_SYSTEM, code: 'C', display: 'Emergency Contact' }] },
        ...(relationship ? [{ coding: [{ system: ROLE_CODE_SYSTEM, code: relationship }] }] : []),
      ],
      ...(name.trim() ? { name: { text: squeeze(name) } } : {}),
      ...(phone.trim() ? { telecom: [{ system: 'phone' as const, value: phone.trim() }] } : {}),
    },
  ];
}

/**
 * The Patient to create. Without a Passage identifier: the server assigns one on create. Safe on an
 * unfinished form (for the likely-duplicates search): blank rows and malformed dates are left out.
 */
export function registrationToPatient(form: Registration, { siteId }: { siteId: string }): RegisteredPatient {
  const names = [
    humanName(form.name, 'official'),
    ...form.transliterations.map((t) => humanName(t, 'usual')),
    ...form.otherNames.map((n) => humanName(n, n.use)),
  ].filter((n): n is HumanName => n !== undefined);
  const birth = birthDate(form);
  const patient: RegisteredPatient = { resourceType: 'Patient', active: true };
  const extension = patientExtensions(form);
  if (extension.length) patient.extension = extension;
  const ids = identifiers(form);
  if (ids.length) patient.identifier = ids;
  if (names.length) patient.name = names;
  const telecom = form.telecom
    .filter((p) => p.value.trim())
    .map((p) => ({
      system: p.system,
      value: p.value.trim(),
      ...(p.system === 'phone' ? { use: 'mobile' as const } : {}),
    }));
  if (telecom.length) patient.telecom = telecom;
  if (form.gender) patient.gender = form.gender;
  if (birth.date) {
    patient.birthDate = birth.date;
    patient._birthDate = { extension: birth.extension };
  }
  if (form.address.trim()) patient.address = [{ use: 'temp', text: squeeze(form.address) }];
  const contact = emergencyContact(form);
  if (contact.length) patient.contact = contact;
  if (form.photo) patient.photo = [{ contentType: form.photo.contentType, data: form.photo.data }];
  const language = communication(form);
  if (language.length) patient.communication = language;
  patient.managingOrganization = { reference: `Organization/${siteId}` };
  return patient;
}

// --- Patient → form ------------------------------------------------------------------------------

function formName(name: HumanName | undefined): RegistrationName {
  const given = (name?.given ?? []).join(' ');
  return {
    language: name?.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode ?? '',
    family: name?.family ?? '',
    // A name known only as text (from another system) is kept rather than lost.
    given: given || name?.family ? given : (name?.text ?? ''),
  };
}

const ESTIMATION = /^stated age (\d{1,3}) on (\d{4}-\d{2}-\d{2})(?:: (.*))?$/s;

function formBirth(patient: RegisteredPatient, today: string): Registration['birth'] {
  const date = patient.birthDate ?? '';
  const extensions = patient._birthDate?.extension ?? [];
  const stated = extensions.find((e) => e.url === BIRTH_DATE_PRECISION_EXT)?.valueCode;
  const parts = dateParts(date);
  const unused = { age: null, statedOn: today, how: '' };
  if (stated === 'estimated') {
    const text = extensions.find((e) => e.url === BIRTH_DATE_ESTIMATION_EXT)?.valueString ?? '';
    const m = ESTIMATION.exec(text);
    if (m)
      return {
        precision: 'estimated',
        date: '',
        age: Number(m[1]),
        statedOn: m[2] as string,
        how: m[3] ?? '',
      };
    return { precision: 'estimated', date: date.slice(0, 4), age: null, statedOn: '', how: text };
  }
  // The stated precision wins over the date's form: the demo writes year-only dates as YYYY-01-01.
  if (stated === 'year' || parts === 'year') return { precision: 'year', date: date.slice(0, 4), ...unused };
  if (stated === 'month' || parts === 'month')
    return { precision: 'month', date: date.slice(0, 7), ...unused };
  return { precision: 'exact', date, ...unused };
}

const ID_SYSTEM = /^urn:passage:id:(?:([a-z]{2}):)?/;

function formIdentifiers(patient: Patient): Registration['identifiers'] {
  return (patient.identifier ?? []).flatMap((id) => {
    const coding = id.type?.coding ?? [];
    const type = IDENTIFIER_TYPE_KEYS.find((key) =>
      coding.some((c) => c.system === IDENTIFIER_TYPES[key].system && c.code === IDENTIFIER_TYPES[key].code),
    );
    // Only documents the person showed: the Passage identifier and other systems' ids are not form data.
    if (!type || !id.value) return [];
    const country = ID_SYSTEM.exec(id.system ?? '')?.[1]?.toUpperCase() ?? '';
    return [{ type, value: id.value, country, organization: id.assigner?.display ?? '' }];
  });
}

function formContact(patient: Patient): Registration['emergencyContact'] {
  const contact = patient.contact?.find((c) =>
    c.relationship?.some((r) => r.coding?.some((x) => x.system === CONTACT_ROLE_SYSTEM && x.code === 'C')),
  );
  const role = contact?.relationship
    ?.flatMap((r) => r.coding ?? [])
    .find((c) => c.system === ROLE_CODE_SYSTEM);
  return {
    name:
      contact?.name?.text ?? [...(contact?.name?.given ?? []), contact?.name?.family ?? ''].join(' ').trim(),
    relationship: oneOf(CONTACT_RELATIONSHIPS, role?.code),
    phone: contact?.telecom?.find((t) => t.system === 'phone')?.value ?? '',
  };
}

function formPhoto(photo: Attachment | undefined): Registration['photo'] {
  return photo?.data && photo.contentType === 'image/jpeg'
    ? { contentType: 'image/jpeg', data: photo.data }
    : null;
}

/** The form for a Patient (to show or edit a registration); `today` fills an unused estimation date. */
export function patientToRegistration(
  patient: RegisteredPatient,
  today: string = localToday(),
): Registration {
  const names = patient.name ?? [];
  const otherUses: readonly string[] = OTHER_NAME_USES;
  return {
    name: formName(names.find((n) => n.use === 'official')),
    transliterations: names.filter((n) => n.use === 'usual').map(formName),
    otherNames: names
      .filter((n) => otherUses.includes(n.use ?? ''))
      .map((n) => ({ ...formName(n), use: n.use as (typeof OTHER_NAME_USES)[number] })),
    gender: oneOf(GENDERS, patient.gender),
    birth: formBirth(patient, today),
    ...formExtensions(patient),
    languages: (patient.communication ?? []).flatMap((c) => {
      const code = c.language.coding?.find((x) => x.system === BCP47_SYSTEM)?.code;
      const literacy = oneOf(LITERACY_LEVELS, c.extension?.find((e) => e.url === LITERACY_EXT)?.valueCode);
      return code ? [{ code, literacy, preferred: c.preferred === true }] : [];
    }),
    identifiers: formIdentifiers(patient),
    telecom: (patient.telecom ?? []).flatMap((t) =>
      t.value ? [{ system: oneOf(TELECOM_SYSTEMS, t.system) || 'other', value: t.value }] : [],
    ),
    address: patient.address?.[0]?.text ?? '',
    emergencyContact: formContact(patient),
    photo: formPhoto(patient.photo?.[0]),
  };
}
