const B = 'http://127.0.0.1:39781';
(async () => {
  const t = await (await fetch(B + '/api/webchat/token', { method: 'POST' })).json();
  const h = { authorization: 'Bearer ' + t.token, 'content-type': 'application/json' };
  await fetch(B + '/v3/directline/conversations', { method: 'POST', headers: h, body: JSON.stringify({ locale: process.argv[2] }) });
  let wm = 0;
  for (const text of process.argv.slice(3)) {
    await fetch(`${B}/v3/directline/conversations/${t.conversationId}/activities`, { method: 'POST', headers: h, body: JSON.stringify({ type: 'message', text, locale: process.argv[2] }) });
    const page = await (await fetch(`${B}/v3/directline/conversations/${t.conversationId}/activities?watermark=${wm}`, { headers: h })).json();
    wm = page.watermark;
    for (const a of page.activities) console.log(a.from.role, a.locale ?? '', JSON.stringify((a.text ?? '').slice(0, 120)), a.attachments ? a.attachments.map((x) => x.contentType) : '', a.suggestedActions ? a.suggestedActions.actions.map((x) => x.title).join(' | ') : '');
    console.log('---');
  }
})();
