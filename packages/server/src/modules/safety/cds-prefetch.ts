import { validationError } from '../../errors.ts';

/*
 * CDS Hooks 2.0 prefetch (https://cds-hooks.hl7.org/2.0/#providing-fhir-resources-to-a-cds-service):
 * the EHR sends what the discovery document's templates ask for in `prefetch`; what it leaves out
 * the service may fetch itself from `fhirServer` with the access token in `fhirAuthorization`.
 * A key present in `prefetch` (even null: "nothing matched") is used as sent and never fetched.
 */

export interface FhirAuthorization {
  accessToken: string;
  tokenType: 'Bearer';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fills `{{context.x}}` and `{{userPractitionerId}}`-style tokens from the request's context; null when a token has no value. */
export function fillTemplate(template: string, context: Record<string, unknown>): string | null {
  let missing = false;
  const filled = template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, name: string) => {
    const key = name.startsWith('context.') ? name.slice('context.'.length) : name;
    const value = context[key];
    if (typeof value !== 'string' && typeof value !== 'number') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : filled;
}

/** The request's `fhirServer` and `fhirAuthorization`, validated; null when the EHR sent none. */
export function fhirAccessOf(body: Record<string, unknown>, production: boolean): { fhirServer: string; auth: FhirAuthorization } | null {
  if (body.fhirServer === undefined) return null;
  if (typeof body.fhirServer !== 'string' || !/^https?:\/\//.test(body.fhirServer))
    throw validationError('body.fhirServer', 'must be an http(s) URL');
  if (production && !body.fhirServer.startsWith('https://')) throw validationError('body.fhirServer', 'must be an https URL');
  const auth = body.fhirAuthorization;
  if (!isObject(auth)) throw validationError('body.fhirAuthorization', 'is required with fhirServer');
  if (typeof auth.access_token !== 'string' || auth.access_token.length === 0)
    throw validationError('body.fhirAuthorization.access_token', 'is required');
  if (typeof auth.token_type !== 'string' || auth.token_type.toLowerCase() !== 'bearer')
    throw validationError('body.fhirAuthorization.token_type', 'must be "Bearer"');
  return { fhirServer: body.fhirServer.replace(/\/+$/, ''), auth: { accessToken: auth.access_token, tokenType: 'Bearer' } };
}

/** Fetches one FHIR query (relative to the server), or throws an error naming the prefetch key. */
async function fetchFhir(fhirServer: string, auth: FhirAuthorization, query: string, key: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${fhirServer}/${query}`, {
      headers: { accept: 'application/fhir+json', authorization: `Bearer ${auth.accessToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw validationError(`body.prefetch.${key}`, 'is missing and the FHIR server could not be reached');
  }
  if (response.status === 404 && !query.includes('?')) return null;
  if (!response.ok) throw validationError(`body.prefetch.${key}`, `is missing and the FHIR server answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw validationError(`body.prefetch.${key}`, 'is missing and the FHIR server did not answer JSON');
  }
}

/**
 * The request with every template key the EHR did not prefetch fetched from its FHIR server (in
 * parallel). Without `fhirServer`, a missing required key is a 400 naming it; missing optional keys
 * are left out.
 */
export async function completePrefetch(
  body: Record<string, unknown>,
  templates: Record<string, string>,
  required: readonly string[],
  options: { production: boolean; timeoutMs?: number } = { production: false },
): Promise<{ body: Record<string, unknown>; fetched: string[] }> {
  if (body.prefetch !== undefined && body.prefetch !== null && !isObject(body.prefetch))
    throw validationError('body.prefetch', 'must be an object');
  const prefetch = { ...((body.prefetch as Record<string, unknown> | undefined) ?? {}) };
  const missing = Object.keys(templates).filter((k) => !(k in prefetch));
  if (missing.length === 0) return { body, fetched: [] };
  const access = fhirAccessOf(body, options.production);
  if (!access) {
    const first = required.find((k) => !(k in prefetch));
    if (first)
      throw validationError(`body.prefetch.${first}`, 'is required (or send fhirServer and fhirAuthorization so it can be fetched)');
    return { body, fetched: [] };
  }
  const context = isObject(body.context) ? body.context : {};
  const queries = missing.flatMap((key) => {
    const query = fillTemplate(templates[key]!, context);
    return query === null ? [] : [{ key, query }];
  });
  const results = await Promise.all(
    queries.map((q) => fetchFhir(access.fhirServer, access.auth, q.query, q.key, options.timeoutMs ?? 10_000)),
  );
  queries.forEach((q, i) => {
    prefetch[q.key] = results[i];
  });
  for (const key of required) if (!(key in prefetch)) throw validationError(`body.prefetch.${key}`, 'is required');
  return { body: { ...body, prefetch }, fetched: queries.map((q) => q.key) };
}
