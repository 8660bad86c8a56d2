import { captureLogger } from './helpers/captureLogger';
import { redact } from '../src/log';


describe('logs carry no personal data', () => {
  test('CPR numbers, phone numbers and e-mail addresses are masked in messages and fields', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { text: 'mit cpr er 010190-1234 og 0101901234, ring 12 34 56 78 eller +45 23456789', from: { email: 'fatima.ali@example.dk' } },
      'resident wrote from amir@mail.com, phone 0045 87654321',
    );
    const out = lines.join('');
    const entry = JSON.parse(out);
    expect(out).not.toMatch(/010190-1234|0101901234|12 34 56 78|23456789|87654321|fatima\.ali@example\.dk|amir@mail\.com/);
    expect(entry.text).toBe('mit cpr er [cpr] og [cpr], ring [phone] eller [phone]');
    expect(entry.from.email).toBe('[email]');
    expect(entry.msg).toBe('resident wrote from [email], phone [phone]');
  });

  test('errors are logged with redacted messages and stay structured JSON', () => {
    const { logger, lines } = captureLogger();
    logger.error({ err: new Error('failed for 120588-4321') }, 'turn failed');
    const entry = JSON.parse(lines[0]);
    expect(entry.err.message).toBe('failed for [cpr]');
    expect(entry.level).toBe(50);
  });

  test('ordinary text, times, dates and short numbers stay readable', () => {
    expect(redact('Klubben åbner kl. 14:00 den 15/12, ring 112 eller 1888')).toBe('Klubben åbner kl. 14:00 den 15/12, ring 112 eller 1888');
    expect(redact('waiting since 2026-11-26T10:00:00.000Z, meeting 15.12.2026')).toBe('waiting since 2026-11-26T10:00:00.000Z, meeting 15.12.2026');
  });
});
