import type { PortalLanguage } from '@continuum/contracts';
import { CODE_TTL_MINUTES } from './portal-rules.ts';

/*
 * The words of the portal's messages, in English and Spanish. They carry no health information and
 * no name: a message on a shared phone or a lock screen must not say what it is about beyond the portal.
 */

export function codeMessage(language: PortalLanguage, code: string): { subject: string; text: string } {
  return language === 'es'
    ? {
        subject: 'Su código para entrar',
        text: `Su código para entrar a Continuum es ${code}. Sirve una sola vez, durante ${CODE_TTL_MINUTES} minutos. Si usted no lo pidió, no haga nada.`,
      }
    : {
        subject: 'Your sign-in code',
        text: `Your Continuum sign-in code is ${code}. It works once, for ${CODE_TTL_MINUTES} minutes. If you did not ask for it, do nothing.`,
      };
}

export function invitationMessage(language: PortalLanguage, portalUrl: string): { subject: string; text: string } {
  return language === 'es'
    ? {
        subject: 'Su página en Continuum',
        text:
          `Le invitamos a su página en Continuum. Allí puede ver sus permisos, ver quién vio su expediente y pedir ayuda. ` +
          `Para entrar, abra ${portalUrl} y escriba esta dirección. Le enviaremos un código. No necesita contraseña.`,
      }
    : {
        subject: 'Your Continuum page',
        text:
          `You are invited to your page on Continuum. There you can see your consents, see who saw your record and ask for help. ` +
          `To sign in, open ${portalUrl} and type this address. We will send you a code. You do not need a password.`,
      };
}
