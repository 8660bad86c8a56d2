import { decodeLogEntry, encodeLogEntry } from '../src/storage/logEntryCodec';

describe('a transcript line as Redis keeps it', () => {
  it('comes back exactly as it was said, in any script, spaces and all', () => {
    for (const line of [
      { from: 'resident', text: 'min søn på 15 vil gerne spille fodbold', timestamp: '2026-12-03T14:00:00.000Z' },
      { from: 'bot', text: 'هل أنت بأمان الآن؟  اتصل بـ 112', timestamp: '2026-12-03T14:00:01.250Z' },
      { from: 'staff', text: ' {"looks": "like json"} ', timestamp: '1970-01-01T00:00:00.000Z' },
      { from: 'resident', text: '', timestamp: '2026-12-03T14:00:02.000Z' },
    ]) {
      expect(decodeLogEntry(encodeLogEntry(line))).toEqual(line);
    }
  });

  it('is much shorter than its JSON', () => {
    const line = { from: 'resident', text: 'hej', timestamp: '2026-12-03T14:00:00.000Z' };
    expect(encodeLogEntry(line).length).toBeLessThan(JSON.stringify(line).length / 3);
  });

  it('keeps anything else, and lines stored as JSON before, as JSON', () => {
    const other = { id: 'a1', type: 'message', text: 'x' };
    expect(encodeLogEntry(other)).toBe(JSON.stringify(other));
    expect(decodeLogEntry(encodeLogEntry(other))).toEqual(other);
    const old = { from: 'bot', text: 'hello', timestamp: '2026-12-03T14:00:00.000Z' };
    expect(decodeLogEntry(JSON.stringify(old))).toEqual(old);
    // A timestamp that would not come back the same stays JSON.
    const odd = { from: 'bot', text: 'hello', timestamp: '2026-12-03T15:00:00+01:00' };
    expect(decodeLogEntry(encodeLogEntry(odd))).toEqual(odd);
  });
});
