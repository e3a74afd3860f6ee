import { useRef, useState, type FormEvent } from 'react';
import {
  ACCEPTED_EXTENSIONS,
  ATTACHMENT_CATEGORIES,
  declaredTypeOf,
  downloadAttachment,
  newIdempotencyKey,
  uploadAttachment,
  type Attachment,
} from '../../api/cases';
import { ApiProblem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { ProblemBanner } from '../../ui/Problem';
import { formatBytes } from './case-view';

function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem
    ? error
    : new ApiProblem({ type: 'about:blank', title: 'Error', status: 0, code: 'CLIENT_ERROR', detail: String(error) });
}

/** The case file's attachments, with downloads, and an upload form for those who may add to it. */
export function CaseEvidence({
  caseId,
  attachments,
  mayUpload,
  onUploaded,
}: {
  readonly caseId: string;
  readonly attachments: readonly Attachment[];
  readonly mayUpload: boolean;
  readonly onUploaded: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);

  const download = (attachment: Attachment) => {
    setProblem(undefined);
    downloadAttachment(attachment).catch((error: unknown) => setProblem(asProblem(error)));
  };

  return (
    <>
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {attachments.length === 0 ? (
        <p className="case-muted">{t('cases.evidence.none')}</p>
      ) : (
        <table className="grid case-grid">
          <thead>
            <tr>
              <th>{t('cases.col.filename')}</th>
              <th>{t('cases.col.category')}</th>
              <th>{t('cases.col.size')}</th>
              <th>{t('cases.col.uploadedBy')}</th>
              <th>{t('cases.col.uploadedAt')}</th>
              <th>{t('cases.col.sha256')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {attachments.map((attachment) => (
              <tr key={attachment.attachmentId}>
                <td>
                  {attachment.filename}
                  {attachment.description === undefined ? null : <div className="case-muted">{attachment.description}</div>}
                </td>
                <td>{t(`cases.option.category.${attachment.category}`)}</td>
                <td className="case-num">{formatBytes(attachment.sizeBytes)}</td>
                <td>{attachment.uploadedBy.userId}</td>
                <td>{formatDateTime(attachment.uploadedAt)}</td>
                <td>
                  <code className="case-hash" title={attachment.sha256}>
                    {attachment.sha256.slice(0, 12)}…
                  </code>
                </td>
                <td>
                  <button type="button" className="case-link-button" onClick={() => download(attachment)}>
                    {t('cases.evidence.download')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayUpload ? <UploadForm caseId={caseId} onUploaded={onUploaded} /> : null}
    </>
  );
}

function UploadForm({ caseId, onUploaded }: { readonly caseId: string; readonly onUploaded: () => void }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<string>('evidence');
  const [description, setDescription] = useState('');
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [descriptionError, setDescriptionError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  // One key per file chosen: a retry after a lost answer uploads nothing twice.
  const key = useRef(newIdempotencyKey());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setDone(undefined);
    const file = fileInput.current?.files?.[0];
    if (file === undefined) {
      setFileError(t('cases.evidence.chooseFile'));
      return;
    }
    const declared = declaredTypeOf(file.name);
    if (declared === undefined) {
      setFileError(t('cases.evidence.typeNotAllowed', { types: ACCEPTED_EXTENSIONS.join(' ') }));
      return;
    }
    if (description.length > 2000) {
      setDescriptionError(t('cases.form.tooLong', { max: 2000 }));
      return;
    }
    setFileError(undefined);
    setDescriptionError(undefined);
    setSending(true);
    try {
      const stored = await uploadAttachment(caseId, file, declared, { category, description }, key.current);
      key.current = newIdempotencyKey();
      setDone(stored.filename);
      setDescription('');
      if (fileInput.current !== null) {
        fileInput.current.value = '';
      }
      onUploaded();
    } catch (error) {
      const refused = asProblem(error);
      if (refused.status !== 0) {
        key.current = newIdempotencyKey();
      }
      if (refused.field === 'file' || refused.status === 413 || refused.status === 415) {
        setFileError(refused.problem.detail);
      } else if (refused.field === 'description') {
        setDescriptionError(refused.problem.detail);
      } else {
        setProblem(refused);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <form noValidate className="case-upload" aria-label={t('cases.evidence.upload')} onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('cases.evidence.upload')}</h3>
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {done === undefined ? null : (
        <p className="case-done" role="status">
          {t('cases.evidence.uploaded', { name: done })}
        </p>
      )}
      <div className="case-upload__row">
        <Field label={t('cases.field.file')} name="file" error={fileError} hint={t('cases.evidence.accepted')}>
          {(props) => (
            <input
              {...props}
              ref={fileInput}
              type="file"
              accept={ACCEPTED_EXTENSIONS.join(',')}
              onChange={() => {
                setFileError(undefined);
                key.current = newIdempotencyKey();
              }}
            />
          )}
        </Field>
        <Field label={t('cases.field.category')} name="category">
          {(props) => (
            <select {...props} value={category} onChange={(event) => setCategory(event.target.value)}>
              {ATTACHMENT_CATEGORIES.map((option) => (
                <option key={option} value={option}>
                  {t(`cases.option.category.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('cases.field.description')} name="description" error={descriptionError}>
          {(props) => <input {...props} type="text" maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} />}
        </Field>
      </div>
      <button type="submit" disabled={sending}>
        {sending ? t('cases.form.sending') : t('cases.evidence.upload')}
      </button>
    </form>
  );
}
