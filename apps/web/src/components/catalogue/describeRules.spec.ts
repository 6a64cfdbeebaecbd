import { DEFAULT_BOOKING_RULES, type BookingRules, type Locale } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { describeRules, formatClock, formatDuration, type Translate } from './describeRules';

function translator(locale: Locale): Translate {
  const { t } = createAppI18n(locale).global;
  return (key, named = {}, plural) => (plural === undefined ? t(key as never, named) : t(key as never, named, plural));
}

const rules = (overrides: Partial<BookingRules> = {}): BookingRules => ({ ...DEFAULT_BOOKING_RULES, ...overrides });
const text = (description: ReturnType<typeof describeRules>, id: string) => description.lines.find((line) => line.id === id)?.text;

describe('describeRules', () => {
  it('gives each day of the week its opening intervals, joined the French way, and says which days are closed', () => {
    const description = describeRules(rules(), 'fr', translator('fr'));

    expect(description.openingHours.map((day) => day.text)).toEqual([
      'Lundi\u00a0: 8:00–12:00 et 13:00–17:00',
      'Mardi\u00a0: 8:00–12:00 et 13:00–17:00',
      'Mercredi\u00a0: 8:00–12:00 et 13:00–17:00',
      'Jeudi\u00a0: 8:00–12:00 et 13:00–17:00',
      'Vendredi\u00a0: 8:00–12:00 et 13:00–17:00',
      'Samedi\u00a0: fermé',
      'Dimanche\u00a0: fermé',
    ]);
    expect(description.openingHours.map((day) => day.closed)).toEqual([false, false, false, false, false, true, true]);
  });

  it('sorts the intervals of a day and lists three of them in Dutch and English', () => {
    const openingHours: BookingRules['openingHours'] = [
      { weekday: 2, start: '18:00', end: '24:00' },
      { weekday: 2, start: '07:30', end: '12:00' },
      { weekday: 2, start: '13:00', end: '17:00' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ];
    const nl = describeRules(rules({ openingHours }), 'nl', translator('nl'));
    const en = describeRules(rules({ openingHours }), 'en', translator('en'));

    expect(nl.openingHours[0].text).toBe('Maandag: gesloten');
    expect(nl.openingHours[1].text).toBe('Dinsdag: 7:30–12:00, 13:00–17:00 en 18:00–24:00');
    expect(nl.openingHours[5].text).toBe('Zaterdag: 9:00–12:00');
    expect(en.openingHours[1].text).toBe('Tuesday: 7:30–12:00, 13:00–17:00 and 18:00–24:00');
    expect(en.openingHours[6].text).toBe('Sunday: closed');
  });

  it('describes the default rules in plain French', () => {
    const description = describeRules(rules(), 'fr', translator('fr'));

    expect(description.lines.map((line) => line.id)).toEqual(['slot', 'duration', 'leadTime', 'horizon', 'buffers', 'approval', 'quota', 'access', 'cancel']);
    expect(text(description, 'slot')).toBe('Réservation par tranches de 30 min.');
    expect(text(description, 'duration')).toBe('De 1 h à 8 h par séance.');
    expect(text(description, 'leadTime')).toBe('Demande au plus tard 1 jour avant le début.');
    expect(text(description, 'horizon')).toBe('Réservable jusqu’à 90 jours à l’avance.');
    expect(text(description, 'buffers')).toBe('Aucun temps de préparation entre deux séances.');
    expect(text(description, 'approval')).toBe('Chaque demande est validée par le propriétaire.');
    expect(text(description, 'quota')).toBe('Pas de quota d’heures.');
    expect(text(description, 'access')).toBe('Toute organisation inscrite peut réserver.');
    expect(text(description, 'cancel')).toBe('Annulation ou modification possible jusqu’à 1 jour avant le début.');
    expect(description.lines[0].label).toBe('Créneaux');
  });

  it('describes buffers, quotas, a fixed duration and cluster access in English', () => {
    const description = describeRules(
      rules({
        minDurationMinutes: 90,
        maxDurationMinutes: 90,
        leadTimeMinutes: 0,
        horizonDays: 1,
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 30,
        approvalMode: 'cluster_automatic',
        quotaWeekMinutes: 600,
        quotaMonthMinutes: 2400,
        accessPolicy: 'clusters',
        cancelCutoffHours: 48,
      }),
      'en',
      translator('en'),
    );

    expect(text(description, 'duration')).toBe('1 h 30 min per session.');
    expect(text(description, 'leadTime')).toBe('Can be booked up to the last minute.');
    expect(text(description, 'horizon')).toBe('Can be booked up to 1 day ahead.');
    expect(text(description, 'buffers')).toBe('15 min of preparation before and 30 min of tidying up after each session are blocked too.');
    expect(text(description, 'quota')).toBe('At most 10 h a week and 40 h a month for each organisation.');
    expect(text(description, 'access')).toBe('Only members of the equipment’s collaboration clusters may book.');
    expect(text(description, 'cancel')).toBe('Cancel or change up to 2 days before the start.');
  });

  it('describes one buffer, one quota and no cancellation cut-off in Dutch', () => {
    const description = describeRules(
      rules({ bufferAfterMinutes: 15, quotaMonthMinutes: 1200, cancelCutoffHours: 0, approvalMode: 'automatic', accessPolicy: 'listed' }),
      'nl',
      translator('nl'),
    );

    expect(text(description, 'buffers')).toBe('15 min opruimen na elke sessie wordt ook vastgehouden.');
    expect(text(description, 'quota')).toBe('Maximaal 20 u per maand per organisatie.');
    expect(text(description, 'approval')).toBe('Aanvragen worden automatisch bevestigd.');
    expect(text(description, 'access')).toBe('Alleen voor organisaties die de eigenaar heeft gekozen.');
    expect(text(description, 'cancel')).toBe('Annuleren of wijzigen kan tot het begin van de sessie.');
    expect(text(description, 'slot')).toBe('Reserveren per blok van 30 min.');
  });
});

describe('formatDuration and formatClock', () => {
  it('writes durations as minutes, hours, hours and minutes, or whole days', () => {
    const t = translator('fr');
    expect(formatDuration(45, t)).toBe('45 min');
    expect(formatDuration(120, t)).toBe('2 h');
    expect(formatDuration(150, t)).toBe('2 h 30');
    expect(formatDuration(2880, t)).toBe('2 jours');
    expect(formatDuration(2880, t, { days: false })).toBe('48 h');
    expect(formatDuration(1500, t)).toBe('25 h');
  });

  it('drops the leading zero of the hour and keeps midnight as 24:00', () => {
    expect(formatClock('08:00')).toBe('8:00');
    expect(formatClock('13:05')).toBe('13:05');
    expect(formatClock('24:00')).toBe('24:00');
  });
});
