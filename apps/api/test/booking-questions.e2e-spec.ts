import { DateTime } from 'luxon';
import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 240, leadTimeMinutes: 0, horizonDays: 120,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 24, allowedOrganisationIds: [],
};

/** A local weekday some weeks ahead, at a time of day. */
function at(weekday: number, weeksAhead: number, time: string): DateTime {
  let day = now(ZONE).startOf('day').plus({ weeks: weeksAhead });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute });
}

/** Partners' own questions per item: set by its managers, answered in booking requests, enforced by the API. */
describe('booking questions', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let resourceId: string;
  let managerCookie: string;
  let teacherCookie: string;
  let questions: { id: string; kind: string; required: boolean; labels: Record<string, string | null>; options: string[] }[];

  const book = (start: DateTime, extra: Record<string, unknown>) =>
    t.http().post('/api/bookings').set('Cookie', teacherCookie)
      .send({ resourceId, organisationId: school, purpose: 'course', start: start.toISO(), end: start.plus({ hours: 2 }).toISO(), ...extra });
  const bookingCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM bookings WHERE resource_id = $1', [resourceId]))[0].n as number;
  const byKind = (kind: string) => questions.find((q) => q.kind === kind)!.id;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[owner, 'manager']] })).email);
    teacherCookie = await signIn(t, (await createUser(t.dataSource, { locale: 'en', memberships: [[school, 'member']] })).email);
    const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    resourceId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: 'Presse plieuse', rules: RULES }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('lets the item’s managers set questions of every kind, and nobody else', async () => {
    const body = {
      questions: [
        { kind: 'text', required: true, labelFr: 'Pièce à réaliser', labelEn: 'Part to make' },
        { kind: 'number', required: false, labelFr: 'Épaisseur de tôle (mm)' },
        { kind: 'choice', required: true, labelFr: 'Matériau', labelNl: 'Materiaal', options: ['Acier', 'Inox', 'Aluminium'] },
        { kind: 'yes_no', required: false, labelFr: 'Équipements de protection apportés ?' },
      ],
    };
    await t.http().put(`/api/resources/${resourceId}/questions`).set('Cookie', teacherCookie).send(body).expect(404);
    const saved = await t.http().put(`/api/resources/${resourceId}/questions`).set('Cookie', managerCookie).send(body).expect(200);
    questions = saved.body;
    expect(questions.map((q) => [q.kind, q.required, q.labels.fr])).toEqual([
      ['text', true, 'Pièce à réaliser'], ['number', false, 'Épaisseur de tôle (mm)'], ['choice', true, 'Matériau'], ['yes_no', false, 'Équipements de protection apportés ?'],
    ]);
    expect(questions[2].options).toEqual(['Acier', 'Inox', 'Aluminium']);
    // Anyone reads them (the booking form shows them).
    expect((await t.http().get(`/api/resources/${resourceId}/questions`).expect(200)).body).toEqual(questions);
  });

  it('refuses a question without a label, a choice without options and options on a yes/no question, field by field', async () => {
    const response = await t.http().put(`/api/resources/${resourceId}/questions`).set('Cookie', managerCookie)
      .send({ questions: [{ kind: 'text' }, { kind: 'choice', labelFr: 'Matériau' }, { kind: 'yes_no', labelFr: 'Oui ?', options: ['oui'] }] }).expect(400);
    expect(response.body.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'questions.0.labelFr', message: 'Ce champ est obligatoire.' }),
      expect.objectContaining({ field: 'questions.1.options' }),
      expect.objectContaining({ field: 'questions.2.options' }),
    ]));
    expect((await t.http().get(`/api/resources/${resourceId}/questions`).expect(200)).body).toEqual(questions);
  });

  it('refuses a request without a required answer (400, field by field, translated) and creates nothing', async () => {
    const response = await book(at(2, 2, '08:00'), { answers: { [byKind('choice')]: 'Inox' } }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: `answers.${byKind('text')}`, message: 'This field is required.' })]);
    const series = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({
      resourceId, organisationId: school, purpose: 'course', weekdays: [3], startTime: '08:00', endTime: '10:00',
      startsOn: at(3, 2, '00:00').toISODate(), endsOn: at(3, 4, '00:00').toISODate(), mode: 'skip_conflicts', answers: {},
    }).expect(400);
    expect(series.body.details.map((d: { field: string }) => d.field).sort()).toEqual([`answers.${byKind('choice')}`, `answers.${byKind('text')}`].sort());
    expect(await bookingCount()).toBe(0);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM booking_series'))[0].n).toBe(0);
  });

  it.each([
    ['a number question answered with text', 'number', 'thick', 'Must be a number.'],
    ['a choice outside its options', 'choice', 'Bois', 'Value not allowed.'],
    ['a yes/no question answered with text', 'yes_no', 'yes', 'Must be true or false.'],
    ['a text question answered with a number', 'text', 12, 'Must be text.'],
  ])('refuses %s with a 400 on that answer and creates nothing', async (_name, kind, value, message) => {
    const answers: Record<string, unknown> = { [byKind('text')]: 'Équerres', [byKind('choice')]: 'Acier', [byKind(kind)]: value };
    const response = await book(at(2, 2, '08:00'), { answers }).expect(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field: `answers.${byKind(kind)}`, message })]);
    expect(await bookingCount()).toBe(0);
  });

  it('refuses an answer to a question the item does not ask', async () => {
    const stranger = '00000000-0000-4000-8000-000000000000';
    const response = await book(at(2, 2, '08:00'), { answers: { [byKind('text')]: 'Équerres', [byKind('choice')]: 'Acier', [stranger]: 'x' } }).expect(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field: `answers.${stranger}` })]);
    expect(await bookingCount()).toBe(0);
  });

  it('stores the answers with the booking, shows them to the booker and the item’s managers, and lists them for the export', async () => {
    const answers = { [byKind('text')]: '  Équerres  ', [byKind('number')]: 1.5, [byKind('choice')]: 'Inox', [byKind('yes_no')]: true };
    const created = await book(at(2, 2, '08:00'), { answers }).expect(201);
    const expected = [
      { questionId: byKind('text'), kind: 'text', labels: { fr: 'Pièce à réaliser', nl: null, en: 'Part to make' }, value: 'Équerres' },
      { questionId: byKind('number'), kind: 'number', labels: { fr: 'Épaisseur de tôle (mm)', nl: null, en: null }, value: 1.5 },
      { questionId: byKind('choice'), kind: 'choice', labels: { fr: 'Matériau', nl: 'Materiaal', en: null }, value: 'Inox' },
      { questionId: byKind('yes_no'), kind: 'yes_no', labels: { fr: 'Équipements de protection apportés ?', nl: null, en: null }, value: true },
    ];
    expect(created.body.answers).toEqual(expected);
    expect((await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', teacherCookie).expect(200)).body.answers).toEqual(expected);
    expect((await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', managerCookie).expect(200)).body.answers).toEqual(expected);
    // The CSV export reads the inbox and the lists: the answers come with every booking.
    const inbox = await t.http().get('/api/bookings').query({ scope: 'inbox', limit: 50, offset: 0 }).set('Cookie', managerCookie).expect(200);
    expect(inbox.body.items.find((b: { id: string }) => b.id === created.body.id).answers).toEqual(expected);
    // Outsiders see nothing of the booking.
    const outsiderCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[await createOrganisation(t.dataSource, { name: 'Autre' }), 'member']] })).email);
    await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', outsiderCookie).expect(404);
  });

  it('stores the answers on every booking of a series', async () => {
    const result = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({
      resourceId, organisationId: school, purpose: 'course', weekdays: [4], startTime: '08:00', endTime: '10:00',
      startsOn: at(4, 2, '00:00').toISODate(), endsOn: at(4, 4, '00:00').plus({ days: 1 }).toISODate(), mode: 'skip_conflicts',
      answers: { [byKind('text')]: 'Cornières', [byKind('choice')]: 'Aluminium' },
    }).expect(201);
    expect(result.body.booked).toBe(3);
    const rows = await t.dataSource.query(
      `SELECT a.booking_id, a.value FROM booking_answers a JOIN bookings b ON b.id = a.booking_id WHERE b.series_id = $1 AND a.question_id = $2`,
      [result.body.seriesId, byKind('choice')],
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r: { value: unknown }) => r.value === 'Aluminium')).toBe(true);
  });

  it('keeps the answers of questions kept, and deletes a removed question with its answers', async () => {
    const kept = questions.filter((q) => q.kind !== 'number').map((q) => ({ id: q.id, kind: q.kind, required: q.required, labelFr: q.labels.fr, labelNl: q.labels.nl, labelEn: q.labels.en, options: q.options }));
    const saved = await t.http().put(`/api/resources/${resourceId}/questions`).set('Cookie', managerCookie).send({ questions: kept.reverse() }).expect(200);
    expect(saved.body.map((q: { id: string }) => q.id)).toEqual(kept.map((q) => q.id));
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM booking_answers WHERE question_id = $1', [byKind('number')]);
    expect(n).toBe(0);
    const [{ m }] = await t.dataSource.query('SELECT count(*)::int AS m FROM booking_answers WHERE question_id = $1', [byKind('choice')]);
    expect(m).toBe(4);
    // An id of another item's question is not this item's: 404, and nothing changed.
    await t.http().put(`/api/resources/${resourceId}/questions`).set('Cookie', managerCookie)
      .send({ questions: [{ id: '00000000-0000-4000-8000-000000000000', kind: 'text', labelFr: 'x' }] }).expect(404);
    expect((await t.http().get(`/api/resources/${resourceId}/questions`).expect(200)).body.map((q: { id: string }) => q.id)).toEqual(kept.map((q) => q.id));
  });
});

