import { safeFileName as safeCoreFileName } from '../../core/file-name.ts';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { REFERRAL_ATTACHMENT_MAX_BYTES, type ReferralAttachment } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { loadVisibleReferral } from './referral-read.ts';
import { userDisplayName } from '../identity/index.ts';

/*
 * Referral attachments: at most 10 MB, and a PDF, PNG, JPEG or plain text as told by the content
 * (never by the name or the declared type). Files are stored under the files directory with random
 * names, outside the web root, and read only after the referral itself passes the consent
 * chokepoint (kind `referrals`).
 */

export type AttachmentType = ReferralAttachment['contentType'];
const BINARY_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** Pure: the allowed type of these bytes, or null. Text is valid UTF-8 without control characters other than tab, CR, LF and form feed. */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<AttachmentType | null> {
  if (bytes.length === 0) return null;
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return BINARY_TYPES.has(detected.mime) ? (detected.mime as AttachmentType) : null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text) ? null : 'text/plain';
}

/** A file name safe to store and to send back in Content-Disposition (controls and bidi overrides replaced). */
export function safeFileName(name: string | undefined): string {
  return safeCoreFileName(name, 'attachment');
}

export function attachmentsDir(filesDir: string): string {
  return path.join(filesDir, 'referral-attachments');
}

export async function addAttachment(
  db: Db,
  clock: Clock,
  access: AccessContext,
  referralId: string,
  file: { bytes: Uint8Array; fileName: string | undefined; documentKey: string | null },
  filesDir: string,
): Promise<ReferralAttachment> {
  if (file.bytes.length > REFERRAL_ATTACHMENT_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', { message: 'An attachment may be at most 10 MB.' });
  if (file.documentKey !== null && !/^[a-z][a-z0-9_]{0,39}$/.test(file.documentKey)) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Invalid document key.',
      fields: [{ path: 'body.documentKey', message: 'lower-case letters, digits and _' }],
    });
  }
  const contentType = await sniffAttachmentType(file.bytes);
  if (contentType === null) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Attach a PDF, PNG, JPEG or plain-text file.' });
  const dir = attachmentsDir(filesDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storageName = randomBytes(24).toString('hex');
  const target = path.join(dir, storageName);
  const fileName = safeFileName(file.fileName);
  return db.transaction().execute(async (trx) => {
    const v = await loadVisibleReferral(trx, clock, access, referralId, undefined, true);
    if (v.row.status === 'cancelled' || v.row.status === 'rejected')
      throw new AppError('REFERRAL_TRANSITION_INVALID', { message: 'A cancelled or declined referral takes no attachments.' });
    const now = clock.now();
    await fs.promises.writeFile(target, file.bytes, { mode: 0o600, flag: 'wx' });
    try {
      const row = await trx
        .insertInto('referral_attachments')
        .values({
          referral_id: referralId,
          file_name: fileName,
          content_type: contentType,
          size: file.bytes.length,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          storage_name: storageName,
          document_key: file.documentKey,
          uploaded_at: now,
          uploaded_by_user_id: actorUserId(access),
          uploaded_by_organization_id: access.organizationId,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await trx.updateTable('referrals').set({ updated_at: now }).where('id', '=', referralId).execute();
      await recordAudit(trx, clock, access, {
        action: 'referral.attachment.add',
        entityType: 'referral',
        entityId: referralId,
        details: { attachment: row.id, contentType, size: file.bytes.length, documentKey: file.documentKey },
      });
      const userId = actorUserId(access);
      const uploadedByName = userId ? await userDisplayName(trx, userId) : undefined;
      return {
        id: row.id,
        fileName,
        contentType,
        size: file.bytes.length,
        documentKey: file.documentKey,
        uploadedAt: now.toISOString(),
        uploadedByName: uploadedByName ?? null,
      };
    } catch (error) {
      await fs.promises.rm(target, { force: true });
      throw error;
    }
  });
}

/** The attachment's bytes, after the referral passed the chokepoint (the read is a recorded disclosure). */
export async function readAttachment(
  db: Db,
  clock: Clock,
  access: AccessContext,
  referralId: string,
  attachmentId: string,
  filesDir: string,
): Promise<{ fileName: string; contentType: AttachmentType; bytes: Buffer }> {
  const row = await db.transaction().execute(async (trx) => {
    await loadVisibleReferral(trx, clock, access, referralId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'REFERRAL_NOT_FOUND')
        throw new AppError('ATTACHMENT_NOT_FOUND', { message: 'No such attachment, or you may not see it.' });
      throw error;
    });
    return trx
      .selectFrom('referral_attachments')
      .selectAll()
      .where('id', '=', attachmentId)
      .where('referral_id', '=', referralId)
      .executeTakeFirst();
  });
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', { message: 'No such attachment, or you may not see it.' });
  const bytes = await fs.promises.readFile(path.join(attachmentsDir(filesDir), row.storage_name)).catch(() => {
    throw new AppError('ATTACHMENT_NOT_FOUND', { message: 'The attachment file is missing.' });
  });
  return { fileName: row.file_name, contentType: row.content_type, bytes };
}
