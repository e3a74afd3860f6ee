import { useI18n } from '../../i18n/i18n';
import { timeLeft, urgencyOf } from '../../ui/urgency';

/** Time left before a due moment, or past it, coloured by urgency. */
export function TimeLeft({ dueAt, now }: { readonly dueAt: string | null; readonly now: number }) {
  const { t } = useI18n();
  if (dueAt === null) {
    return <span className="urgency--none">{t('inbox.noDeadline')}</span>;
  }
  const left = timeLeft(dueAt, now);
  return (
    <span className={`urgency--${urgencyOf(dueAt, now)}`}>
      {t(left.overdue ? 'cases.left.overdue' : 'cases.left.remaining', { days: left.days, hours: left.hours })}
    </span>
  );
}