/** A campaign request answers the questions of the items it may be served on; publication copies the answers onto the bookings. */
describe('booking questions in campaigns', () => {
  let t: TestApp;
  let partner: string;
  let itemId: string;
  let managerCookie: string;
  let school: string;
  let schoolCookie: string;
  let campaignId: string;
  let questionId: string;
  const monday = now(ZONE).startOf('week').plus({ weeks: 3 });
  const windowClosesAt = now(ZONE).plus({ days: 1 }).startOf('hour');
  const CLASS = { level: 'secondary', year: 5, section: 'Logistique' };

  beforeAll(async () => {
    t = await startTestApp();
    partner = await createOrganisation(t.dataSource, { name: 'Centre de compétence Logistique', kind: 'training_centre' });
    managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[partner, 'manager']] })).email);
    const siteId = (await t.http().post(`/api/organisations/${partner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    itemId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: partner, siteId, kind: 'vehicle', capacity: 24, nameFr: 'Chariot élévateur', rules: { ...RULES, maxDurationMinutes: 480, leadTimeMinutes: 24 * 60 } }).expect(201)).body.id;
    questionId = (await t.http().put(`/api/resources/${itemId}/questions`).set('Cookie', managerCookie)
      .send({ questions: [{ kind: 'yes_no', required: true, labelFr: 'Les élèves ont-ils leur attestation VCA ?' }] }).expect(200)).body[0].id;
    school = await createOrganisation(t.dataSource, { name: 'Athénée Royal' });
    schoolCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[school, 'member']] })).email);
    campaignId = (await t.http().post('/api/campaigns').set('Cookie', managerCookie).send({
      organisationId: partner, name: 'Chariots', resourceIds: [itemId], periodStart: monday.toISODate(), periodEnd: monday.plus({ days: 4 }).toISODate(),
      windowOpensAt: now(ZONE).minus({ hours: 1 }).toISO(), windowClosesAt: windowClosesAt.toISO(), publishBy: monday.minus({ days: 7 }).toISODate(),
      sessionMinutes: 240, eligibleKinds: ['school'], eligibleLevels: [],
    }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('refuses a request without the required answer, for the item or for its kind, and stores the answer given', async () => {
    const request = (body: object) => t.http().post(`/api/campaigns/${campaignId}/requests`).set('Cookie', schoolCookie).send({ organisationId: school, sessions: 2, pupils: 12, class: CLASS, ...body });
    const missing = await request({ resourceId: itemId }).expect(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: `answers.${questionId}`, constraint: 'isNotEmpty' })]);
    const wrong = await request({ resourceKind: 'vehicle', answers: { [questionId]: 'oui' } }).expect(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: `answers.${questionId}`, constraint: 'isBoolean' })]);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM campaign_requests'))[0].n).toBe(0);
    const created = await request({ resourceKind: 'vehicle', answers: { [questionId]: true } }).expect(201);
    expect(created.body.requests[0].answers).toEqual({ [questionId]: true });
    // Editing checks them again.
    await t.http().put(`/api/campaigns/${campaignId}/requests/${created.body.requests[0].id}`).set('Cookie', schoolCookie)
      .send({ organisationId: school, resourceKind: 'vehicle', sessions: 2, pupils: 12, class: CLASS, answers: {} }).expect(400);
  });

  it('copies the answers onto every booking the publication makes', async () => {
    t.clock.set(windowClosesAt.plus({ minutes: 1 }).toMillis());
    await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', managerCookie).send({ seed: 'x' }).expect(200);
    await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', managerCookie).expect(200);
    const rows = await t.dataSource.query(
      'SELECT b.id, a.value FROM bookings b LEFT JOIN booking_answers a ON a.booking_id = b.id AND a.question_id = $2 WHERE b.campaign_id = $1',
      [campaignId, questionId],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r: { value: unknown }) => r.value === true)).toBe(true);
    const booking = await t.http().get(`/api/bookings/${rows[0].id}`).set('Cookie', schoolCookie).expect(200);
    expect(booking.body.answers).toEqual([expect.objectContaining({ questionId, kind: 'yes_no', value: true })]);
  });
});
