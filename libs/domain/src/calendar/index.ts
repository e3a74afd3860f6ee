/** Working-day calendar and deadline arithmetic in China Standard Time (domain.md §4). */
export { type ChinaDate, chinaDateOf, endOfChinaDay } from './china-time';
export {
  type DayKind,
  type WorkingCalendar,
  type WorkingCalendarYear,
  type WorkingDayStatus,
  createWorkingCalendar,
  hasCalendarYear,
  isWorkingDay,
  workingDayStatus,
} from './working-calendar';
export {
  PRC_WORKING_CALENDAR_2025,
  PRC_WORKING_CALENDAR_2026,
  PRC_WORKING_CALENDAR_YEARS,
} from './prc-holiday-calendars';
export {
  type ComputedDeadline,
  type DeadlineRule,
  type DeadlineUnit,
  DEADLINE_UNITS,
  MAX_DEADLINE_DAYS,
  MAX_DEADLINE_HOURS,
  computeDeadline,
  hoursDeadline,
  leadTimeBefore,
  naturalDaysDeadline,
  workingDaysDeadline,
} from './deadline-arithmetic';
export { extendByPause, pausedDays } from './clock-pause';
