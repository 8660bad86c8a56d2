import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import { messageActivity, post, startBot, type RunningBot } from './helpers/testApp';

/**
 * Bodies that are not JSON are refused from their headers (415) before anything reads them: no upload is
 * written to the temp folder, on /api/messages as on a staff route called without a token.
 */
describe('body types and size', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ STAFF_TOKENS: 'anna:0123456789abcdef0123' }, { name: 'bodies' });
  });
  afterAll(async () => {
    await bot.close();
  });

  /** Sends `size` bytes with `contentType`; resolves with the status as soon as the answer arrives. */
  const upload = (path: string, contentType: string, size: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(path, bot.baseUrl);
      const boundary = '----brobygger-test';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const isMultipart = contentType.startsWith('multipart/');
      const payload = Buffer.alloc(size, 0x61);
      const total = isMultipart ? head.length + size + tail.length : size;
      const req = http.request(url, {
        method: 'POST',
        headers: { 'content-type': isMultipart ? `${contentType}; boundary=${boundary}` : contentType, 'content-length': total },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      // The server closes the connection after refusing: the rest of a large upload may fail to send.
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      if (isMultipart) req.write(head);
      req.write(payload);
      if (isMultipart) req.write(tail);
      req.end();
    });

  test('a multipart upload to /api/messages and to a staff route without a token: 415, nothing in the temp folder', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()));
    const toBot = await upload('/api/messages', 'multipart/form-data', 1024 * 1024);
    expect(toBot.status).toBe(415);
    expect(JSON.parse(toBot.body).error).toMatch(/application\/json/);
    const toStaff = await upload('/api/staff/conversations/x/claim', 'multipart/form-data', 5 * 1024 * 1024);
    expect(toStaff.status).toBe(415);
    const newFiles = fs.readdirSync(os.tmpdir()).filter((f) => !before.has(f) && /^upload_|^[0-9a-f]{32}$/.test(f));
    expect(newFiles).toEqual([]);
  });

  test('form and binary bodies are 415 too, a JSON body beyond the limit is 413', async () => {
    expect((await upload('/api/messages', 'application/x-www-form-urlencoded', 1000)).status).toBe(415);
    expect((await upload('/api/messages', 'application/octet-stream', 1000)).status).toBe(415);
    expect((await upload('/api/webchat/token', 'text/plain', 10)).status).toBe(415);
    expect((await upload('/api/messages', 'application/json', 300 * 1024)).status).toBe(413);
  });

  test('the bot still answers JSON, also with a charset, after the refusals', async () => {
    const res = await post(`${bot.baseUrl}/api/messages`, { ...messageActivity('hej'), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    expect(res.body.activities.length).toBeGreaterThan(0);
  });
});
