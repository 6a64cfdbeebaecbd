import { bookingUid, invitation, newCalendar, senderAddress, vtimezone } from './calendar';

const ENTRY = {
  uid: bookingUid('b1'), sequence: 2, start: new Date('2027-06-02T08:00:00Z'), end: new Date('2027-06-02T10:00:00Z'), zone: 'Europe/Brussels',
  summary: 'Tour CNC — Centre Escaut', description: 'Lycée\nhttps://x/bookings/b1', location: 'Halle', url: 'https://x/bookings/b1', status: 'confirmed' as const,
};

describe('calendar', () => {
  it('describes a zone’s real offset changes in a VTIMEZONE', () => {
    const text = vtimezone('Europe/Brussels', 2027, 2027)!;
    expect(text).toContain('TZID:Europe/Brussels');
    // Summer time starts on the last Sunday of March at 02:00 local, ends on the last Sunday of October at 03:00 local.
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET');
    expect(vtimezone('Asia/Kolkata', 2027, 2027)).toContain('TZOFFSETTO:+0530');
    expect(vtimezone('Not/AZone', 2027, 2027)).toBeNull();
  });

  it('writes events in the site’s zone with the booking’s UID and SEQUENCE', () => {
    const text = newCalendar({ entries: [ENTRY] }).toString();
    expect(text).toContain(`UID:${bookingUid('b1')}`);
    expect(text).toContain('SEQUENCE:2');
    expect(text).toContain('DTSTART;TZID=Europe/Brussels:20270602T100000');
    expect(text).toContain('DTEND;TZID=Europe/Brussels:20270602T120000');
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  });

  it('makes REQUEST and CANCEL invitations for one event', () => {
    const organizer = senderAddress('Equipôle <no-reply@equipole.localhost>');
    expect(organizer).toEqual({ name: 'Equipôle', email: 'no-reply@equipole.localhost' });
    const request = invitation('REQUEST', ENTRY, organizer, { name: 'Nadia', email: 'nadia@example.test' });
    const cancel = invitation('CANCEL', { ...ENTRY, status: 'cancelled' }, organizer, { name: 'Nadia', email: 'nadia@example.test' });
    expect(request).toContain('METHOD:REQUEST');
    expect(request).toContain('ORGANIZER;CN="Equipôle":mailto:no-reply@equipole.localhost');
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain('STATUS:CANCELLED');
  });
});
