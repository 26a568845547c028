/**
 * The notices that must accompany a disclosure of Part 2 records, 42 CFR 2.32(a) as amended by the
 * 2024 final rule (89 FR 12472). Statement 1 is the full notice; statement 2 the abbreviated one for
 * small surfaces. The English text is the regulation's; check it against the current eCFR when the
 * rule changes. The Spanish text is a courtesy translation; the English text governs.
 */
export const part2Notice = {
  en: {
    full:
      'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
      'These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
      'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, ' +
      'unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. ' +
      'In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of the following applies: ' +
      '(i) further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2; ' +
      '(ii) you are a covered entity or business associate and have received the record for treatment, payment, or health care operations; or ' +
      '(iii) you have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E. ' +
      'A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).',
    short: '42 CFR part 2 prohibits unauthorized use or disclosure of these records.',
  },
  es: {
    full:
      'Este registro que se le ha divulgado está protegido por las normas federales de confidencialidad (42 CFR parte 2). ' +
      'Estas normas le prohíben usar o divulgar este registro, o testimonios que describan la información que contiene, ' +
      'en cualquier procedimiento civil, penal, administrativo o legislativo de cualquier autoridad federal, estatal o local en contra del paciente, ' +
      'salvo que el paciente lo autorice con su consentimiento, excepto según lo previsto en 42 CFR 2.12(c)(5) o lo autorice un tribunal conforme a 42 CFR 2.64 o 2.65. ' +
      'Además, las normas federales le prohíben cualquier otro uso o divulgación de este registro salvo que se cumpla al menos una de las siguientes condiciones: ' +
      '(i) el consentimiento por escrito de la persona cuya información se divulga, u otra disposición de 42 CFR parte 2, lo permite expresamente; ' +
      '(ii) usted es una entidad cubierta o un socio comercial y recibió el registro para tratamiento, pago u operaciones de atención médica; o ' +
      '(iii) usted recibió el registro de una entidad cubierta o de un socio comercial según lo permitido por 45 CFR parte 164, subpartes A y E. ' +
      'Una autorización general para divulgar información médica o de otro tipo NO cumple los requisitos del consentimiento por escrito para volver a usar o divulgar el registro (véase 42 CFR 2.31).',
    short: '42 CFR parte 2 prohíbe el uso o la divulgación no autorizados de estos registros.',
  },
} as const;
