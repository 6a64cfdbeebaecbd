import type { Locale } from '@equipole/shared';
import type { CalendarOptions } from '@fullcalendar/vue3';
import enGbLocale from '@fullcalendar/vue3/locales/en-gb';
import frLocale from '@fullcalendar/vue3/locales/fr';
import nlLocale from '@fullcalendar/vue3/locales/nl';
import classicTheme from '@fullcalendar/vue3/themes/classic';
import dayGridPlugin from '@fullcalendar/vue3/daygrid';
import interactionPlugin from '@fullcalendar/vue3/interaction';
import listPlugin from '@fullcalendar/vue3/list';
import timeGridPlugin from '@fullcalendar/vue3/timegrid';
import { now } from '@/services/clock';
import { clockFormat } from './clockFormat';
import '@fullcalendar/vue3/skeleton.css';
import '@fullcalendar/vue3/themes/classic/theme.css';
import '@fullcalendar/vue3/themes/classic/palette.css';
import './fullcalendar.css';

/** FullCalendar's plugins (MIT ones only) and language packs, loaded with the booking pages only. */
export const CALENDAR_PLUGINS = [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];

export const CALENDAR_LOCALES: Record<Locale, CalendarOptions['locale']> = { fr: frLocale, nl: nlLocale, en: enGbLocale };

/** What every Equipôle calendar shares: Monday first, 24-hour clock, headings under the page's h2. */
export function baseCalendarOptions(locale: Locale): CalendarOptions {
  return {
    plugins: CALENDAR_PLUGINS,
    locale: CALENDAR_LOCALES[locale],
    firstDay: 1,
    height: 'auto',
    nowIndicator: true,
    // Today, the now-indicator and past slots follow the API's business time.
    now: () => new Date(now()),
    allDaySlot: false,
    headingLevel: 3,
    eventTimeFormat: clockFormat,
    slotHeaderFormat: clockFormat,
    headerToolbar: { start: 'prev,next today', center: 'title', end: 'timeGridDay,timeGridWeek,dayGridMonth' },
    // Below 60 px a column shows only the weekday's initial ("L M M J V S D"): keep the day's number.
    dayHeaderContent: (info) => (info.dayNumberText && !info.text.includes(info.dayNumberText) ? `${info.text} ${info.dayNumberText}` : info.text),
  };
}
